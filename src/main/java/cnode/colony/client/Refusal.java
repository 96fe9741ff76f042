package cnode.colony.client;

import java.util.regex.Pattern;

/**
 * A named refusal from the colony: the HTTP status, a stable upper-case name a program matches
 * on, and one sentence a person reads. On the wire it is the status line plus the body
 * {@code {"error":"NAME","message":"..."}} ({@link ErrorReply}). The same value is what an
 * endpoint returns on the server and what {@link ColonyClient} hands back, so a refusal is a
 * value on both sides, never an exception. Immutable; validated on construction.
 *
 * @param status HTTP status, 400 to 599
 * @param error the name: upper-case letters, digits and {@code _}, starting with a letter, at
 *              most 64 characters
 * @param message one human sentence, at most {@link #MESSAGE_CHARS_MAX} characters
 */
public record Refusal(int status, String error, String message) {
    /** Longest message kept; longer ones are cut, so a refusal never carries a huge text. */
    public static final int MESSAGE_CHARS_MAX = 1_000;
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public Refusal {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a refusal has a 4xx or 5xx status, not " + status);
        }
        if (error == null || !NAME.matcher(error).matches()) {
            throw new IllegalArgumentException("not an error name: " + error);
        }
        if (message == null) {
            throw new IllegalArgumentException("a refusal needs a message");
        }
        if (message.length() > MESSAGE_CHARS_MAX) {
            message = message.substring(0, MESSAGE_CHARS_MAX);
        }
    }

    /** Whether {@code text} is a well-formed error name. */
    public static boolean isName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /** Whether this refusal is the edge's refusal {@code edge} (same name). */
    public boolean is(EdgeRefusal edge) {
        return error.equals(edge.name());
    }

    /** One line for a person: {@code 404 NOT_FOUND: No endpoint ...}. */
    public String line() {
        return status + " " + error + ": " + message;
    }
}
