package cnode.colony;

/**
 * What a session token stands for at a given time: its state and, when the session is known,
 * its user and expiry. Immutable.
 *
 * @param state     valid, unknown or expired
 * @param username  the session's user; empty when unknown
 * @param expiresMs the session's expiry; 0 when unknown
 */
public record SessionLookup(SessionState state, String username, long expiresMs) {
    /** The answer for a token that names no session. */
    public static final SessionLookup UNKNOWN = new SessionLookup(SessionState.UNKNOWN, "", 0);

    public boolean valid() {
        return state == SessionState.VALID;
    }
}
