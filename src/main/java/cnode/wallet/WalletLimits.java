package cnode.wallet;

import cnode.colony.client.ColonyVault;

/**
 * The bounds of one {@link Wallet}, validated on construction so that a bad value stops the
 * node at start-up instead of being "corrected".
 *
 * @param maxAgeMs  how old the cached coins may be before a read fetches them again; also the
 *                  least time between two fetches after one failed
 * @param pageCoins coins asked for per page of holdings, 1 to the colony's page maximum
 * @param coinsMax  most coins the cache holds; a user with more is shown the first ones (by
 *                  id) and the node says so loudly in its log
 */
public record WalletLimits(long maxAgeMs, int pageCoins, int coinsMax) {
    /** The most coins any wallet may be configured to hold. */
    public static final int COINS_MAX_LIMIT = 1_000_000;
    private static final long MAX_AGE_MS_LIMIT = 3_600_000;

    public WalletLimits {
        if (maxAgeMs < 0 || maxAgeMs > MAX_AGE_MS_LIMIT) {
            throw new IllegalArgumentException("wallet max age must be 0 to 1 h: " + maxAgeMs);
        }
        if (pageCoins < 1 || pageCoins > ColonyVault.COINS_PAGE_MAX) {
            throw new IllegalArgumentException("a holdings page has 1 to "
                + ColonyVault.COINS_PAGE_MAX + " coins: " + pageCoins);
        }
        if (coinsMax < 1 || coinsMax > COINS_MAX_LIMIT) {
            throw new IllegalArgumentException("a wallet holds 1 to " + COINS_MAX_LIMIT
                + " coins: " + coinsMax);
        }
    }

    /** One second of age, full pages of 10 000 coins, at most 100 000 coins (ten pages). */
    public static WalletLimits defaults() {
        return new WalletLimits(1_000, ColonyVault.COINS_PAGE_MAX, 100_000);
    }

    /** Most pages one fetch reads: enough for {@link #coinsMax} in full pages, plus one. */
    int pagesMax() {
        return (coinsMax + pageCoins - 1) / pageCoins + 1;
    }
}
