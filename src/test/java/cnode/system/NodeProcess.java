package cnode.system;

import cnode.Envelopes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node as a separate process ({@code cnode.Main node} on this build's class path), so a test
 * can SIGKILL it mid-work and start it again on the same data. Its output goes to a log file.
 */
final class NodeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final int soapPort;

    private NodeProcess(Process process, int soapPort) {
        this.process = process;
        this.soapPort = soapPort;
    }

    static NodeProcess start(Path data, Path log, int soapPort, String... flags)
        throws IOException {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            "cnode.Main", "node", "--soap-port", Integer.toString(soapPort), "--p2p-port", "0",
            "--data", data.toString()));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new NodeProcess(process, soapPort);
    }

    /** Calls an operation; empty fields when the node does not answer (yet). */
    Map<String, String> call(String operation, String params) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + soapPort + "/"))
                .header("Content-Type", "text/xml").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Envelopes.call(operation, params)))
                .build(), HttpResponse.BodyHandlers.ofString());
            return Envelopes.returnFields(response.body());
        } catch (Exception notYet) {
            return Map.of();
        }
    }

    /** Waits until {@code hello} says {@code state}. */
    void awaitState(String state) throws InterruptedException {
        Network.await(() -> state.equals(call("hello", "").get("status")),
            () -> "the node process never reached " + state);
    }

    /** SIGKILL: the process ends at once, without closing anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException stop) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The process id, for the signals a test sends it (SIGSTOP and SIGCONT, see Signals). */
    long pid() {
        return process.pid();
    }

    /** Calls an operation; the whole response body, or null when the node does not answer. */
    String body(String operation, String params) {
        try {
            return HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + soapPort + "/"))
                .header("Content-Type", "text/xml").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Envelopes.call(operation, params)))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
