package cnode.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One blocking, keep-alive HTTP/1.1 connection to a port on 127.0.0.1, for the bench's load
 * generator: {@code POST /} with a body, one call at a time, the answer read in full before the
 * next call. The bench counts the generator's CPU against the node it measures, and the JDK's
 * {@code HttpClient} spent most of the generator's share in its asynchronous machinery
 * (selector thread, event registration, future chains); a plain socket read by the calling
 * thread costs a few system calls per call.
 *
 * <p>Answers are read with {@code Content-Length}, {@code Transfer-Encoding: chunked}, or up to
 * the end of the connection when neither is given; {@code Connection: close} (or an HTTP/1.0
 * answer without keep-alive) closes the connection after the answer. Bounded by {@link Limits}:
 * the header section, the body, the time a call may take, and how long an idle connection is
 * trusted before a fresh one is opened (the server closes idle ones; a stale one would fail the
 * next call). Any I/O failure closes the connection and is thrown; the next call connects anew.
 * Nothing is retried: the caller decides what a lost call means.
 *
 * <p>Not thread-safe: owned by one thread, which also closes it.
 */
final class KeepAliveHttp implements AutoCloseable {
    private static final byte[] CRLF2 = ascii("\r\n\r\n");
    private static final int INTERIM_ANSWERS_MAX = 8;
    private static final int CHUNK_LINE_BYTES_MAX = 1_024;

    private final int port;
    private final Limits limits;
    private final byte[] head;
    private final byte[] buffer;
    private byte[] request = new byte[1_024];
    private int bufferStart;
    private int bufferEnd;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastUsedNs;
    private long deadlineNs;
    private int connects;

    /**
     * The generator's bounds.
     *
     * @param connectTimeoutMs longest wait for a connection
     * @param callTimeoutMs longest a call may take, sending to the last byte of the answer
     * @param headerBytesMax largest answer header section (status line and headers)
     * @param bodyBytesMax largest answer body
     * @param idleReuseMs a connection idle longer than this is replaced before use
     */
    record Limits(int connectTimeoutMs, int callTimeoutMs, int headerBytesMax, int bodyBytesMax,
                  int idleReuseMs) {
        Limits {
            if (connectTimeoutMs <= 0 || callTimeoutMs <= 0 || headerBytesMax < 256
                || bodyBytesMax <= 0 || idleReuseMs <= 0) {
                throw new IllegalArgumentException("HTTP client limits out of range");
            }
        }

        /**
         * 5 s to connect; 30 s a call (waitForTask waits up to 20 s); 16 KiB of headers; 1 MiB
         * of body; 10 s of idleness, a third of the node's idle timeout (30 s).
         */
        static Limits defaults() {
            return new Limits(5_000, 30_000, 16 * 1_024, 1_024 * 1_024, 10_000);
        }
    }

    /** An answer: the HTTP status and the whole body. */
    record Answer(int status, byte[] body) {}

    /** A connection to 127.0.0.1:{@code port}; it connects on the first call. */
    KeepAliveHttp(int port, Limits limits) {
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.limits = limits;
        this.head = ascii("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port
            + "\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: ");
        this.buffer = new byte[limits.headerBytesMax()];
    }

    /** Connections opened so far: one while keep-alive holds. */
    int connects() {
        return connects;
    }

    /**
     * POSTs the first {@code length} bytes of {@code body} to {@code /} and reads the answer.
     * Throws when the connection or the answer breaks, or a bound is passed; the connection is
     * then closed.
     */
    Answer post(byte[] body, int length) throws IOException {
        try {
            deadlineNs = System.nanoTime() + limits.callTimeoutMs() * 1_000_000L;
            if (socket != null && System.nanoTime() - lastUsedNs
                > limits.idleReuseMs() * 1_000_000L) {
                close();
            }
            if (socket == null) {
                connect();
            }
            send(body, length);
            Answer answer = receive();
            lastUsedNs = System.nanoTime();
            return answer;
        } catch (IOException | RuntimeException broken) {
            close();
            throw broken;
        }
    }

    private void connect() throws IOException {
        Socket fresh = new Socket();
        try {
            fresh.setTcpNoDelay(true);
            fresh.connect(new InetSocketAddress(InetAddress.getByAddress(
                new byte[] {127, 0, 0, 1}), port), limits.connectTimeoutMs());
            fresh.setSoTimeout(limits.callTimeoutMs());
        } catch (IOException failed) {
            fresh.close();
            throw failed;
        }
        socket = fresh;
        in = fresh.getInputStream();
        out = fresh.getOutputStream();
        bufferStart = 0;
        bufferEnd = 0;
        connects++;
    }

