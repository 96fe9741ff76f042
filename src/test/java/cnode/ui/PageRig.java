package cnode.ui;

import cnode.api.SoapEndpoint;
import cnode.api.Wsdl;
import cnode.http.HttpLimits;
import cnode.http.HttpServer;
import cnode.http.NodeHttpHandler;
import cnode.money.Currency;
import cnode.node.NodeState;
import cnode.soap.SoapCodec;
import cnode.soap.SoapLimits;
import cnode.wallet.Decisions;
import cnode.wallet.PendingDecision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The wallet page on a real HTTP port: the node's router ({@link NodeHttpHandler}, with an
 * empty SOAP endpoint) in front of a {@link WalletPageHandler} whose view is a fake the test
 * sets, and a real {@link Decisions} desk the test offers requests to. Port 0 on loopback.
 */
final class PageRig implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** This rig's client, closed first so that the server does not wait out its connections. */
    final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    final Decisions decisions;
    final AtomicReference<List<PageView.Balance>> balances = new AtomicReference<>(
        List.of(new PageView.Balance(Currency.PLN, 500_000, 0, 0)));
    final AtomicReference<String> username = new AtomicReference<>("bruno");
    private final HttpServer server;

    private PageRig(int pendingMax, PageLimits limits) throws Exception {
        decisions = new Decisions(pendingMax);
        WalletPageHandler page = new WalletPageHandler(this::view, decisions, "127.0.0.1",
            limits);
        NodeHttpHandler router = new NodeHttpHandler(
            new SoapEndpoint(new SoapCodec(SoapLimits.defaults()), List.of()),
            new Wsdl(List.of(), "127.0.0.1:0"), () -> "{\"status\":\"up\"}\n", 256 * 1024,
            page);
        server = new HttpServer("127.0.0.1", 0, HttpLimits.defaults(256 * 1024), router);
        server.start();
    }

    /** A page with the default limits but no self-reload, so a browser test is not raced. */
    static PageRig start() throws Exception {
        return new PageRig(16, new PageLimits(8 * 1024, 3_600, 2_000));
    }

    static PageRig start(int pendingMax, PageLimits limits) throws Exception {
        return new PageRig(pendingMax, limits);
    }

    PageView view() {
        return new PageView(username.get(), NodeState.VUI_READY, balances.get(),
            decisions.pending());
    }

    int port() {
        return server.port();
    }

    String origin() {
        return "http://127.0.0.1:" + port();
    }

    URI uri(String path) {
        return URI.create(origin() + path);
    }

    /** A request of {@code billons} PLN from alice, with a fresh id. */
    static PendingDecision request(long billons, String title) {
        String id = String.format("%026d", SEQUENCE.incrementAndGet()).replace('0', 'A');
        return new PendingDecision(id, "alice", PendingDecision.Kind.PAYMENT_REQUEST, billons,
            Currency.PLN, title, "Order 17: two coffees", 1_700_000_000_000L);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
            .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The page's CSRF token, as a fresh browser gets it in its cookie. */
    String token() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/ui/");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        String pair = cookie.substring(0, cookie.indexOf(';'));
        return pair.substring(pair.indexOf('=') + 1);
    }

    /** Writes raw request bytes on a fresh connection and returns the whole answer as text. */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }
}
