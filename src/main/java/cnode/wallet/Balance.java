package cnode.wallet;

import cnode.money.Currency;

/**
 * The user's money of one currency and colour, in billons, split by {@link CoinStanding}. The
 * four parts never overlap. Immutable; sums are exact (an overflow is a bug and throws).
 *
 * @param free    spendable ({@code freeBalance})
 * @param locked  reserved by a task here or a swap at the registry ({@code lockedBalance})
 * @param vault   in the vault ({@code vaultBalance})
 * @param expired in the wallet but expired; in no documented balance
 */
public record Balance(Currency currency, long colour, long free, long locked, long vault,
                      long expired) {
    public Balance {
        if (currency == null || colour < 0 || free < 0 || locked < 0 || vault < 0
            || expired < 0) {
            throw new IllegalArgumentException("not a balance: " + currency + "/" + colour);
        }
    }

    /** Nothing of {@code currency} and {@code colour}. */
    public static Balance zero(Currency currency, long colour) {
        return new Balance(currency, colour, 0, 0, 0, 0);
    }

    /** This balance with {@code billons} more of {@code standing}. */
    Balance plus(CoinStanding standing, long billons) {
        return switch (standing) {
            case FREE -> new Balance(currency, colour, Math.addExact(free, billons), locked,
                vault, expired);
            case LOCKED -> new Balance(currency, colour, free, Math.addExact(locked, billons),
                vault, expired);
            case VAULT -> new Balance(currency, colour, free, locked,
                Math.addExact(vault, billons), expired);
            case EXPIRED -> new Balance(currency, colour, free, locked, vault,
                Math.addExact(expired, billons));
        };
    }

    /** Everything of this currency and colour the user owns. */
    public long total() {
        return Math.addExact(Math.addExact(free, locked), Math.addExact(vault, expired));
    }
}
