package cnode.colony.server;

import cnode.cli.ColonyConfig;
import cnode.colony.store.MemoryColonyStore;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real colony for tests: the production composition root on a free loopback port with a
 * temporary data folder, optionally with extra routes (test endpoints that exercise the edge),
 * and raw clients that speak to it over real sockets: the JDK's HTTP client for arbitrary
 * requests, and a plain socket for bytes no client library would send.
 */
public final class ColonyHarness implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private final Colony colony;

    private ColonyHarness(Colony colony) {
        this.colony = colony;
    }

    /** A colony with the built-in routes, {@code extra} routes and the given extra flags. */
    public static ColonyHarness start(Path data, List<Route> extra, String... flags)
        throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data", data.toString()));
        args.addAll(List.of(flags));
        return new ColonyHarness(
            Colony.start(ColonyConfig.parse(args), new MemoryColonyStore(), extra));
    }

    public static ColonyHarness start(Path data) throws Exception {
        return start(data, List.of());
    }

    public URI url() {
        return colony.url();
    }

    public int port() {
        return colony.port();
    }

    public Colony colony() {
        return colony;
    }

    /** The admin token as the colony wrote it. */
    public String token() throws IOException {
        return Files.readString(colony.adminTokenFile()).strip();
    }

    /** Sends {@code method path} with optional body and headers (name, value pairs). */
    public HttpResponse<String> send(String method, String path, byte[] body, String... headers)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url().resolve(path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path, String... headers)
        throws IOException, InterruptedException {
        return send("GET", path, null, headers);
    }

    /** POSTs {@code json} as {@code application/json}. */
    public HttpResponse<String> postJson(String path, String json)
        throws IOException, InterruptedException {
        return send("POST", path, json.getBytes(StandardCharsets.UTF_8),
            "Content-Type", "application/json");
    }

    /** Writes {@code request} bytes as they are and reads one response (null if none). */
    public RawResponse raw(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return RawResponse.read(socket.getInputStream());
        }
    }

    @Override
    public void close() {
        colony.close();
    }

    /** One HTTP/1.1 response read off a socket: status, headers as text, body. */
    public record RawResponse(int status, String headers, String body) {
        static RawResponse read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            int b;
            while (matched < 4 && (b = in.read()) >= 0) {
                head.write(b);
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            }
            if (matched < 4) {
                return null;
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String lower = text.toLowerCase(Locale.ROOT);
            int at = lower.indexOf("content-length:");
            byte[] body;
            if (at >= 0) {
                int end = lower.indexOf("\r\n", at);
                body = in.readNBytes(Integer.parseInt(text.substring(at + 15, end).strip()));
            } else {
                body = new byte[0];
            }
            return new RawResponse(Integer.parseInt(text.substring(9, 12)), text,
                new String(body, StandardCharsets.UTF_8));
        }
    }
}
