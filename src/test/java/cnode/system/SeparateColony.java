package cnode.system;

import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code cnode colony} in a process of its own (this build's class path), so that a
 * test can freeze it with SIGSTOP and let it run on with SIGCONT while nodes keep talking to
 * it. Its log (standard error) goes to a file; its URL is read from the "colony up" line and
 * its admin token from the data folder. Closing continues a stopped process first, then ends
 * it. Owned by the test thread that started it.
 */
final class SeparateColony implements AutoCloseable {
    private static final Pattern UP = Pattern.compile("colony up: (http://127\\.0\\.0\\.1:\\d+)");
    private static final long START_MS = 60_000;

    private final Process process;
    private final Path data;
    private final URI url;
    private final ColonyClient client;

    private SeparateColony(Process process, Path data, URI url) {
        this.process = process;
        this.data = data;
        this.url = url;
        this.client = new ColonyClient(url, ClientLimits.defaults());
    }

    /** Starts {@code cnode colony --port 0 --data DATA flags...} and waits for its URL. */
    static SeparateColony start(Path data, Path log, String... flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            "cnode.Main", "colony", "--port", "0", "--data", data.toString()));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(log.toFile()).start();
        long giveUpAt = System.currentTimeMillis() + START_MS;
        while (System.currentTimeMillis() < giveUpAt && process.isAlive()) {
            Matcher up = UP.matcher(Files.readString(log));
            if (up.find()) {
                return new SeparateColony(process, data, URI.create(up.group(1)));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("the colony did not log its URL: " + Files.readString(log));
    }

    URI url() {
        return url;
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

    /** SIGSTOP: the colony answers nothing until {@link #resume}. */
    void suspend() throws IOException, InterruptedException {
        Signals.stop(process.pid());
    }

    /** SIGCONT: the colony answers again, the requests queued meanwhile first. */
    void resume() throws IOException, InterruptedException {
        Signals.resume(process.pid());
    }

    @Override
    public void close() throws IOException {
        client.close();
        try {
            if (process.isAlive()) {
                Signals.resume(process.pid());
            }
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException stop) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
