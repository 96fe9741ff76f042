package cnode.colony;

import java.util.Objects;

/**
 * One user's money of one kind at a moment, as {@code getMoneyStatus} shows it: free (in the
 * wallet, unreserved, not expired), locked (reserved by prepared swaps), in the vault, and
 * expired (in the wallet, unreserved, waiting for an exchange). The four never overlap and sum
 * to everything the user owns of the kind. Immutable.
 *
 * @param kind the kind of money
 * @param freeBillons spendable
 * @param lockedBillons held by prepared swaps
 * @param vaultBillons in the vault, expired or not
 * @param expiredBillons in the wallet, free but expired
 */
public record CoinBalance(
        CoinKind kind, long freeBillons, long lockedBillons, long vaultBillons,
        long expiredBillons) {

    public CoinBalance {
        Objects.requireNonNull(kind, "kind");
        if (freeBillons < 0 || lockedBillons < 0 || vaultBillons < 0 || expiredBillons < 0) {
            throw new IllegalArgumentException("balances are never negative");
        }
    }

    /** Everything the user owns of this kind. */
    public long ownedBillons() {
        return Math.addExact(Math.addExact(freeBillons, lockedBillons),
            Math.addExact(vaultBillons, expiredBillons));
    }
}
