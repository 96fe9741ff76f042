package cnode.colony;

import java.util.List;
import java.util.Objects;

/**
 * A request to move some of a user's coins between wallet and vault. The owner never changes;
 * only the place does. The edge has checked that the user asked. Immutable.
 *
 * @param transferId the client-chosen id that makes the move idempotent
 * @param user the owner of the coins
 * @param coinIds the coins to move
 * @param to where they go: {@link CoinPlace#VAULT} from the wallet, or back
 */
public record VaultOrder(String transferId, String user, List<String> coinIds, CoinPlace to) {

    public VaultOrder {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(to, "to");
        coinIds = List.copyOf(coinIds);
    }
}
