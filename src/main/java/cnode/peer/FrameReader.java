package cnode.peer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Reads and writes the length-prefixed frames of the P2P port: a 4-byte big-endian length,
 * then that many bytes (1 to {@code frameBytesMax}). Reading is bounded twice: the first byte
 * must come within a wait the caller chooses (the idle or handshake time left), the rest of
 * the frame within a second bound (the read timeout), so a peer that trickles bytes cannot
 * hold a thread. Expected outcomes (end of stream, timeout, an oversize or empty length) are
 * values; a broken connection is an {@link IOException}. Owned by the one thread that reads
 * the connection; {@link #write} is called under the link's send lock.
 */
final class FrameReader {
    /**
     * How a read ended; only {@code FRAME} carries bytes. {@code QUIET}: no frame began within
     * the wait; {@code TIMEOUT}: a frame began but did not finish in time.
     */
    enum Status { FRAME, QUIET, END, TIMEOUT, TOO_LARGE, EMPTY }

    /** One read: its status and, for {@code FRAME}, the frame's bytes without the length. */
    record Read(Status status, byte[] bytes) {
        static final Read END = new Read(Status.END, null);
        static final Read QUIET = new Read(Status.QUIET, null);
        static final Read TOO_LARGE = new Read(Status.TOO_LARGE, null);
        static final Read EMPTY = new Read(Status.EMPTY, null);
    }

    private final Socket socket;
    private final InputStream in;
    private final int frameBytesMax;

    FrameReader(Socket socket, int frameBytesMax) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8_192);
        this.frameBytesMax = frameBytesMax;
    }

    /**
     * The next frame: its first byte within {@code waitMs}, the rest within {@code restMs}.
     * A length over the maximum is not read further: the caller closes the connection.
     */
    Read read(long waitMs, long restMs) throws IOException {
        if (waitMs <= 0) {
            return Read.QUIET;
        }
        socket.setSoTimeout(soTimeout(waitMs));
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException quiet) {
            return Read.QUIET;
        }
        if (first < 0) {
            return Read.END;
        }
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(restMs);
        byte[] header = new byte[Integer.BYTES];
        header[0] = (byte) first;
        Status head = readFully(header, 1, deadlineNs);
        if (head != Status.FRAME) {
            return new Read(head, null);
        }
        long length = ((header[0] & 0xffL) << 24) | ((header[1] & 0xff) << 16)
            | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        if (length == 0) {
            return Read.EMPTY;
        }
        if (length > frameBytesMax) {
            return Read.TOO_LARGE;
        }
        byte[] bytes = new byte[(int) length];
        Status body = readFully(bytes, 0, deadlineNs);
        return body == Status.FRAME ? new Read(Status.FRAME, bytes) : new Read(body, null);
    }

    private Status readFully(byte[] into, int from, long deadlineNs) throws IOException {
        int at = from;
        while (at < into.length) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            if (leftMs <= 0) {
                return Status.TIMEOUT;
            }
            socket.setSoTimeout(soTimeout(leftMs));
            int n;
            try {
                n = in.read(into, at, into.length - at);
            } catch (SocketTimeoutException quiet) {
                return Status.TIMEOUT;
            }
            if (n < 0) {
                return Status.END;
            }
            at += n;
        }
        return Status.FRAME;
    }

    private static int soTimeout(long ms) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    /** Writes one frame, length then bytes, in one write, and flushes. */
    static void write(OutputStream out, byte[] frame) throws IOException {
        byte[] whole = new byte[Integer.BYTES + frame.length];
        whole[0] = (byte) (frame.length >>> 24);
        whole[1] = (byte) (frame.length >>> 16);
        whole[2] = (byte) (frame.length >>> 8);
        whole[3] = (byte) frame.length;
        System.arraycopy(frame, 0, whole, Integer.BYTES, frame.length);
        out.write(whole);
        out.flush();
    }
}
