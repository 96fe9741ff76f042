package cnode.stdx;

import java.security.SecureRandom;

/**
 * Random identifiers in the documented shape: 26 characters of {@code [0-9A-Z]}, as task ids,
 * coin ids and payment confirmations look on the wire. Each character carries five bits drawn
 * from a cryptographic source (130 bits in all), so ids cannot be guessed or enumerated.
 * Thread-safe: {@link SecureRandom} is.
 */
public final class Ids {
    /** Length of every generated id. */
    public static final int LENGTH = 26;

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUV".toCharArray();
    private final SecureRandom random;

    public Ids(SecureRandom random) {
        this.random = random;
    }

    public static Ids secure() {
        return new Ids(new SecureRandom());
    }

    public String next() {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET[bytes[i] & 31];
        }
        return new String(out);
    }
}
