package cnode.colony.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.colony.server.Access;
import cnode.colony.server.Call;
import cnode.colony.server.ColonyHarness;
import cnode.colony.server.Endpoint;
import cnode.colony.server.NoBody;
import cnode.colony.server.Route;
import cnode.money.Denominations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client library against a real colony (plus test routes) and against sockets that
 * misbehave: typed replies, refusals as values, and exceptions only when no answer of the
 * colony arrives (unreachable, too slow, too large, not its JSON).
 */
class ColonyClientTest {
    /** A reply with a field {@link HealthReply} does not know, as a newer colony might send. */
    record Newer(String status, long since) {}

    record Big(String text) {}

    /** Answers a fixed reply. */
    record Fixed(Object reply) implements Endpoint<NoBody, Object> {
        @Override
        public Class<NoBody> requestType() {
            return NoBody.class;
        }

        @Override
        public CompletionStage<Outcome<Object>> handle(NoBody request, Call call) {
            return Endpoint.reply(reply);
        }
    }

    @TempDir
    static Path data;
    private static ColonyHarness colony;
    private static ColonyClient client;

    @BeforeAll
    static void start() throws Exception {
        colony = ColonyHarness.start(data, List.of(
            Route.get("/v1/test/newer", Access.PUBLIC, new Fixed(new Newer("UP", 5))),
            Route.get("/v1/test/partial", Access.PUBLIC, new Fixed(new Big("x"))),
            Route.get("/v1/test/big", Access.PUBLIC, new Fixed(new Big("b".repeat(5_000))))));
        client = new ColonyClient(colony.url(), ClientLimits.defaults());
    }

    @AfterAll
    static void stop() {
        client.close();
        colony.close();
    }

    @Test
    void typedRepliesOfTheBuiltInEndpoints() throws Exception {
        assertThat(client.health()).isEqualTo(Outcome.ok(HealthReply.UP));
        Outcome<CurrenciesReply> currencies = client.currencies();
        assertThat(currencies).isInstanceOf(Outcome.Ok.class);
        CurrenciesReply reply = ((Outcome.Ok<CurrenciesReply>) currencies).reply();
        assertThat(reply.faceValues()).isEqualTo(Denominations.faceValues());
        assertThat(reply.currencies()).first()
            .isEqualTo(new CurrenciesReply.Rated("PLN", 1000));
        try (ColonyClient slash = new ColonyClient(URI.create(colony.url() + "/"),
            ClientLimits.defaults())) {
            assertThat(slash.health()).isEqualTo(Outcome.ok(HealthReply.UP));
        }
    }

