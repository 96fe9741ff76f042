package cnode.wallet;

import cnode.colony.client.ColonyVault;
import cnode.colony.client.ColonyVault.HoldingsReply;
import cnode.colony.client.Outcome;
import cnode.colony.client.SessionToken;
import java.io.IOException;

/**
 * Where a {@link Wallet} reads its user's coins from, one page at a time: the colony's
 * {@code GET /v1/users/{user}/holdings} in production ({@link #colony}), a fake in tests. The
 * seam exists so that the balance rules can be driven by scenario tables without a colony.
 * Implementations are called from whichever thread refreshes the wallet and must be
 * thread-safe.
 */
public interface HoldingsSource {
    /**
     * One page of {@code user}'s coins in id order, after the coin id {@code after} (empty: from
     * the first), at most {@code limit} coins.
     *
     * @throws IOException the colony could not be reached or answered garbage
     */
    Outcome<HoldingsReply> page(SessionToken session, String user, String after, int limit)
        throws IOException, InterruptedException;

    /** The colony's holdings endpoint, through its typed client. */
    static HoldingsSource colony(ColonyVault vault) {
        return vault::holdings;
    }
}
