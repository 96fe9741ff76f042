package cnode.colony;

import cnode.money.Coin;
import java.util.List;
import java.util.Objects;

/**
 * A request from the bank (an administrator) to issue new coins to a user, or to the bank
 * itself ({@link Registry#BANK}). The edge has checked the administrator and the bank's
 * signature on each coin. Immutable.
 *
 * @param transferId the client-chosen id that makes the mint idempotent
 * @param user who receives the coins, in the wallet
 * @param coins the new coins, all of one kind
 */
public record MintOrder(String transferId, String user, List<Coin> coins) {

    public MintOrder {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(user, "user");
        coins = List.copyOf(coins);
    }
}
