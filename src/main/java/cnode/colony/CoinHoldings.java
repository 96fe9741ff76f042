package cnode.colony;

import java.util.List;

/**
 * The coins one user owns, by where they are: free in the wallet (including expired ones, which
 * only an exchange takes), reserved by prepared swaps, and in the vault. Each list is sorted by
 * coin id. Immutable.
 *
 * @param free in the wallet and held by no swap
 * @param reserved in the wallet and held by a prepared swap
 * @param vault in the vault
 */
public record CoinHoldings(List<CoinRow> free, List<CoinRow> reserved, List<CoinRow> vault) {

    public CoinHoldings {
        free = List.copyOf(free);
        reserved = List.copyOf(reserved);
        vault = List.copyOf(vault);
    }
}
