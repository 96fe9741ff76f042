package cnode;

import cnode.cli.NodeConfig;
import cnode.stdx.Clock;
import cnode.task.TaskEngine;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real node for tests: the production composition root started on a free loopback port with
 * a temporary data folder, and clients that speak to it over real sockets (the JDK's HTTP
 * client, and a raw socket for byte-exact and pipelined requests).
 */
public final class NodeHarness implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private final Node node;

    private NodeHarness(Node node) {
        this.node = node;
    }

    public static NodeHarness start(Path data, Clock clock, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--soap-port", "0", "--data",
            data.toString()));
        args.addAll(List.of(flags));
        if (!args.contains("--p2p-port")) {
            args.addAll(List.of("--p2p-port", "0"));
        }
        if (!args.contains("--colony")) {
            // No colony listens on the discard port: the node stays VUI_CONNECTING instead
            // of joining whatever colony (a running demo, say) has the default port.
            args.addAll(List.of("--colony", "http://127.0.0.1:9"));
        }
        return new NodeHarness(Node.start(NodeConfig.parse(args), clock));
    }

    /** The node's engine: tests create and step tasks through its Java API. */
    public TaskEngine engine() {
        return node.engine();
    }

    public int port() {
        return node.soapPort();
    }

    /** The node's lookups of users in the directory. */
    public cnode.peer.UserLocator locator() {
        return node.locator();
    }

    /** The node's outgoing peer links. */
    public cnode.peer.PeerClient peers() {
        return node.peers();
    }

    public int p2pPort() {
        return node.p2pPort();
    }

    /** The node's life: its state and logged-in user, as {@code hello} reports them. */
    public cnode.node.NodeLife life() {
        return node.life();
    }

    /** Calls {@code operation} with {@code params} (raw XML) and returns the return's fields. */
    public java.util.Map<String, String> call(String operation, String params) throws Exception {
        HttpResponse<String> response = post(Envelopes.call(operation, params));
        if (response.statusCode() != 200) {
            throw new AssertionError(operation + " answered HTTP " + response.statusCode()
                + ": " + response.body());
        }
        return Envelopes.returnFields(response.body());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** POSTs a SOAP body (UTF-8) to {@code /} and returns the answer. */
    public HttpResponse<String> post(String xml) throws IOException, InterruptedException {
        return post("/", xml.getBytes(StandardCharsets.UTF_8), "text/xml; charset=utf-8");
    }

    HttpResponse<String> post(String path, byte[] body, String contentType)
        throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(40))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code request} bytes as they are on a fresh connection, then reads {@code count}
     * HTTP responses from it (or fewer, if the server closes first).
     */
    List<RawResponse> raw(byte[] request, int count) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(20_000);
            // Written on its own thread while this one reads: a node that refuses a body
            // answers and closes before the body is all sent, and the answer must be read as
            // it arrives, before the reset that the unread rest of the body provokes.
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException closedEarly) {
                    // The node closed the connection first; its answer is what counts.
                }
            });
            InputStream in = socket.getInputStream();
            List<RawResponse> responses = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RawResponse response = RawResponse.read(in);
                if (response == null) {
                    break;
                }
                responses.add(response);
            }
            joinQuietly(writer);
            return responses;
        }
    }

    private static void joinQuietly(Thread writer) throws IOException {
        try {
            writer.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        }
    }

    @Override
    public void close() {
        node.close();
    }

    /** One HTTP/1.1 response read off a socket: status, headers as text, body. */
    record RawResponse(int status, String headers, String body) {
        static RawResponse read(InputStream in) throws IOException {
            String head = readHead(in);
            if (head == null) {
                return null;
            }
            int status = Integer.parseInt(head.substring(9, 12));
            String lower = head.toLowerCase(java.util.Locale.ROOT);
            byte[] body;
            int at = lower.indexOf("content-length:");
            if (at >= 0) {
                int end = lower.indexOf("\r\n", at);
                int length = Integer.parseInt(head.substring(at + 15, end).strip());
                body = in.readNBytes(length);
            } else if (lower.contains("transfer-encoding: chunked")) {
                body = readChunked(in);
            } else {
                body = in.readAllBytes();
            }
            return new RawResponse(status, head, new String(body, StandardCharsets.UTF_8));
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                if (matched == 4) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    if (b != '\r') {
                        line.append((char) b);
                    }
                }
                int size = Integer.parseInt(line.toString().strip(), 16);
                if (size == 0) {
                    in.readNBytes(2);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                in.readNBytes(2);
            }
        }
    }
}
