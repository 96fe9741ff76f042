package cnode.colony;

/**
 * How a lease operation ended. Every operation checks, in this order: the session
 * ({@link #SESSION_UNKNOWN}, {@link #SESSION_EXPIRED}), the instance id
 * ({@link #HOLDER_INVALID}), the successor of a hand-over ({@link #SUCCESSOR_INVALID}), the
 * requested time to live ({@link #TTL_INVALID}), and only then the lease itself.
 */
public enum LeaseOutcome {
    /** Acquired: the lease was free, or already this instance's (its expiry is extended). */
    GRANTED,
    /** Acquired: another instance held it, but its lease had expired. */
    TAKEN_OVER,
    /** Renewed by its holder before expiry. */
    RENEWED,
    /** Released by its holder before expiry: the lease is free. */
    RELEASED,
    /** Handed by its holder, before expiry, to the named successor. */
    HANDED_OVER,
    /** Acquire refused: another instance holds a live lease (the answer says until when). */
    HELD_BY_OTHER,
    /** Renew, release or hand-over by an instance that does not hold the lease. */
    NOT_HOLDER,
    /** Renew, release or hand-over by the holder after its lease expired: acquire again. */
    EXPIRED,
    /** The session token names no session. */
    SESSION_UNKNOWN,
    /** The session has expired. */
    SESSION_EXPIRED,
    /** The instance id is empty, too long or not printable ASCII. */
    HOLDER_INVALID,
    /** The successor's instance id is empty, too long or not printable ASCII. */
    SUCCESSOR_INVALID,
    /** The time to live is not between 1 ms and the configured maximum. */
    TTL_INVALID
}
