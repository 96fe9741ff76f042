package cnode.colony;

/**
 * How {@link Registry#redeem} answered. Declared in the order the guards run (the first that
 * applies is the answer): the order's shape (not remembered), the transfer id's memory (a known
 * id with the same content gets its first answer again), capacity (not remembered), then the
 * judgement against the registry (remembered).
 */
public enum CoinRedeemResult {
    /** The transfer id is not 1 to 64 characters of {@code [A-Za-z0-9._:-]}. */
    BAD_TRANSFER_ID,
    /** No coin to redeem. */
    NO_COINS,
    /** More coins than the registry takes in one order. */
    TOO_MANY_COINS,
    /** A coin id appears twice in the order. */
    DUPLICATE_COIN,
    /** The transfer id was used before for something else. */
    TRANSFER_ID_REUSED,
    /** The registry remembers as many transfer ids as it may; try again later. */
    TRANSFERS_FULL,
    /** The user is not registered (and is not the bank). */
    UNKNOWN_USER,
    /** The user's account is locked. */
    USER_LOCKED,
    /** A coin is not a live coin. */
    COIN_UNKNOWN,
    /** The coins are not all of one kind: a payout is in one currency. */
    MIXED_COINS,
    /** A coin is not the user's. */
    NOT_OWNER,
    /** A coin is held by a prepared swap. */
    COIN_RESERVED,
    /** A coin is expired: only an exchange takes it. */
    COIN_EXPIRED,
    /** The coins left circulation; the redeemed total grew by their worth. */
    REDEEMED
}
