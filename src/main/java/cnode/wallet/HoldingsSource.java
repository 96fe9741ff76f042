package cnode.wallet;

import cnode.colony.client.ColonyVault;
import cnode.colony.client.ColonyVault.HoldingsChangesReply;
import cnode.colony.client.ColonyVault.HoldingsReply;
import cnode.colony.client.Outcome;
import cnode.colony.client.SessionToken;
import java.io.IOException;

/**
 * Where a {@link Wallet} reads its user's coins from, one page at a time, or only what
 * changed since a version: the colony's {@code GET /v1/users/{user}/holdings} and
 * {@code .../holdings/changes} in production ({@link #colony}), a fake in tests. The
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

    /**
     * What changed in {@code user}'s coins since {@code since} (a version a page or an
     * earlier answer gave): coins now held that changed, ids that left, at most {@code limit}
     * coins, and the version to ask with next; refused {@code CHANGES_GONE} when the colony no
     * longer knows that version.
     *
     * @throws IOException the colony could not be reached or answered garbage
     */
    Outcome<HoldingsChangesReply> changes(SessionToken session, String user, String since,
                                          int limit) throws IOException, InterruptedException;

    /** The colony's holdings endpoints, through its typed client. */
    static HoldingsSource colony(ColonyVault vault) {
        return new HoldingsSource() {
            @Override
            public Outcome<HoldingsReply> page(SessionToken session, String user, String after,
                                               int limit)
                throws IOException, InterruptedException {
                return vault.holdings(session, user, after, limit);
            }

            @Override
            public Outcome<HoldingsChangesReply> changes(SessionToken session, String user,
                                                         String since, int limit)
                throws IOException, InterruptedException {
                return vault.holdingsChanges(session, user, since, limit);
            }
        };
    }
}
