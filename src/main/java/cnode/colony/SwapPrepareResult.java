package cnode.colony;

/**
 * How {@link Registry#prepare} answered. The constants are declared in the order the guards
 * run, so when two refusals apply the one declared first is the answer. The guards come in
 * five groups:
 *
 * <ol>
 *   <li>the order's shape, judged without the registry and never remembered (a malformed
 *       order cannot spend a transfer id): {@link #BAD_TRANSFER_ID} to {@link #SAME_USER};</li>
 *   <li>the transfer id's memory: a known id with the same content gets its first answer again,
 *       whatever it was; with other content {@link #TRANSFER_ID_REUSED};</li>
 *   <li>checks against the clock and the registry's capacity, not remembered either, since a
 *       retry later may pass them: {@link #RESERVATION_IN_PAST} to {@link #TRANSFERS_FULL};</li>
 *   <li>the judgement against the registry's state, remembered under the transfer id:
 *       {@link #PAYER_UNKNOWN} to {@link #PAYEE_BALANCE_CAP_EXCEEDED}; each coin guard looks at
 *       every coin of the order before the next guard runs;</li>
 *   <li>{@link #PREPARED}, also remembered.</li>
 * </ol>
 *
 * {@link #party()} tells which side a refusal is about.
 */
public enum SwapPrepareResult {
    /** The transfer id is not 1 to 64 characters of {@code [A-Za-z0-9._:-]}. */
    BAD_TRANSFER_ID(SwapParty.NONE),
    /** The payer gives no coin. */
    NO_COINS(SwapParty.NONE),
    /** More coins (payer's and change together) than the registry takes in one order. */
    TOO_MANY_COINS(SwapParty.NONE),
    /** A coin id appears twice in the order, on one side or across both. */
    DUPLICATE_COIN(SwapParty.NONE),
    /** The order's amount is below zero. */
    NEGATIVE_AMOUNT(SwapParty.NONE),
    /** Payer and payee are the same user. */
    SAME_USER(SwapParty.NONE),
    /** The transfer id was used before for something else. */
    TRANSFER_ID_REUSED(SwapParty.NONE),
    /** The reservation would end at or before now. */
    RESERVATION_IN_PAST(SwapParty.NONE),
    /** The reservation would last longer than the registry allows. */
    RESERVATION_TOO_LONG(SwapParty.NONE),
    /** The registry remembers as many transfer ids as it may; try again later. */
    TRANSFERS_FULL(SwapParty.NONE),
    /** The payer is not a registered user. */
    PAYER_UNKNOWN(SwapParty.PAYER),
    /** The payee is not a registered user. */
    PAYEE_UNKNOWN(SwapParty.PAYEE),
    /** The payer's account is locked. */
    PAYER_LOCKED(SwapParty.PAYER),
    /** The payee's account is locked. */
    PAYEE_LOCKED(SwapParty.PAYEE),
    /** A coin is not a live coin of the registry (never issued, or redeemed). */
    COIN_UNKNOWN(SwapParty.NONE),
    /** The coins are not all of one kind, or not of the order's currency. */
    MIXED_COINS(SwapParty.NONE),
    /** A coin the payer gives is not the payer's (the compare of compare-and-set). */
    NOT_PAYER_COIN(SwapParty.PAYER),
    /** A change coin is not the payee's. */
    NOT_PAYEE_COIN(SwapParty.PAYEE),
    /** A coin is in its owner's vault; only wallet coins can be paid. */
    COIN_IN_VAULT(SwapParty.NONE),
    /** A coin is held by another prepared swap. */
    COIN_RESERVED(SwapParty.NONE),
    /** A coin is expired, or would expire before the reservation ends. */
    COIN_EXPIRED(SwapParty.NONE),
    /** The change is worth more than the payer's coins. */
    CHANGE_EXCEEDS_PAYMENT(SwapParty.NONE),
    /** The payer's coins less the change differ from the order's (signed) amount. */
    AMOUNT_MISMATCH(SwapParty.NONE),
    /** The amount is above the payer's per-transfer limit. */
    PAYER_PER_TRANSFER_EXCEEDED(SwapParty.PAYER),
    /** The amount would take the payer over the daily outgoing limit. */
    PAYER_DAILY_OUT_EXCEEDED(SwapParty.PAYER),
    /** The amount is above the payee's per-transfer limit. */
    PAYEE_PER_TRANSFER_EXCEEDED(SwapParty.PAYEE),
    /** The amount would take the payee over the daily incoming limit. */
    PAYEE_DAILY_IN_EXCEEDED(SwapParty.PAYEE),
    /** The amount would take the payee over the balance cap. */
    PAYEE_BALANCE_CAP_EXCEEDED(SwapParty.PAYEE),
    /** The coins are reserved for this swap until its expiry. */
    PREPARED(SwapParty.NONE);

    private final SwapParty party;

    SwapPrepareResult(SwapParty party) {
        this.party = party;
    }

    /** The side of the swap this answer is about. */
    public SwapParty party() {
        return party;
    }

    /** Whether this is a refusal by one of the user limits. */
    public boolean limitExceeded() {
        return compareTo(PAYER_PER_TRANSFER_EXCEEDED) >= 0 && this != PREPARED;
    }
}
