package cnode.colony;

/**
 * How {@link Registry#moveVault} answered. Declared in the order the guards run (the first that
 * applies is the answer): the order's shape (not remembered), the transfer id's memory (a known
 * id with the same content gets its first answer again), capacity (not remembered), then the
 * judgement against the registry (remembered).
 */
public enum VaultMoveResult {
    /** The transfer id is not 1 to 64 characters of {@code [A-Za-z0-9._:-]}. */
    BAD_TRANSFER_ID,
    /** No coin to move. */
    NO_COINS,
    /** More coins than the registry takes in one order. */
    TOO_MANY_COINS,
    /** A coin id appears twice in the order. */
    DUPLICATE_COIN,
    /** The transfer id was used before for something else. */
    TRANSFER_ID_REUSED,
    /** The registry remembers as many transfer ids as it may; try again later. */
    TRANSFERS_FULL,
    /** The user is not registered. */
    UNKNOWN_USER,
    /** The user's account is locked. */
    USER_LOCKED,
    /** A coin is not a live coin. */
    COIN_UNKNOWN,
    /** A coin is not the user's. */
    NOT_OWNER,
    /** A coin is already where the order would move it. */
    WRONG_PLACE,
    /** A coin is held by a prepared swap. */
    COIN_RESERVED,
    /** A coin is expired: only an exchange takes it. */
    COIN_EXPIRED,
    /** The coins are in the requested place; their owner is unchanged. */
    MOVED
}
