package cnode.colony;

/** What a session token is worth at a given time. */
public enum SessionState {
    /** The token names a session that has not expired. */
    VALID,
    /** No session has this token (never had, logged out, dropped, swept, or user locked). */
    UNKNOWN,
    /** The token names a session that has expired (until it is swept). */
    EXPIRED
}
