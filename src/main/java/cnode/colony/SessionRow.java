package cnode.colony;

import java.util.Objects;

/**
 * One login session as the directory keeps it and the store writes it. The token is a bearer
 * secret: {@link #toString()} prints only its first four characters. A session is valid while
 * {@code nowMs < expiresMs}. Immutable.
 *
 * @param token     the bearer token, 32 characters of {@code [0-9A-V]} (160 random bits)
 * @param username  whose session it is
 * @param createdMs when the login happened; with the token, orders a user's sessions by age
 * @param expiresMs the first instant at which the session is no longer valid
 */
public record SessionRow(String token, String username, long createdMs, long expiresMs) {
    public SessionRow {
        Objects.requireNonNull(token);
        Objects.requireNonNull(username);
        if (expiresMs < createdMs) {
            throw new IllegalArgumentException("a session cannot expire before it starts");
        }
    }

    public boolean validAt(long nowMs) {
        return nowMs < expiresMs;
    }

    @Override
    public String toString() {
        return "SessionRow[token=" + token.substring(0, Math.min(4, token.length()))
            + "..., username=" + username + ", createdMs=" + createdMs + ", expiresMs="
            + expiresMs + "]";
    }
}
