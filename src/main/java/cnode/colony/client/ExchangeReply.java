package cnode.colony.client;

import java.util.List;

/**
 * The answer of {@code POST /v1/bank/exchanges}: the given coins are gone and these new coins,
 * worth exactly {@code billons}, are the user's, in the wallet. The same request again gets
 * this same answer, coins and all. Immutable.
 *
 * @param transferId the request's id
 * @param user the owner
 * @param currency the coins' currency
 * @param colour the coins' colour
 * @param billons the worth of the given coins and of the new ones
 * @param coins the new coins, smallest face value first, each signed by the bank
 */
public record ExchangeReply(String transferId, String user, String currency, long colour,
                            long billons, List<CoinReply> coins) {
    public ExchangeReply {
        coins = List.copyOf(coins);
    }
}
