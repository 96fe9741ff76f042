package cnode.colony;

/** How a location report ended, in the order {@link Directory#setLocation} checks. */
public enum LocationOutcome {
    /** The location is stored and the node counts as seen now. */
    SET,
    /** The session token names no session. */
    SESSION_UNKNOWN,
    /** The session has expired. */
    SESSION_EXPIRED,
    /** The address is not {@code host:port} or is too long. */
    ADDRESS_INVALID,
    /** The machine id is not 1 to 64 hex digits. */
    MACHINE_ID_INVALID
}
