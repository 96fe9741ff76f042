package cnode.wallet;

/**
 * The answer of {@link Wallet#reserve}: the coins are now the task's, or the first guard that
 * refused, in the order they are checked. A refusal reserves nothing.
 */
public enum Reservation {
    /** Done: the coins count as locked until the task releases them. */
    RESERVED,
    /** No user attached, or the user's coins were never read. */
    NOT_ATTACHED,
    /** The task already holds coins; it releases them before reserving others. */
    TASK_HOLDS_COINS,
    /** A coin is not in the user's wallet as last read (unknown, or in the vault). */
    NOT_HELD,
    /** A coin is reserved (by another task here, or a swap at the registry) or expired. */
    NOT_FREE
}
