package cnode.colony.client;

import java.util.regex.Pattern;

/**
 * The colony's admin token as a client presents it ({@code Authorization: Bearer <token>}).
 * Its {@link #toString()} never shows the token, so it cannot reach a log by accident.
 * Immutable.
 *
 * @param value the token: 1 to 512 characters of the RFC 6750 token alphabet (the colony's
 *              own tokens are 43 characters of base64url)
 */
public record BearerToken(String value) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]{1,512}=*");

    public BearerToken {
        if (!isToken(value)) {
            throw new IllegalArgumentException("not a bearer token (wrong characters or length)");
        }
    }

    /** Whether {@code text} has the shape of a token. */
    public static boolean isToken(String text) {
        return text != null && text.length() <= 512 && TOKEN.matcher(text).matches();
    }

    /** The header value: {@code Bearer <token>}. */
    public String header() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
