package cnode.colony;

import java.util.List;

/**
 * One page of the coins a user owns, in coin id order, as of a time: free, reserved and vault
 * coins together, each row telling its place and reservation. Immutable.
 *
 * @param coins at most the page's limit of rows, ids ascending
 * @param next the id of the last row when more coins follow (the cursor of the next page), or
 *     null when this page is the last
 */
public record CoinPage(List<CoinRow> coins, String next) {

    public CoinPage {
        coins = List.copyOf(coins);
    }
}
