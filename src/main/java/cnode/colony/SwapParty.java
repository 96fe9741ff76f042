package cnode.colony;

/**
 * Which side of a swap a refusal is about, so that a node can tell its own side from the
 * counterparty's: a merchant node maps its own side to SELLER and the other to BUYER
 * ({@code FINISHED_ERR_SELLER_LIMITS_EXCEEDED} or {@code ..._BUYER_...}).
 */
public enum SwapParty {
    /** The user whose coins are paid. */
    PAYER,
    /** The user who receives them. */
    PAYEE,
    /** Neither in particular: the order itself, the coins, or the registry. */
    NONE
}
