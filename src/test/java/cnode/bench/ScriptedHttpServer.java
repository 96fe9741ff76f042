package cnode.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on a loopback port for the generator client's tests: it reads each
 * request (head and Content-Length body) and answers with the next scripted reply's bytes as
 * they are, so a test chooses the framing, the sizes and when the connection closes. Counts
 * the connections it accepted and keeps every request's text. Serves one connection at a time
 * on its own thread; the script, the requests and the count are safe to read from the test.
 */
final class ScriptedHttpServer implements AutoCloseable {
    private static final int WAIT_SECONDS = 10;

    private final ServerSocket server;
    private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread thread;
    private volatile Socket current;

    /**
     * One scripted reply: bytes written as they are (none: no answer at all), then the
     * connection closed when {@code closeAfter}.
     */
    record Reply(byte[] bytes, boolean closeAfter) {
        static Reply of(String text) {
            return new Reply(text.getBytes(StandardCharsets.ISO_8859_1), false);
        }

        static Reply closing(String text) {
            return new Reply(text.getBytes(StandardCharsets.ISO_8859_1), true);
        }

        /** A 200 answer with {@code body} and its Content-Length. */
        static Reply ok(String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return of("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n"
                + new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    ScriptedHttpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        thread = Thread.ofPlatform().name("scripted-http").daemon().start(this::serve);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Every request read so far, head and body as text, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** Adds replies to the script, answered in order. */
    void then(Reply... replies) {
        script.addAll(List.of(replies));
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                accepted.incrementAndGet();
                current = socket;
                socket.setSoTimeout(WAIT_SECONDS * 1_000);
                converse(socket);
            } catch (IOException closed) {
                // The server closed, or the client dropped the connection: on to the next.
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    private void converse(Socket socket) throws IOException, InterruptedException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (true) {
            String request = readRequest(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            Reply reply = script.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (reply == null) {
                return;
            }
            out.write(reply.bytes());
            out.flush();
            if (reply.closeAfter()) {
                return;
            }
        }
    }

    /** One request's head and body as text; null when the client closed between requests. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        int length = at < 0 ? 0
            : Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).strip());
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket open = current;
        if (open != null) {
            open.close();
        }
        thread.interrupt();
        try {
            thread.join(WAIT_SECONDS * 1_000L);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
