package cnode.wallet;

/**
 * Where one of the user's coins stands, as the balances count it; every coin has exactly one
 * standing, so the four balances never overlap and add up to everything the user owns.
 */
public enum CoinStanding {
    /** In the wallet, reserved by nobody, not expired: spendable. */
    FREE,
    /**
     * In the wallet and reserved, by a task running on this node or by a swap prepared at the
     * registry ({@code lockedBalance}); expired or not.
     */
    LOCKED,
    /** In the vault ({@code vaultBalance}), expired or not. */
    VAULT,
    /** In the wallet, reserved by nobody, expired: only an exchange at the bank takes it. */
    EXPIRED
}
