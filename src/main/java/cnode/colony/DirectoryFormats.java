package cnode.colony;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The shapes of the text the directory accepts and makes, with their fixed bounds (the bounds
 * an operator may change are in {@link DirectoryConfig}). Every check is total: null or any
 * text gives true or false, never an exception. Stateless; any thread.
 */
public final class DirectoryFormats {
    /** Length of an Ed25519 public key. */
    public static final int PUBLIC_KEY_BYTES = 32;
    /** Longest password hash, as the edge encodes it (algorithm, parameters, salt, hash). */
    public static final int PASSWORD_HASH_CHARS_MAX = 512;
    /** Longest e-mail address (RFC 5321's path limit less the brackets). */
    public static final int EMAIL_CHARS_MAX = 254;
    /** Longest P2P address: a 253-character host name, a colon and a port, with room over. */
    public static final int ADDRESS_CHARS_MAX = 262;
    /** Most hex digits of a machine id. */
    public static final int MACHINE_ID_CHARS_MAX = 64;
    /** Longest lease holder (instance id). */
    public static final int HOLDER_CHARS_MAX = 64;
    /** Longest AR or IPE name in the configuration. */
    public static final int CHOICE_CHARS_MAX = 64;
    /** Characters of an mpin: 36^6, about 2.2 billion values. */
    public static final int MPIN_LENGTH = 6;
    /** Characters of a session token: 5 random bits each, 160 in all. */
    public static final int TOKEN_LENGTH = 32;

    private static final char[] TOKEN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUV".toCharArray();
    private static final long MPIN_VALUES = 2_176_782_336L;
    private static final Pattern EMAIL = Pattern.compile(
        "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+");
    private static final Pattern HOST = Pattern.compile(
        "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
        + "[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}\\]");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern CHOICE = Pattern.compile("[A-Z0-9_]+");
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DirectoryFormats() {
    }

    /** 1 to {@code charsMax} characters of printable ASCII without spaces. */
    static boolean printable(String text, int charsMax) {
        if (text == null || text.isEmpty() || text.length() > charsMax) {
            return false;
        }
        return text.chars().allMatch(c -> c > ' ' && c <= '~');
    }

    public static boolean passwordHash(String text) {
        return printable(text, PASSWORD_HASH_CHARS_MAX);
    }

    public static boolean holder(String text) {
        return printable(text, HOLDER_CHARS_MAX);
    }

    /** local@domain.tld with common characters; no quoted locals, no address literals. */
    public static boolean email(String text) {
        return text != null && text.length() <= EMAIL_CHARS_MAX && EMAIL.matcher(text).matches();
    }

    /** {@code host:port}: a host name or IPv4 address or {@code [IPv6]}, port 1–65535. */
    public static boolean address(String text) {
        if (text == null || text.length() > ADDRESS_CHARS_MAX) {
            return false;
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        boolean hostValid = host.startsWith("[") ? IPV6.matcher(host).matches()
            : host.length() <= 253 && HOST.matcher(host).matches();
        return hostValid && PORT.matcher(port).matches() && Integer.parseInt(port) <= 65_535;
    }

    public static boolean machineIdHex(String text) {
        return text != null && text.length() <= MACHINE_ID_CHARS_MAX
            && HEX.matcher(text).matches();
    }

    /** An AR or IPE name: 1 to 64 characters of {@code [A-Z0-9_]}. */
    public static boolean choiceName(String text) {
        return text != null && text.length() <= CHOICE_CHARS_MAX && CHOICE.matcher(text).matches();
    }

    /**
     * Whether {@code text} is exactly one well-formed JSON object. The caller bounds the length
     * first, so the parse is short (Jackson also bounds nesting depth).
     */
    public static boolean jsonObject(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        try {
            return JSON.readTree(text).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    /** A new session token: 32 characters of {@code [0-9A-V]}, 160 random bits. */
    static String sessionToken(DirectoryRandom random) {
        byte[] bytes = new byte[TOKEN_LENGTH];
        random.nextBytes(bytes);
        char[] out = new char[TOKEN_LENGTH];
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            out[i] = TOKEN_ALPHABET[bytes[i] & 31];
        }
        return new String(out);
    }

    /**
     * A new mpin: 6 characters of {@code [0-9A-Z]}, the documented shape (e.g. {@code BRRN54}).
     * 64 random bits reduced modulo 36^6: the bias is below 10^-9.
     */
    static String mpin(DirectoryRandom random) {
        byte[] bytes = new byte[Long.BYTES];
        random.nextBytes(bytes);
        long bits = 0;
        for (byte b : bytes) {
            bits = (bits << 8) | (b & 0xFF);
        }
        String digits = Long.toString(Long.remainderUnsigned(bits, MPIN_VALUES), 36);
        return "0".repeat(MPIN_LENGTH - digits.length()) + digits.toUpperCase(Locale.ROOT);
    }
}
