package cnode.colony.client;

import java.util.regex.Pattern;

/**
 * A user's session with the colony, as a node presents it on session-authenticated calls
 * ({@code Authorization: Session <token>}): what {@code POST /v1/sessions} answers after a
 * good login. Its {@link #toString()} never shows the token, so it cannot reach a log by
 * accident. Immutable.
 *
 * @param value the token: 1 to 128 characters of {@code [0-9A-Za-z]} (the colony's own tokens
 *              are 32 characters of {@code [0-9A-V]})
 */
public record SessionToken(String value) {
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z]{1,128}");

    public SessionToken {
        if (!isToken(value)) {
            throw new IllegalArgumentException("not a session token (wrong characters or length)");
        }
    }

    /** Whether {@code text} has the shape of a session token. */
    public static boolean isToken(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    /** The header value: {@code Session <token>}. */
    public String header() {
        return "Session " + value;
    }

    @Override
    public String toString() {
        return "SessionToken[redacted]";
    }
}
