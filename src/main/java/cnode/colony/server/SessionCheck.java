package cnode.colony.server;

import cnode.colony.Directory;
import cnode.colony.SessionLookup;
import cnode.colony.client.Outcome;
import cnode.colony.client.SessionToken;
import java.util.List;

/**
 * How session-authenticated endpoints learn who calls: the node sends the token of its user's
 * session as {@code Authorization: Session <token>} (a header rather than the path or the body,
 * so the token never lands in access logs and every method, {@code GET} included, carries it
 * the same way). The checks, in order: the header ({@code 401 SESSION_REQUIRED}: none, two, or
 * another scheme), then, on the writer thread, the session ({@code 401 SESSION_UNKNOWN},
 * {@code 401 SESSION_EXPIRED}), then, where the path names a user, that it is the session's
 * ({@code 403 NOT_YOUR_ACCOUNT}). Stateless.
 */
final class SessionCheck {
    private static final String SCHEME = "Session ";

    private SessionCheck() {}

    /** The token of the call's {@code Authorization: Session} header, or the refusal. */
    static Outcome<String> token(Call call) {
        List<String> values = call.authorization();
        if (values.size() != 1) {
            return Outcome.refused(401, "SESSION_REQUIRED", values.isEmpty()
                ? "This endpoint needs a session: send Authorization: Session <token>, the"
                    + " token from POST /v1/sessions."
                : "Send one Authorization header.");
        }
        String value = values.get(0);
        if (value.length() <= SCHEME.length()
            || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Outcome.refused(401, "SESSION_REQUIRED", "The session is sent with the"
                + " Session scheme: Authorization: Session <token>.");
        }
        return Outcome.ok(value.substring(SCHEME.length()).strip());
    }

    /** The user whose valid session {@code token} is, or the refusal. Writer thread. */
    static Outcome<String> user(Directory directory, String token, long nowMs) {
        SessionLookup session = SessionToken.isToken(token) ? directory.session(token, nowMs)
            : SessionLookup.UNKNOWN;
        return switch (session.state()) {
            case VALID -> Outcome.ok(session.username());
            case UNKNOWN -> unknown();
            case EXPIRED -> expired();
        };
    }

    /** {@link #user}, and that user must be {@code owner}. Writer thread. */
    static Outcome<String> owner(Directory directory, String token, String owner, long nowMs) {
        Outcome<String> user = user(directory, token, nowMs);
        if (user instanceof Outcome.Ok<String>(String name) && !name.equals(owner)) {
            return Outcome.refused(403, "NOT_YOUR_ACCOUNT", "This session is not "
                + Texts.shown(owner) + "'s; a node acts for its own user only.");
        }
        return user;
    }

    static <R> Outcome<R> unknown() {
        return Outcome.refused(401, "SESSION_UNKNOWN", "No session has this token (never had,"
            + " logged out, or the user was locked); log in again.");
    }

    static <R> Outcome<R> expired() {
        return Outcome.refused(401, "SESSION_EXPIRED", "The session has expired; log in again.");
    }
}