    /** The request line, headers and body in one write: one segment on loopback. */
    private void send(byte[] body, int length) throws IOException {
        byte[] digits = ascii(Integer.toString(length));
        int size = head.length + digits.length + CRLF2.length + length;
        if (request.length < size) {
            request = new byte[Math.max(size, request.length * 2)];
        }
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(digits, 0, request, head.length, digits.length);
        System.arraycopy(CRLF2, 0, request, head.length + digits.length, CRLF2.length);
        System.arraycopy(body, 0, request, size - length, length);
        out.write(request, 0, size);
    }

    private Answer receive() throws IOException {
        for (int interim = 0; interim <= INTERIM_ANSWERS_MAX; interim++) {
            Head answer = Head.parse(readHead());
            if (answer.status() >= 200) {
                byte[] body = answer.status() == 204 || answer.status() == 304 ? new byte[0]
                    : answer.chunked() ? chunked()
                    : answer.length() >= 0 ? exactly(answer.length()) : untilClosed();
                if (answer.closes() || answer.length() < 0 && !answer.chunked()) {
                    close();
                }
                return new Answer(answer.status(), body);
            }
        }
        throw new IOException("more than " + INTERIM_ANSWERS_MAX + " interim (1xx) answers");
    }

    /** The header section up to its blank line, as ISO-8859-1 text, bounded. */
    private String readHead() throws IOException {
        compact();
        int scanned = bufferStart;
        while (true) {
            for (int i = Math.max(bufferStart, scanned - 3); i + 3 < bufferEnd; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r'
                    && buffer[i + 3] == '\n') {
                    String text = new String(buffer, bufferStart, i + 2 - bufferStart,
                        StandardCharsets.ISO_8859_1);
                    bufferStart = i + 4;
                    return text;
                }
            }
            scanned = bufferEnd;
            if (bufferEnd == buffer.length) {
                throw new IOException("answer header section larger than "
                    + limits.headerBytesMax() + " bytes");
            }
            if (!fill()) {
                throw new IOException("connection closed before an answer's headers ended");
            }
        }
    }

    private byte[] exactly(long length) throws IOException {
        if (length > limits.bodyBytesMax()) {
            throw new IOException("answer body of " + length + " bytes is larger than "
                + limits.bodyBytesMax());
        }
        byte[] body = new byte[(int) length];
        int have = Math.min(body.length, bufferEnd - bufferStart);
        System.arraycopy(buffer, bufferStart, body, 0, have);
        bufferStart += have;
        while (have < body.length) {
            checkDeadline();
            int read = in.read(body, have, body.length - have);
            if (read < 0) {
                throw new IOException("connection closed after " + have + " of " + length
                    + " body bytes");
            }
            have += read;
        }
        return body;
    }

    private byte[] chunked() throws IOException {
        Body body = new Body(limits.bodyBytesMax());
        while (true) {
            String line = readLine(CHUNK_LINE_BYTES_MAX);
            int extension = line.indexOf(';');
            long size = hex((extension < 0 ? line : line.substring(0, extension)).strip());
            if (size == 0) {
                break;
            }
            body.add(exactly(Math.min(size, body.room() + 1L)));
            if (!readLine(2).isEmpty()) {
                throw new IOException("a chunk is longer than its declared size");
            }
        }
        int trailers = 0;
        while (!readLine(limits.headerBytesMax()).isEmpty()) {
            if (++trailers > 100) {
                throw new IOException("more than 100 trailer lines");
            }
        }
        return body.bytes();
    }

    private byte[] untilClosed() throws IOException {
        Body body = new Body(limits.bodyBytesMax());
        while (true) {
            if (bufferEnd > bufferStart) {
                body.add(Arrays.copyOfRange(buffer, bufferStart, bufferEnd));
                bufferStart = bufferEnd;
            }
            compact();
            if (!fill()) {
                return body.bytes();
            }
        }
    }

    /** One CRLF-ended line without its end, at most {@code bytesMax} bytes before it. */
    private String readLine(int bytesMax) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (bufferStart == bufferEnd) {
                compact();
                if (!fill()) {
                    throw new IOException("connection closed inside a chunked body");
                }
            }
            byte b = buffer[bufferStart++];
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1)
                    : line.toString();
            }
            if (line.length() > bytesMax) {
                throw new IOException("a chunked body's line is longer than " + bytesMax);
            }
            line.append((char) (b & 0xff));
        }
    }

    private static long hex(String digits) throws IOException {
        if (digits.isEmpty() || digits.length() > 8) {
            throw new IOException("bad chunk size \"" + digits + "\"");
        }
        try {
            return Long.parseLong(digits, 16);
        } catch (NumberFormatException bad) {
            throw new IOException("bad chunk size \"" + digits + "\"", bad);
        }
    }

    /** Moves unread bytes to the front, so a whole header section fits after them. */
    private void compact() {
        if (bufferStart > 0) {
            System.arraycopy(buffer, bufferStart, buffer, 0, bufferEnd - bufferStart);
            bufferEnd -= bufferStart;
            bufferStart = 0;
        }
    }

    /** Reads more into the buffer's free end; false at the end of the stream. */
    private boolean fill() throws IOException {
        checkDeadline();
        int read = in.read(buffer, bufferEnd, buffer.length - bufferEnd);
        if (read < 0) {
            return false;
        }
        bufferEnd += read;
        return true;
    }

    private void checkDeadline() throws SocketTimeoutException {
        if (System.nanoTime() - deadlineNs > 0) {
            throw new SocketTimeoutException("the call took longer than "
                + limits.callTimeoutMs() + " ms");
        }
    }

    /** Closes the connection, if open; the next call opens a new one. */
    @Override
    public void close() {
        Socket open = socket;
        socket = null;
        in = null;
        out = null;
        bufferStart = 0;
        bufferEnd = 0;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // Closing a socket that is already broken: nothing is left to release.
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * What an answer's header section says about reading its body.
     *
     * @param length the Content-Length, or -1 when none is given
     * @param closes whether the server closes the connection after this answer
     */
    private record Head(int status, long length, boolean chunked, boolean closes) {
        /** Parses the status line and the three headers that matter; the rest is skipped. */
        static Head parse(String text) throws IOException {
            int lineEnd = text.indexOf("\r\n");
            if (!text.startsWith("HTTP/1.") || lineEnd < 12 || text.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x status line: " + printable(text));
            }
            int status = (int) number(text.substring(9, 12));
            boolean closes = text.charAt(7) == '0';
            long length = -1;
            boolean chunked = false;
            for (int at = lineEnd + 2; at < text.length(); ) {
                int end = text.indexOf("\r\n", at);
                int colon = text.indexOf(':', at);
                if (colon < 0 || colon > end) {
                    throw new IOException("a header line without a colon: "
                        + printable(text.substring(at, end)));
                }
                if (named(text, at, colon, "content-length")) {
                    long declared = number(text.substring(colon + 1, end).strip());
                    if (length >= 0 && declared != length) {
                        throw new IOException("two different Content-Length headers");
                    }
                    length = declared;
                } else if (named(text, at, colon, "transfer-encoding")) {
                    chunked = lower(text, colon, end).endsWith("chunked");
                } else if (named(text, at, colon, "connection")) {
                    String tokens = lower(text, colon, end);
                    closes = tokens.contains("close") || closes && !tokens.contains("keep-alive");
                }
                at = end + 2;
            }
            return new Head(status, length, chunked, closes);
        }

        private static boolean named(String text, int at, int colon, String name) {
            return colon - at == name.length() && text.regionMatches(true, at, name, 0,
                name.length());
        }

        private static String lower(String text, int colon, int end) {
            return text.substring(colon + 1, end).strip().toLowerCase(java.util.Locale.ROOT);
        }

        private static long number(String digits) throws IOException {
            if (digits.isEmpty() || digits.length() > 18) {
                throw new IOException("not a number: " + printable(digits));
            }
            for (int i = 0; i < digits.length(); i++) {
                if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                    throw new IOException("not a number: " + printable(digits));
                }
            }
            return Long.parseLong(digits);
        }

        private static String printable(String text) {
            String line = text.length() > 80 ? text.substring(0, 80) : text;
            return line.replaceAll("[^\\x20-\\x7e]", "?");
        }
    }

    /** A body read in parts, never past its bound. Owned by the connection's thread. */
    private static final class Body {
        private final int bytesMax;
        private byte[] bytes = new byte[1_024];
        private int size;

        Body(int bytesMax) {
            this.bytesMax = bytesMax;
        }

        int room() {
            return bytesMax - size;
        }

        void add(byte[] part) throws IOException {
            if (part.length > room()) {
                throw new IOException("answer body larger than " + bytesMax + " bytes");
            }
            if (bytes.length - size < part.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + part.length, bytes.length * 2));
            }
            System.arraycopy(part, 0, bytes, size, part.length);
            size += part.length;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
