package cnode.peer;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC and sequence of one direction of a link. A sealed frame is the 8-byte big-endian
 * sequence number, the payload, then HMAC-SHA256 under this direction's key over sequence and
 * payload. Sequences start at 0 and rise by exactly one per frame, so a replayed, dropped or
 * reordered frame is caught even though its MAC is genuine. The key never leaves this object
 * and is never printed. Not thread-safe: the sending side seals under the link's send lock,
 * the receiving side opens on the link's one reader thread.
 */
final class FrameSeal {
    static final int SEQUENCE_BYTES = Long.BYTES;
    static final int MAC_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    /** How opening a frame ended. */
    enum Check { OK, TOO_SHORT, BAD_MAC, BAD_SEQUENCE }

    /** The result of opening a frame: its check and, when OK, the payload. */
    record Opened(Check check, byte[] payload) {}

    private final Mac mac;
    private long sequence;

    FrameSeal(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a link key has 32 bytes");
        }
        try {
            mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("every JDK has " + HMAC, missing);
        }
    }

    /** The next frame of this direction around {@code payload}. */
    byte[] seal(byte[] payload) {
        byte[] frame = new byte[SEQUENCE_BYTES + payload.length + MAC_BYTES];
        writeSequence(frame, sequence);
        System.arraycopy(payload, 0, frame, SEQUENCE_BYTES, payload.length);
        mac.update(frame, 0, SEQUENCE_BYTES + payload.length);
        byte[] tag = mac.doFinal();
        System.arraycopy(tag, 0, frame, SEQUENCE_BYTES + payload.length, MAC_BYTES);
        sequence++;
        return frame;
    }

    /**
     * Opens the next frame of this direction: the MAC is checked first (so garbage is a bad
     * MAC), then the sequence (so a genuine frame out of place is a bad sequence). Only an OK
     * frame moves the expected sequence on.
     */
    Opened open(byte[] frame) {
        int payloadLength = frame.length - SEQUENCE_BYTES - MAC_BYTES;
        if (payloadLength < 1) {
            return new Opened(Check.TOO_SHORT, null);
        }
        mac.update(frame, 0, SEQUENCE_BYTES + payloadLength);
        byte[] expected = mac.doFinal();
        byte[] got = Arrays.copyOfRange(frame, frame.length - MAC_BYTES, frame.length);
        if (!MessageDigest.isEqual(expected, got)) {
            return new Opened(Check.BAD_MAC, null);
        }
        if (readSequence(frame) != sequence) {
            return new Opened(Check.BAD_SEQUENCE, null);
        }
        sequence++;
        return new Opened(Check.OK,
            Arrays.copyOfRange(frame, SEQUENCE_BYTES, SEQUENCE_BYTES + payloadLength));
    }

    static long readSequence(byte[] frame) {
        long value = 0;
        for (int i = 0; i < SEQUENCE_BYTES; i++) {
            value = (value << 8) | (frame[i] & 0xff);
        }
        return value;
    }

    private static void writeSequence(byte[] frame, long value) {
        for (int i = 0; i < SEQUENCE_BYTES; i++) {
            frame[i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    @Override
    public String toString() {
        return "FrameSeal[sequence=" + sequence + "]";
    }
}
