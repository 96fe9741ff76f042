package cnode.colony;

/**
 * How {@link Registry#mint} answered. Declared in the order the guards run (the first that
 * applies is the answer): the order's shape (not remembered), the transfer id's memory (a
 * known id with the same content gets its first answer again), the clock and capacity (not
 * remembered), then the judgement against the registry (remembered).
 */
public enum MintResult {
    /** The transfer id is not 1 to 64 characters of {@code [A-Za-z0-9._:-]}. */
    BAD_TRANSFER_ID,
    /** No coin to mint. */
    NO_COINS,
    /** More coins than the registry takes in one order. */
    TOO_MANY_COINS,
    /** A coin id appears twice in the order. */
    DUPLICATE_COIN,
    /** The coins are not all of one kind. */
    MIXED_COINS,
    /** The transfer id was used before for something else. */
    TRANSFER_ID_REUSED,
    /** A coin is already expired. */
    COIN_EXPIRED,
    /** The registry remembers as many transfer ids as it may; try again later. */
    TRANSFERS_FULL,
    /** The user is not registered (and is not the bank). */
    UNKNOWN_USER,
    /** A coin id is already a live coin. */
    COIN_EXISTS,
    /** The registry holds as many coins as it may. */
    REGISTRY_FULL,
    /** The kind's issued total would overflow a long. */
    TOTAL_OVERFLOW,
    /** The coins would take the user over the balance cap. */
    BALANCE_CAP_EXCEEDED,
    /** The coins are the user's, in the wallet; the issued total grew by their worth. */
    MINTED
}
