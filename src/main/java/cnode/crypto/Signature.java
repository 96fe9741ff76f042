package cnode.crypto;

import java.util.Arrays;
import java.util.Optional;

/**
 * An Ed25519 signature (RFC 8032): 64 bytes. Its text form is base64url without padding,
 * 86 characters. Immutable: the bytes are copied in and out.
 *
 * @param bytes the 64 signature bytes
 */
public record Signature(byte[] bytes) {
    /** Bytes in a signature. */
    public static final int LENGTH = 64;

    public Signature {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a signature has " + LENGTH + " bytes");
        }
        bytes = bytes.clone();
    }

    /** The signature in {@code text}, or empty unless it is the canonical text of 64 bytes. */
    public static Optional<Signature> parse(String text) {
        return Base64Url.decode(text, LENGTH).map(Signature::new);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The text form: base64url without padding. */
    public String text() {
        return Base64Url.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Signature that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Signature[" + text() + "]";
    }
}
