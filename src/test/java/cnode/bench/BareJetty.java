package cnode.bench;

import cnode.http.HttpLimits;
import cnode.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The baseline of the HTTP benchmark: the node's own {@link HttpServer} and
 * {@link HttpLimits#defaults} around a handler that answers every request with the same fixed
 * bytes (a getTaskStatus response captured from a node), without parsing the request or looking
 * anything up. It reads the request body exactly as the node's handler does, so the gap between
 * the two is the SOAP codec, the operation and the task lookup. Stateless; any Jetty thread.
 *
 * <p>{@code BareJetty PORT RESPONSE_FILE} serves until the process is stopped.
 */
final class BareJetty extends Handler.Abstract {
    private static final String XML = "text/xml; charset=utf-8";
    private static final int BODY_BYTES_MAX = 256 * 1024;

    private final byte[] answer;

    BareJetty(byte[] answer) {
        this.answer = answer.clone();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].matches("[0-9]{1,5}")) {
            System.err.println("usage: BareJetty PORT RESPONSE_FILE");
            System.exit(2);
        }
        HttpServer server = start(Integer.parseInt(args[0]), Files.readAllBytes(Path.of(args[1])));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("bare jetty up on 127.0.0.1:" + server.port());
        stopped.await();
    }

    /** Starts serving {@code answer} on loopback; the caller closes the server. */
    static HttpServer start(int port, byte[] answer) throws Exception {
        HttpServer server = new HttpServer("127.0.0.1", port,
            HttpLimits.defaults(BODY_BYTES_MAX), new BareJetty(answer));
        server.start();
        return server;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        consume(request);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, XML);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.length);
        response.write(true, ByteBuffer.wrap(answer), callback);
        return true;
    }

    /** Reads the body the way the node does: its declared length, or up to the limit. */
    private static void consume(Request request) {
        long declared = request.getLength();
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared >= 0 && declared <= BODY_BYTES_MAX) {
                in.readNBytes((int) declared);
            } else {
                in.readNBytes(BODY_BYTES_MAX + 1);
            }
        } catch (IOException broken) {
            // A broken request still gets the fixed answer; the benchmark counts only replies.
        }
    }
}
