package cnode.crypto;

import java.util.Base64;
import java.util.Optional;

/**
 * The text form of keys, signatures and key blobs in the JSON API: base64url (RFC 4648 §5)
 * without padding. Decoding is strict: only the canonical text of the expected number of bytes
 * is accepted (no padding, no line breaks, no unused bits set), so each value has exactly one
 * text. Stateless.
 */
final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** The bytes of {@code text} if it is the canonical text of exactly {@code length} bytes. */
    static Optional<byte[]> decode(String text, int length) {
        if (text == null || text.length() != textLength(length)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != length || !encode(bytes).equals(text)) {
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    /** How many characters the text of {@code length} bytes has. */
    static int textLength(int length) {
        return (length * 4 + 2) / 3;
    }
}
