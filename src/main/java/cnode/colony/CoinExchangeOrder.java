package cnode.colony;

import cnode.money.Coin;
import java.util.List;
import java.util.Objects;

/**
 * A request to the bank to change a user's coins: the given coins are redeemed and the new
 * coins, worth exactly as much, are issued to the user, in one step. The same order re-issues
 * expired coins (the only operation that takes them). The edge chose the new coins (by
 * {@code AMOUNT}, {@code HISTOGRAM} or {@code FACE_VALUE}), had the bank sign them, and checked
 * the user's signature. Immutable.
 *
 * @param transferId the client-chosen id that makes the exchange idempotent
 * @param user the owner of the given coins, who receives the new ones in the wallet
 * @param giveCoinIds the user's coins, from wallet or vault, expired or not
 * @param newCoins the coins the bank issues in their place
 */
public record CoinExchangeOrder(
        String transferId, String user, List<String> giveCoinIds, List<Coin> newCoins) {

    public CoinExchangeOrder {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(user, "user");
        giveCoinIds = List.copyOf(giveCoinIds);
        newCoins = List.copyOf(newCoins);
    }
}
