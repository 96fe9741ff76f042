package cnode.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Builds the canonical bytes of a payload: the one byte string that is signed (or bound into
 * an encryption) for it, the same on every machine and in every version of the code. It starts
 * with a {@link DomainTag}, then the payload's fields in the fixed order its tag defines:
 *
 * <ul>
 *   <li>a text: its length in UTF-8 bytes as 4 bytes big-endian, then the UTF-8 bytes (a text
 *       that is not well-formed UTF-16, such as a lone surrogate, is refused, since it has no
 *       exact UTF-8 form);</li>
 *   <li>a number: 8 bytes big-endian, two's complement;</li>
 *   <li>a byte string: its length as 4 bytes big-endian, then the bytes;</li>
 *   <li>a list of texts: the count as 4 bytes big-endian, then each text as above; a set
 *       (such as coin ids) is written sorted by {@link String#compareTo}, so the caller's
 *       order does not matter.</li>
 * </ul>
 *
 * <p>Every variable field carries its length and every fixed one has a fixed width, so for one
 * tag two different field lists never give the same bytes. The format is in docs/SIGNATURES.md.
 * At most {@link #BYTES_MAX} bytes; a payload that grows past it is a bug of its caller, whose
 * own limits (coins per swap...) keep it far below. Not thread-safe: one thread builds, reads
 * {@link #toBytes()} and drops it.
 */
public final class CanonicalWriter {
    /** The largest canonical byte string, 1 MiB. */
    public static final int BYTES_MAX = 1 << 20;

    private byte[] buffer = new byte[256];
    private int size;

    /** A writer whose bytes start with {@code tag}. */
    public CanonicalWriter(DomainTag tag) {
        text(tag.text());
    }

    /** Appends a text: 4-byte length, then its UTF-8 bytes. */
    public CanonicalWriter text(String value) {
        byte[] utf8 = utf8(Objects.requireNonNull(value, "text"));
        writeLength(utf8.length);
        write(utf8);
        return this;
    }

    /** Appends a number as 8 bytes big-endian. */
    public CanonicalWriter number(long value) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Appends a byte string: 4-byte length, then the bytes. */
    public CanonicalWriter bytes(byte[] value) {
        writeLength(value.length);
        write(value);
        return this;
    }

    /** Appends a list of texts in the given order: 4-byte count, then each text. */
    public CanonicalWriter texts(List<String> values) {
        writeLength(values.size());
        for (String value : values) {
            text(value);
        }
        return this;
    }

    /** Appends a set of texts, sorted, so the order they were given in does not matter. */
    public CanonicalWriter sortedTexts(Collection<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return texts(sorted);
    }

    /** The bytes written so far (a copy). */
    public byte[] toBytes() {
        return Arrays.copyOf(buffer, size);
    }

    private void writeLength(int length) {
        ensure(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (length >>> shift);
        }
    }

    private void write(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        if (more > BYTES_MAX - size) {
            throw new IllegalStateException("canonical bytes over " + BYTES_MAX + " bytes");
        }
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(BYTES_MAX, Math.max(size + more,
                buffer.length * 2)));
        }
    }

    /** Whether {@code value} has an exact UTF-8 form (no lone surrogates), so it can be written. */
    public static boolean wellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] utf8(String value) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(value));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text is not well-formed UTF-16", e);
        }
    }
}
