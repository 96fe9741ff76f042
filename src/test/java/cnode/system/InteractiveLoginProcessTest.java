package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.node.NodeState;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnode node -i} as a separate process: without a terminal it reads the username and
 * password from standard input, logs in once the colony answers, and the password shows
 * neither on its command line nor in its log.
 */
class InteractiveLoginProcessTest {
    private static final String PASSWORD = "typed-in-password-7";

    @TempDir
    Path root;

    @Test
    void aNodeAsksForItsLoginOnStandardInput() throws Exception {
        try (Network network = Network.start(root)) {
            NodeHarness registrar = network.node("registrar");
            Network.awaitState(registrar, NodeState.VUI_CONNECTED);
            Network.register(registrar, "typed.shop", PASSWORD, true);
            int soap = Network.freePort();
            Path log = root.resolve("node.log");
            Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "cnode.Main", "node", "-i",
                "--soap-port", Integer.toString(soap),
                "--p2p-port", "0",
                "--colony", network.colony().url().toString(),
                "--data", root.resolve("typed").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(("typed.shop\n" + PASSWORD + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                }
                String hello = awaitReady(soap, process);
                assertThat(hello).contains("<username>typed.shop</username>");
            } finally {
                process.destroy();
                assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.readString(log)).contains("typed.shop").doesNotContain(PASSWORD);
            assertThat(process.info().commandLine().orElse("")).doesNotContain(PASSWORD);
        }
    }

    private static String awaitReady(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String envelope = cnode.Envelopes.call("hello", "");
        long giveUpAt = System.currentTimeMillis() + Network.WAIT_MS;
        String last = "";
        while (System.currentTimeMillis() < giveUpAt && process.isAlive()) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/")).header("Content-Type", "text/xml").timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                if (last.contains("<status>VUI_READY</status>")) {
                    return last;
                }
            } catch (java.io.IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node never became ready; last answer " + last);
    }
}
