package cnode.soap;

import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer that writes XML markup and escaped character data.
 *
 * <p>Escaping, for text and attribute values alike: {@code & < > "} become entity references;
 * tab and line feed stay literal; carriage return and the C1 controls and DEL (allowed in
 * XML 1.0, but invisible and easily mangled) become character references; every character
 * XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF, a lone surrogate) becomes U+FFFD; a
 * surrogate pair becomes one four-byte sequence.
 *
 * <p>Invariant: {@code bytes[0, length)} is the output so far. Confined to the thread writing
 * one message.
 */
final class XmlBuffer {

    /** The longest output of one input character: {@code &quot;} or {@code &#159;}. */
    private static final int CHAR_BYTES_MAX = 6;
    /** Printable ASCII that needs no escaping, by code. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (char c = 0x20; c < 0x7F; c++) {
            PLAIN[c] = c != '&' && c != '<' && c != '>' && c != '"';
        }
        PLAIN['\t'] = true;
        PLAIN['\n'] = true;
    }

    private byte[] bytes;
    private int length;

    XmlBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    /** Appends bytes already encoded as UTF-8 markup. */
    XmlBuffer raw(byte[] markup) {
        ensure(markup.length);
        System.arraycopy(markup, 0, bytes, length, markup.length);
        length += markup.length;
        return this;
    }

    /** Appends an ASCII name or markup string, unescaped; callers validated it. */
    XmlBuffer ascii(String markup) {
        int n = markup.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) markup.charAt(i);
        }
        return this;
    }

    /** Appends one ASCII markup character. */
    XmlBuffer ascii(char markup) {
        ensure(1);
        bytes[length++] = (byte) markup;
        return this;
    }

    /** Appends character data, escaped. */
    XmlBuffer text(String data) {
        int n = data.length();
        for (int i = 0; i < n; i++) {
            if (bytes.length - length < CHAR_BYTES_MAX) {
                ensure(CHAR_BYTES_MAX);
            }
            char c = data.charAt(i);
            if (c < 0x80 && PLAIN[c]) {
                bytes[length++] = (byte) c;
            } else if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(data.charAt(i + 1))) {
                fourBytes(Character.toCodePoint(c, data.charAt(++i)));
            } else {
                special(c);
            }
        }
        return this;
    }

    private void special(char c) {
        switch (c) {
            case '&' -> ascii("&amp;");
            case '<' -> ascii("&lt;");
            case '>' -> ascii("&gt;");
            case '"' -> ascii("&quot;");
            case '\r' -> ascii("&#13;");
            default -> {
                if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                    threeBytes('\uFFFD');
                } else if (c >= 0x7F && c <= 0x9F) {
                    ascii("&#").digits(c).ascii(';');
                } else if (c < 0x800) {
                    bytes[length++] = (byte) (0xC0 | (c >> 6));
                    bytes[length++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    threeBytes(c);
                }
            }
        }
    }

    private void threeBytes(char c) {
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
    }

    private void fourBytes(int codePoint) {
        bytes[length++] = (byte) (0xF0 | (codePoint >> 18));
        bytes[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
        bytes[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (codePoint & 0x3F));
    }

    /** Appends a signed decimal number. */
    XmlBuffer digits(long value) {
        if (value < 0) {
            return ascii(Long.toString(value));
        }
        int count = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            count++;
        }
        ensure(count);
        long rest = value;
        for (int i = length + count - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + (int) (rest % 10));
            rest /= 10;
        }
        length += count;
        return this;
    }

    /** Appends the 64 bits as an unsigned decimal number. */
    XmlBuffer unsignedDigits(long value) {
        return value >= 0 ? digits(value) : ascii(Long.toUnsignedString(value));
    }

    /** The output, exactly sized. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (bytes.length - length < more) {
            int needed = Math.addExact(length, more);
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
