package cnode.colony;

/**
 * The answer to {@link Directory#login}: the outcome and, on {@link Outcome#LOGGED_IN}, the new
 * session's token and expiry. {@link #toString()} leaves out the token. Immutable.
 *
 * @param outcome   how the login ended
 * @param token     the session's bearer token when logged in, else empty
 * @param expiresMs the session's expiry when logged in, else 0
 */
public record SessionGrant(Outcome outcome, String token, long expiresMs) {
    /** How a login ended, in the order {@link Directory#login} decides. */
    public enum Outcome {
        /** A new session exists. */
        LOGGED_IN,
        /** No user has that name. */
        UNKNOWN_USER,
        /**
         * The user is locked: by an administrator, by earlier wrong passwords, or by this
         * wrong password, the one that reached the configured number.
         */
        LOCKED,
        /** A wrong password, counted; the user is not locked yet. */
        WRONG_PASSWORD
    }

    static SessionGrant refused(Outcome outcome) {
        return new SessionGrant(outcome, "", 0);
    }

    public boolean loggedIn() {
        return outcome == Outcome.LOGGED_IN;
    }

    @Override
    public String toString() {
        return "SessionGrant[" + outcome + ", expiresMs=" + expiresMs + "]";
    }
}
