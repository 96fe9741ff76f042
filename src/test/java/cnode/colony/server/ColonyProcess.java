package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code cnode colony} process started from the test's class path, its log (standard
 * error) going to a file that is read as it grows: a file rather than a pipe, because
 * {@link Process#destroy()} closes the pipes and the lines written while stopping would be
 * lost. Its URL is read from the log's "colony up" line. Every wait is bounded. Owned by the
 * test thread that started it.
 */
record ColonyProcess(Process process, Path log, URI url) {
    private static final Pattern UP = Pattern.compile("colony up: (http://127\\.0\\.0\\.1:\\d+)");

    /** What a {@code cnode} command that ends by itself left: exit code and both outputs. */
    record Run(int exit, String out, String err) {}

    /** The command line running {@code cnode args...} in a new JVM. */
    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "cnode.Main"));
        command.addAll(args);
        return command;
    }

    /** Runs a {@code cnode} command that ends by itself within 60 s. */
    static Run run(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(List.of(args))).start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("cnode %s ended by itself", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(),
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
            new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    /** Starts {@code cnode colony --port 0 --data DATA flags...} and waits for its URL. */
    static ColonyProcess start(Path data, Path log, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("colony", "--port", "0", "--data",
            data.toString()));
        args.addAll(List.of(flags));
        Process process = new ProcessBuilder(command(args))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(log.toFile()).start();
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadlineNs && process.isAlive()) {
            Matcher up = UP.matcher(Files.readString(log));
            if (up.find()) {
                return new ColonyProcess(process, log, URI.create(up.group(1)));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("the colony did not log its URL: " + Files.readString(log));
    }

    /** A client of this colony with the default limits; the caller closes it. */
    ColonyClient client() {
        return new ColonyClient(url, ClientLimits.defaults());
    }

    /** SIGTERM; returns the whole log once the process has ended. */
    String stop() throws Exception {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        return Files.readString(log);
    }

    /** SIGKILL, and wait (bounded) until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended on SIGKILL").isTrue();
    }
}
