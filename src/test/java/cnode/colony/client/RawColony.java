package cnode.colony.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A loopback socket that plays the colony by a script, one request per connection: it reads
 * the request (head and {@code Content-Length} body), records it, and lets the script answer
 * with raw bytes, or not at all. For what a real colony never does: stall, trickle, send too
 * much. Each connection is served on its own virtual thread; {@link #close()} closes them all.
 */
final class RawColony implements AutoCloseable {
    /** How to answer one request; returning ends the connection. */
    interface Script {
        void answer(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    /** Answers nothing and waits until the client gives up (closes the connection). */
    static final Script SILENT = (in, out) -> in.transferTo(OutputStream.nullOutputStream());

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    RawColony(Script script) throws IOException {
        this.server = new ServerSocket(0, 2_000, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> accept(script));
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** The requests received so far, each its head and body as text, oldest first. */
    BlockingQueue<String> received() {
        return received;
    }

    /** A whole HTTP/1.1 answer with a {@code Content-Length} and {@code Connection: close}. */
    static byte[] answer(String status, String headers, String body) {
        return ("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + body.length()
            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    private void accept(Script script) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket, script));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = head(in);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            received.add(head + new String(body, StandardCharsets.UTF_8));
            script.answer(in, socket.getOutputStream());
        } catch (IOException | InterruptedException gone) {
            return;
        } finally {
            open.remove(socket);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4 && head.size() < 65_536) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before the end of its request head");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
