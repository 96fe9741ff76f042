package cnode.colony;

/**
 * How {@link Registry#commit} answered, in the order of its guards: an unknown swap, then by
 * the swap's state. Committing a committed swap answers {@link #COMMITTED} again (idempotent).
 */
public enum SwapCommitResult {
    /** No swap was prepared under this transfer id (never, refused, or forgotten). */
    UNKNOWN_SWAP,
    /** The swap was voided before; nothing moves. */
    ALREADY_VOIDED,
    /** The swap reached its expiry unfinished and was voided; nothing moves. */
    EXPIRED,
    /** Ownership moved, now or by an earlier commit. */
    COMMITTED
}
