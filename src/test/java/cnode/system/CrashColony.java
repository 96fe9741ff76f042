package cnode.system;

import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code cnode colony} process (SQLite in its own data folder) on a fixed loopback port,
 * so that it can be SIGKILLed and started again on the same data and the same URL while nodes
 * keep its address. Each start logs (standard error) to a file of its own, numbered, in which
 * the "colony up" line is awaited. The current process is volatile: the chaos thread restarts
 * it while others read its URL and call {@link #client()}; starts and kills are made by one
 * thread at a time (the test's, then the chaos thread's).
 */
final class CrashColony implements AutoCloseable {
    private static final long START_MS = 60_000;

    private final Path data;
    private final Path logs;
    private final int port;
    private final ColonyClient client;
    private volatile Process process;
    private int starts;

    private CrashColony(Path data, Path logs, int port) {
        this.data = data;
        this.logs = logs;
        this.port = port;
        this.client = new ColonyClient(url(), ClientLimits.defaults());
    }

    /** Starts the colony on {@code port}, with data in {@code data}, logs in {@code logs}. */
    static CrashColony start(Path data, Path logs, int port) throws Exception {
        CrashColony colony = new CrashColony(data, logs, port);
        colony.restart();
        return colony;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    ColonyClient client() {
        return client;
    }

    ColonyAdmin admin() {
        return new ColonyAdmin(client);
    }

    BearerToken token() throws IOException {
        return new BearerToken(Files.readString(data.resolve("admin.token")).strip());
    }

    long pid() {
        return process.pid();
    }

    /** Starts a new process on the same data and port; waits (bounded) for its up line. */
    void restart() throws Exception {
        Path log = logs.resolve("colony-" + starts++ + ".log");
        Process started = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            "cnode.Main", "colony", "--port", Integer.toString(port), "--data", data.toString()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(log.toFile()).start();
        process = started;
        long giveUpAtMs = System.currentTimeMillis() + START_MS;
        while (System.currentTimeMillis() < giveUpAtMs && started.isAlive()) {
            if (Files.readString(log).contains("colony up: " + url())) {
                return;
            }
            Thread.sleep(50);
        }
        started.destroyForcibly();
        throw new AssertionError("the colony did not come up on port " + port + ": "
            + Files.readString(log));
    }

    /** SIGKILL, and wait (bounded) until the process is gone. */
    void kill() throws InterruptedException {
        Process current = process;
        current.destroyForcibly();
        if (!current.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("colony " + current.pid() + " outlived SIGKILL");
        }
    }

    @Override
    public void close() {
        client.close();
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                current.destroyForcibly();
                current.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException stop) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
