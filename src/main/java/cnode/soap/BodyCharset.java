package cnode.soap;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Chooses the charset of a request body and decodes the body strictly into characters.
 *
 * <p>The order is the contract's: a byte-order mark (UTF-8, UTF-16 BE or LE), then the
 * {@code charset} parameter of the Content-Type header, then the XML declaration's
 * {@code encoding} (or the byte pattern of a BOM-less UTF-16 {@code <?}), then UTF-8. The
 * codec decodes here rather than letting the parser do it because the parser falls back to
 * the JDK's lenient readers for most charsets, which replace bad bytes silently; every bad
 * byte must be a Client fault instead. A UTF-32 byte-order mark is not recognised (its first
 * two bytes read as UTF-16 LE and the NUL that follows fails the parse).
 *
 * <p>Stateless: only static methods, safe on any thread.
 */
final class BodyCharset {

    /** How far into the body the XML declaration's end is looked for. */
    private static final int DECLARATION_BYTES_MAX = 256;
    private static final byte[] DECLARATION_START = {'<', '?', 'x', 'm', 'l'};
    private static final byte[] ENCODING = {'e', 'n', 'c', 'o', 'd', 'i', 'n', 'g'};
    private static final int[] UTF_8_BOM = {0xEF, 0xBB, 0xBF};
    private static final int[] UTF_16BE_BOM = {0xFE, 0xFF};
    private static final int[] UTF_16LE_BOM = {0xFF, 0xFE};
    /** {@code <?} in UTF-16 without a byte-order mark (XML 1.0 appendix F). */
    private static final int[] UTF_16LE_START = {0x3C, 0x00, 0x3F, 0x00};
    private static final int[] UTF_16BE_START = {0x00, 0x3C, 0x00, 0x3F};

    private BodyCharset() {}

    /**
     * The body's characters, without any byte-order mark.
     *
     * @throws SoapFault Client, for an unknown charset or bytes invalid in the chosen one
     */
    static CharBuffer decode(byte[] body, int length, String contentType) throws SoapFault {
        int bom = 0;
        Charset charset;
        if (startsWithBytes(body, length, UTF_8_BOM)) {
            bom = 3;
            charset = StandardCharsets.UTF_8;
        } else if (startsWithBytes(body, length, UTF_16BE_BOM)) {
            bom = 2;
            charset = StandardCharsets.UTF_16BE;
        } else if (startsWithBytes(body, length, UTF_16LE_BOM)) {
            bom = 2;
            charset = StandardCharsets.UTF_16LE;
        } else {
            charset = headerCharset(contentType);
            if (charset == null) {
                charset = declaredCharset(body, length);
            }
        }
        return strictDecode(charset, body, bom, length - bom);
    }

    private static CharBuffer strictDecode(Charset charset, byte[] body, int offset, int count)
            throws SoapFault {
        if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1)) {
            CharBuffer ascii = asciiOnly(body, offset, count);
            if (ascii != null) {
                return ascii;
            }
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, offset, count);
        try {
            return decoder.decode(in);
        } catch (CharacterCodingException e) {
            throw SoapFault.client("The request body is not valid " + charset.name()
                    + " text: bad bytes at offset " + in.position() + ".");
        }
    }

    /**
     * The characters of a body made only of ASCII bytes, which read the same in UTF-8,
     * US-ASCII and ISO-8859-1, or null when a byte is above 0x7F. Nearly every SOAP request is
     * ASCII; widening its bytes skips a decoder per request, which showed in the profile.
     */
    private static CharBuffer asciiOnly(byte[] body, int offset, int count) {
        int high = 0;
        for (int i = offset; i < offset + count; i++) {
            high |= body[i];
        }
        if (high < 0) {
            return null;
        }
        char[] chars = new char[count];
        for (int i = 0; i < count; i++) {
            chars[i] = (char) body[offset + i];
        }
        return CharBuffer.wrap(chars);
    }

    /** The Content-Type's charset parameter, or null when the header names none. */
    static Charset headerCharset(String contentType) throws SoapFault {
        if (contentType == null) {
            return null;
        }
        int start = contentType.indexOf(';');
        while (start >= 0) {
            int end = contentType.indexOf(';', start + 1);
            String parameter = contentType
                    .substring(start + 1, end < 0 ? contentType.length() : end).trim();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
                return named(unquote(parameter.substring(equals + 1).trim()));
            }
            start = end;
        }
        return null;
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && value.charAt(0) == '"'
                && value.charAt(value.length() - 1) == '"';
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    /** The charset the start of the body declares, or UTF-8 when it declares none. */
    static Charset declaredCharset(byte[] body, int length) throws SoapFault {
        if (startsWithBytes(body, length, UTF_16LE_START)) {
            return StandardCharsets.UTF_16LE;
        }
        if (startsWithBytes(body, length, UTF_16BE_START)) {
            return StandardCharsets.UTF_16BE;
        }
        int end = declarationEnd(body, length);
        if (end < 0) {
            return StandardCharsets.UTF_8;
        }
        int at = indexOf(body, ENCODING, DECLARATION_START.length, end);
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        int i = skipSpace(body, at + ENCODING.length, end);
        if (i >= end || body[i] != '=') {
            return StandardCharsets.UTF_8;
        }
        i = skipSpace(body, i + 1, end);
        if (i >= end || (body[i] != '"' && body[i] != '\'')) {
            return StandardCharsets.UTF_8;
        }
        byte quote = body[i];
        int valueEnd = i + 1;
        while (valueEnd < end && body[valueEnd] != quote) {
            valueEnd++;
        }
        Charset declared =
                named(new String(body, i + 1, valueEnd - i - 1, StandardCharsets.ISO_8859_1));
        if (declared != StandardCharsets.UTF_8 && declared.canEncode()
                && !Arrays.equals("<?xml".getBytes(declared), DECLARATION_START)) {
            // Read as single bytes, the declaration cannot name UTF-16 or the like truthfully.
            throw SoapFault.client("The XML declaration names " + declared.name()
                    + ", but the body begins in a charset that writes ASCII as single bytes.");
        }
        return declared;
    }

    /** The index of the {@code ?>} closing a leading XML declaration, or -1 if there is none. */
    private static int declarationEnd(byte[] body, int length) {
        if (!startsWith(body, length, DECLARATION_START)
                || length <= DECLARATION_START.length
                || !isSpace(body[DECLARATION_START.length])) {
            return -1;
        }
        int limit = Math.min(length, DECLARATION_BYTES_MAX);
        for (int i = DECLARATION_START.length; i + 1 < limit; i++) {
            if (body[i] == '?' && body[i + 1] == '>') {
                return i;
            }
        }
        return -1;
    }

    private static Charset named(String name) throws SoapFault {
        if (name.equalsIgnoreCase("utf-8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw SoapFault.client(
                    "The charset \"" + SoapFault.quote(name) + "\" is not supported.");
        }
    }

    private static int skipSpace(byte[] body, int from, int end) {
        int i = from;
        while (i < end && isSpace(body[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static int indexOf(byte[] body, byte[] word, int from, int end) {
        for (int i = from; i + word.length <= end; i++) {
            if (regionEquals(body, i, word)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] body, int length, byte[] prefix) {
        return length >= prefix.length && regionEquals(body, 0, prefix);
    }

    private static boolean regionEquals(byte[] body, int at, byte[] word) {
        for (int j = 0; j < word.length; j++) {
            if (body[at + j] != word[j]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithBytes(byte[] body, int length, int[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if ((body[j] & 0xFF) != prefix[j]) {
                return false;
            }
        }
        return true;
    }
}
