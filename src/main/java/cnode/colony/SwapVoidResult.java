package cnode.colony;

/**
 * How {@link Registry#voidSwap} answered, in the order of its guards: an unknown swap, then by
 * the swap's state. Voiding a voided swap answers {@link #VOIDED} again (idempotent).
 */
public enum SwapVoidResult {
    /** No swap was prepared under this transfer id (never, refused, or forgotten). */
    UNKNOWN_SWAP,
    /** The swap was committed: past the point of no return, it cannot be voided. */
    ALREADY_COMMITTED,
    /** The swap had reached its expiry and was voided by it; its coins are free. */
    EXPIRED,
    /** The swap is voided, now or by an earlier void; its coins are free. */
    VOIDED
}
