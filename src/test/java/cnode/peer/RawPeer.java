package cnode.peer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * A test peer that speaks raw frames over a real socket, so that refusal tests can send what
 * no well-behaved node would: a wrong version, garbage, an oversize length, silence, a
 * tampered or replayed frame. It can also run the real client handshake and then keep the
 * link's seals, to send sealed frames and then break them. Reads wait at most 10 s.
 */
final class RawPeer implements AutoCloseable {
    private static final long WAIT_MS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final FrameReader reader;
    private FrameSeal send;
    private FrameSeal receive;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new FrameReader(socket, 16 * 1_024 * 1_024);
    }

    static RawPeer connect(int port) throws IOException {
        return new RawPeer(new Socket("127.0.0.1", port));
    }

    /** Runs the real client handshake as {@code me} expecting {@code to}; keeps the seals. */
    HandshakeResult handshake(PeerIdentity me, String to, KeyDirectory keys)
        throws IOException, InterruptedException {
        HandshakeChannel channel = new HandshakeChannel(reader, out, PeerLimits.defaults());
        HandshakeResult result = ClientHandshake.run(channel, me, to, keys, new SecureRandom());
        if (result instanceof HandshakeResult.Done done) {
            send = done.send();
            receive = done.receive();
        }
        return result;
    }

    void bytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    void frame(byte[] payload) throws IOException {
        FrameReader.write(out, payload);
    }

    void json(Object message) throws IOException {
        frame(PeerJson.write(message));
    }

    /** A frame header announcing {@code length} bytes, and nothing after it. */
    void header(int length) throws IOException {
        bytes(ByteBuffer.allocate(4).putInt(length).array());
    }

    /** The next sealed frame of this peer's direction around {@code message} (not sent). */
    byte[] sealed(LinkMessage message) {
        return send.seal(PeerJson.write(message));
    }

    /** The next frame, or empty when the other side closed the connection. */
    Optional<byte[]> read() throws IOException {
        try {
            FrameReader.Read read = reader.read(WAIT_MS, WAIT_MS);
            if (read.status() == FrameReader.Status.FRAME) {
                return Optional.of(read.bytes());
            }
            if (read.status() == FrameReader.Status.END) {
                return Optional.empty();
            }
            throw new IOException("raw peer read ended " + read.status());
        } catch (SocketException reset) {
            return Optional.empty();
        }
    }

    /** The next plain frame as JSON. */
    JsonNode readJson() throws IOException {
        byte[] frame = read().orElseThrow(() -> new IOException("closed before a frame"));
        return PeerJson.object(frame).orElseThrow(() -> new IOException("not JSON"));
    }

    /** The next sealed frame's message, opened with this peer's receiving seal. */
    LinkMessage readSealed() throws IOException {
        byte[] frame = read().orElseThrow(() -> new IOException("closed before a frame"));
        FrameSeal.Opened opened = receive.open(frame);
        if (opened.check() != FrameSeal.Check.OK) {
            throw new IOException("sealed frame did not open: " + opened.check());
        }
        return LinkMessage.parse(opened.payload()).orElseThrow();
    }

    /** Whether the other side closes the connection, sending nothing more, within 10 s. */
    boolean closedByPeer() throws IOException {
        try {
            return reader.read(WAIT_MS, WAIT_MS).status() == FrameReader.Status.END;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
