package cnode.colony;

import java.util.Objects;

/**
 * How much of one kind of money the bank ever issued and ever redeemed. The conservation
 * invariant: the live coins of the kind sum to {@code issued - redeemed}. Both totals only
 * grow. The store's row for the totals; immutable.
 *
 * @param kind the kind of money
 * @param issuedBillons minted and re-issued, in billons
 * @param redeemedBillons redeemed and taken in by exchange, in billons; never above issued
 */
public record CoinTotalRow(CoinKind kind, long issuedBillons, long redeemedBillons) {

    public CoinTotalRow {
        Objects.requireNonNull(kind, "kind");
        if (issuedBillons < 0 || redeemedBillons < 0) {
            throw new IllegalArgumentException("totals are never negative");
        }
    }

    /** The money of this kind in circulation: what the live coins must sum to. */
    public long circulatingBillons() {
        return issuedBillons - redeemedBillons;
    }
}