    @Test
    void namedErrorsArriveAsRefusalValues() throws Exception {
        Outcome<HealthReply> missing = client.get("/v1/nothing", HealthReply.class);
        assertThat(missing).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
            Refusal refusal = refused.refusal();
            assertThat(refusal.status()).isEqualTo(404);
            assertThat(refusal.is(EdgeRefusal.NOT_FOUND)).isTrue();
            assertThat(refusal.message()).contains("/v1/nothing");
        });
        ColonyAdmin admin = new ColonyAdmin(client);
        assertThat(client.get("/v1/admin/ping", AdminPingReply.class)).isEqualTo(
            Outcome.refused(EdgeRefusal.ADMIN_TOKEN_REQUIRED.refusal("This endpoint needs the"
                + " admin token: send Authorization: Bearer <token>, the token being the"
                + " content of admin.token in the colony's data folder.")));
        Outcome<AdminPingReply> wrong = admin.ping(new BearerToken("wrong-token"));
        assertThat(wrong).isInstanceOfSatisfying(Outcome.Refused.class,
            refused -> assertThat(refused.refusal().is(EdgeRefusal.ADMIN_TOKEN_INVALID))
                .isTrue());
        assertThat(admin.ping(new BearerToken(colony.token())))
            .isEqualTo(Outcome.ok(AdminPingReply.OK));
        Outcome<HealthReply> post = client.post("/health", new HealthReply("x"),
            HealthReply.class);
        assertThat(post).isInstanceOfSatisfying(Outcome.Refused.class,
            refused -> assertThat(refused.refusal().status()).isEqualTo(405));
    }

    @Test
    void repliesAreReadTolerantlyButNeverIncompletely() throws Exception {
        assertThat(client.get("/v1/test/newer", HealthReply.class))
            .isEqualTo(Outcome.ok(HealthReply.UP));
        assertThatThrownBy(() -> client.get("/v1/test/partial", HealthReply.class))
            .isInstanceOf(IOException.class).hasMessageContaining("not the expected JSON");
    }

    @Test
    void aReplyLargerThanTheLimitIsAnIoFailure() throws Exception {
        try (ColonyClient small = new ColonyClient(colony.url(),
            new ClientLimits(2_000, 5_000, 1_024))) {
            assertThatThrownBy(() -> small.get("/v1/test/big", Big.class))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than 1024");
            assertThat(small.health()).isEqualTo(Outcome.ok(HealthReply.UP));
        }
    }

    @Test
    void anUnreachableColonyIsAnIoFailure() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (ColonyClient nobody = new ColonyClient(URI.create("http://127.0.0.1:" + port),
            ClientLimits.defaults())) {
            assertThatThrownBy(nobody::health).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aSilentServerTimesOutWithinTheBound() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             ColonyClient impatient = new ColonyClient(
                 URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                 new ClientLimits(1_000, 300, 1_024))) {
            long startNs = System.nanoTime();
            assertThatThrownBy(impatient::health).isInstanceOf(HttpTimeoutException.class);
            assertThat((System.nanoTime() - startNs) / 1_000_000).isLessThan(10_000);
        }
    }

    @Test
    void anAnswerThatIsNotTheColonysShapeIsAnIoFailure() throws Exception {
        String html = answer("502 Bad Gateway", "text/html", "<html>x</html>");
        String odd = answer("418 Teapot", "application/json",
            "{\"error\":\"tea\",\"message\":\"brew\"}");
        for (String answer : List.of(html, odd)) {
            try (ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                 ColonyClient behind = new ColonyClient(
                     URI.create("http://127.0.0.1:" + proxy.getLocalPort()),
                     ClientLimits.defaults())) {
                Thread.ofVirtual().start(() -> answerOnce(proxy, answer));
                assertThatThrownBy(behind::health).isInstanceOf(IOException.class)
                    .hasMessageContaining("GET /health");
            }
        }
    }

    private static String answer(String status, String type, String body) {
        return "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: "
            + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static void answerOnce(ServerSocket server, String answer) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            }
            OutputStream out = socket.getOutputStream();
            out.write(answer.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException closed) {
            return;
        }
    }

    @Test
    void valuesGuardTheirShape() {
        assertThat(new BearerToken("abc").toString()).doesNotContain("abc");
        assertThatThrownBy(() -> new BearerToken("a b")).isInstanceOf(
            IllegalArgumentException.class);
        assertThatThrownBy(() -> new BearerToken("a\r\nX: y")).isInstanceOf(
            IllegalArgumentException.class);
        assertThatThrownBy(() -> new Refusal(200, "OK", "x")).isInstanceOf(
            IllegalArgumentException.class);
        assertThatThrownBy(() -> new Refusal(400, "lower", "x")).isInstanceOf(
            IllegalArgumentException.class);
        assertThat(new Refusal(400, "LONG", "m".repeat(5_000)).message())
            .hasSize(Refusal.MESSAGE_CHARS_MAX);
        assertThatThrownBy(() -> new ColonyClient(URI.create("ftp://x"),
            ClientLimits.defaults())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientLimits(0, 1, 1_024)).isInstanceOf(
            IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientLimits(1, 600_001, 1_024)).isInstanceOf(
            IllegalArgumentException.class);
    }
}
