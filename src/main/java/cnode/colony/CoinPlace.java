package cnode.colony;

/**
 * Where a coin is kept. The place never changes who owns a coin: a coin in the vault is still
 * its owner's money ({@code vaultBalance}), held by the colony instead of a node, and only a
 * coin in the wallet can be paid in a swap.
 */
public enum CoinPlace {
    /** With its owner's nodes: free to be paid, or reserved by one prepared swap. */
    WALLET,
    /** In the owner's vault in the colony: never reserved, moved back by a vault move. */
    VAULT
}
