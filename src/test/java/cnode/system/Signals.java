package cnode.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * POSIX job-control signals for processes a test started itself, by pid: SIGSTOP freezes a
 * process (its sockets stay open and the kernel keeps accepting connections into its backlog,
 * but nothing is answered), SIGCONT lets it run on. Each waits, bounded, until the kernel shows
 * the process in the state the signal asks for, so a test acts on a process that really is
 * stopped. Linux only ({@code kill} and {@code /proc}). Stateless.
 */
final class Signals {
    private static final long WAIT_MS = 10_000;

    private Signals() {}

    /** SIGSTOP, then waits until the process is stopped. */
    static void stop(long pid) throws IOException, InterruptedException {
        send("STOP", pid);
        awaitStopped(pid, true);
    }

    /** SIGCONT, then waits until the process runs again (or has ended). */
    static void resume(long pid) throws IOException, InterruptedException {
        send("CONT", pid);
        awaitStopped(pid, false);
    }

    private static void send(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
            .redirectErrorStream(true).start();
        if (!kill.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
            kill.destroyForcibly();
            throw new AssertionError("kill -" + signal + " " + pid + " did not end");
        }
        if (kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + pid + " failed: "
                + new String(kill.getInputStream().readAllBytes()));
        }
    }

    private static void awaitStopped(long pid, boolean stopped) throws InterruptedException {
        long giveUpAt = System.currentTimeMillis() + WAIT_MS;
        while (stopped(pid) != stopped) {
            if (System.currentTimeMillis() > giveUpAt) {
                throw new AssertionError("process " + pid + (stopped ? " never stopped"
                    : " never ran again"));
            }
            Thread.sleep(5);
        }
    }

    /** The state letter after the command name in {@code /proc/PID/stat}: T when stopped. */
    private static boolean stopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("T");
        } catch (IOException gone) {
            return false;
        }
    }
}
