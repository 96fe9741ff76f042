package cnode.colony;

/**
 * Where a swap is in its two phases. The only moves: PREPARED to COMMITTED (commit), PREPARED
 * to VOIDED (void), PREPARED to EXPIRED (its reservation ran out first). The three others are
 * final. Only a PREPARED swap holds coins.
 */
public enum SwapState {
    /** Coins reserved, waiting for commit or void, until its expiry. */
    PREPARED,
    /** Ownership moved: the point of no return of a payment. */
    COMMITTED,
    /** Voided on request; its coins are free again. */
    VOIDED,
    /** Voided because it reached its expiry unfinished; its coins are free again. */
    EXPIRED;

    /** Whether the swap has ended, one way or the other. */
    public boolean settled() {
        return this != PREPARED;
    }
}
