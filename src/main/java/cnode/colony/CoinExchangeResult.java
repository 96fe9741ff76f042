package cnode.colony;

/**
 * How {@link Registry#exchange} answered. Declared in the order the guards run (the first that
 * applies is the answer): the order's shape (not remembered), the transfer id's memory (a known
 * id with the same content gets its first answer again), the clock and capacity (not
 * remembered), then the judgement against the registry (remembered).
 */
public enum CoinExchangeResult {
    /** The transfer id is not 1 to 64 characters of {@code [A-Za-z0-9._:-]}. */
    BAD_TRANSFER_ID,
    /** Nothing given, or nothing asked for. */
    NO_COINS,
    /** More coins, given and new together, than the registry takes in one order. */
    TOO_MANY_COINS,
    /** A coin id appears twice in the order, among the given, the new, or across both. */
    DUPLICATE_COIN,
    /** The transfer id was used before for something else. */
    TRANSFER_ID_REUSED,
    /** A new coin is already expired. */
    NEW_COIN_EXPIRED,
    /** The registry remembers as many transfer ids as it may; try again later. */
    TRANSFERS_FULL,
    /** The user is not registered (and is not the bank). */
    UNKNOWN_USER,
    /** The user's account is locked. */
    USER_LOCKED,
    /** A given coin is not a live coin. */
    COIN_UNKNOWN,
    /** The given and new coins are not all of one kind. */
    MIXED_COINS,
    /** A given coin is not the user's. */
    NOT_OWNER,
    /** A given coin is held by a prepared swap. */
    COIN_RESERVED,
    /** A new coin's id is already a live coin. */
    COIN_EXISTS,
    /** The new coins are not worth exactly what the given ones are (less commission). */
    TOTAL_MISMATCH,
    /** The registry would hold more coins than it may. */
    REGISTRY_FULL,
    /** The kind's issued total would overflow a long. */
    TOTAL_OVERFLOW,
    /** The given coins are redeemed and the new ones are the user's, in one step. */
    EXCHANGED
}
