package cnode.colony.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.colony.server.ColonyHarness;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounds of the client on Jetty's HTTP client, against sockets that misbehave: a reply over
 * {@link ClientLimits#replyBytesMax()} is refused before it is all read, a stalled or trickling
 * answer ends at {@link ClientLimits#requestTimeoutMs()}, a full request queue and a refused
 * connection are I/O failures, an interrupt aborts the call, the request carries exactly the
 * documented headers, and {@link ColonyClient#close()} leaves no thread behind.
 */
class ColonyClientBoundsTest {
    private static final ClientLimits SMALL = new ClientLimits(2_000, 5_000, 1_024);

    @TempDir
    Path data;

    @Test
    void anEndlessChunkedReplyIsRefusedLongBeforeItEnds() throws Exception {
        long offered = 64L * 1_024 * 1_024;
        AtomicLong written = new AtomicLong();
        byte[] chunk = ("1000\r\n" + "x".repeat(4_096) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        try (RawColony colony = new RawColony((in, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            while (written.get() < offered) {
                out.write(chunk);
                written.addAndGet(4_096);
            }
        }); ColonyClient client = new ColonyClient(colony.url(""), SMALL)) {
            assertThatThrownBy(client::health).isInstanceOf(IOException.class)
                .hasMessage("the colony's answer to GET /health is larger than 1024 bytes");
            // The client closed the connection: the colony could not write it all.
            assertThat(written.get()).isLessThan(offered / 4);
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnyBodyArrives() throws Exception {
        try (RawColony colony = new RawColony((in, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1025\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawColony.SILENT.answer(in, out);
        }); ColonyClient client = new ColonyClient(colony.url(""), SMALL)) {
            // Were the body awaited, this would be a timeout after 5 s instead.
            assertThatThrownBy(client::health).isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("larger than 1024 bytes");
        }
    }

    @Test
    void aSilentColonyTimesOutWithinTheRequestBound() throws Exception {
        try (RawColony colony = new RawColony(RawColony.SILENT);
             ColonyClient client = new ColonyClient(colony.url(""),
                 new ClientLimits(1_000, 400, 1_024))) {
            long startNs = System.nanoTime();
            assertThatThrownBy(client::health).isInstanceOf(HttpTimeoutException.class)
                .hasMessage("the colony did not answer GET /health within 400 ms");
            long tookMs = (System.nanoTime() - startNs) / 1_000_000;
            assertThat(tookMs).isBetween(390L, 400L + 2_000);
        }
    }

    @Test
    void aTricklingAnswerIsBoundedAsAWhole() throws Exception {
        try (RawColony colony = new RawColony((in, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1_000; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(50); // the misbehaviour under test: one byte every 50 ms
            }
        }); ColonyClient client = new ColonyClient(colony.url(""),
            new ClientLimits(1_000, 500, 2_048))) {
            long startNs = System.nanoTime();
            assertThatThrownBy(client::health).isInstanceOf(HttpTimeoutException.class);
            assertThat((System.nanoTime() - startNs) / 1_000_000).isLessThan(500L + 2_000);
        }
    }

    @Test
    void aRefusedConnectionIsAnIoFailure() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (ColonyClient client = new ColonyClient(URI.create("http://127.0.0.1:" + port),
            SMALL)) {
            assertThatThrownBy(() -> client.get("/v1/currencies", CurrenciesReply.class))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("GET /v1/currencies");
        }
    }

    @Test
    void httpsToAPlainPortIsAnIoFailure() throws Exception {
        try (ColonyHarness colony = ColonyHarness.start(data);
             ColonyClient client = new ColonyClient(
                 URI.create("https://127.0.0.1:" + colony.port()), SMALL)) {
            assertThatThrownBy(client::health).isInstanceOf(IOException.class)
                .hasMessageContaining("GET /health");
        }
    }

    @Test
    void callsBeyondTheConnectionsAndTheQueueAreRefused() throws Exception {
        int calls = ColonyClient.CONNECTIONS_MAX + ColonyClient.QUEUED_MAX + 40;
        List<Future<Throwable>> results = new ArrayList<>();
        try (RawColony colony = new RawColony(RawColony.SILENT);
             ColonyClient client = new ColonyClient(colony.url(""),
                 new ClientLimits(2_000, 1_500, 1_024));
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                results.add(callers.submit(() -> failureOf(client)));
            }
            int refused = 0;
            for (Future<Throwable> result : results) {
                Throwable failure = result.get();
                assertThat(failure).isInstanceOf(IOException.class);
                if (!(failure instanceof HttpTimeoutException)) {
                    assertThat(failure).hasMessageContaining("queued");
                    refused++;
                }
            }
            // At least those past every connection and the queue; at most those past the queue.
            assertThat(refused).isBetween(40, 40 + ColonyClient.CONNECTIONS_MAX);
        }
    }

    private static Throwable failureOf(ColonyClient client) throws InterruptedException {
        try {
            return new AssertionError("answered: " + client.health());
        } catch (IOException failure) {
            return failure;
        }
    }

    @Test
    void anInterruptAbortsTheCall() throws Exception {
        try (RawColony colony = new RawColony(RawColony.SILENT);
             ColonyClient client = new ColonyClient(colony.url(""), SMALL)) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    outcome.complete(new AssertionError("answered: " + client.health()));
                } catch (IOException | InterruptedException failure) {
                    outcome.complete(failure);
                }
            });
            colony.received().take(); // the request is on the wire
            long startNs = System.nanoTime();
            caller.interrupt();
            assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
            assertThat((System.nanoTime() - startNs) / 1_000_000).isLessThan(2_000);
        }
    }

    record Note(String text) {}

    @Test
    void theRequestCarriesExactlyTheDocumentedHeaders() throws Exception {
        byte[] reply = RawColony.answer("200 OK", "Content-Type: application/json\r\n"
            + "Set-Cookie: tracked=1\r\n", "{\"text\":\"done\"}");
        try (RawColony colony = new RawColony((in, out) -> out.write(reply));
             ColonyClient client = new ColonyClient(colony.url("/colony/"), SMALL)) {
            assertThat(client.call("PUT", "/v1/notes?at=1", new Note("hi"), Note.class,
                new SessionToken("abc123"))).isEqualTo(Outcome.ok(new Note("done")));
            assertThat(client.get("/health", Note.class, new BearerToken("admin-token")))
                .isEqualTo(Outcome.ok(new Note("done")));
            String put = colony.received().take();
            assertThat(put).startsWith("PUT /colony/v1/notes?at=1 HTTP/1.1\r\n")
                .containsIgnoringCase("\r\nAccept: application/json\r\n")
                .containsIgnoringCase("\r\nAuthorization: Session abc123\r\n")
                .containsIgnoringCase("\r\nContent-Type: application/json\r\n")
                .doesNotContainIgnoringCase("Accept-Encoding")
                .endsWith("\r\n\r\n{\"text\":\"hi\"}");
            String get = colony.received().take();
            assertThat(get).startsWith("GET /colony/health HTTP/1.1\r\n")
                .containsIgnoringCase("\r\nAuthorization: Bearer admin-token\r\n")
                .doesNotContainIgnoringCase("Cookie")
                .doesNotContainIgnoringCase("Content-Type");
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        byte[] redirect = RawColony.answer("302 Found", "Location: /elsewhere\r\n", "");
        try (RawColony colony = new RawColony((in, out) -> out.write(redirect));
             ColonyClient client = new ColonyClient(colony.url(""), SMALL)) {
            assertThatThrownBy(client::health).isInstanceOf(IOException.class)
                .hasMessageContaining("GET /health");
            assertThat(colony.received()).hasSize(1);
        }
    }

    @Test
    void closedClientsLeaveNoThreadBehind() throws Exception {
        int before = clientThreads();
        int liveBefore = Thread.activeCount();
        try (ColonyHarness colony = ColonyHarness.start(data)) {
            List<ColonyClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    ColonyClient client = new ColonyClient(colony.url(), SMALL);
                    clients.add(client);
                    assertThat(client.health()).isEqualTo(Outcome.ok(HealthReply.UP));
                }
                // Each open client has at least its selector thread.
                assertThat(clientThreads()).isGreaterThanOrEqualTo(before + 50);
            } finally {
                clients.forEach(ColonyClient::close);
            }
            assertThat(clientThreads()).isEqualTo(before);
        }
        assertThat(Thread.activeCount()).isLessThan(liveBefore + 10);
    }

    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.isAlive() && thread.getName().startsWith("colony-client"))
            .count();
    }
}
