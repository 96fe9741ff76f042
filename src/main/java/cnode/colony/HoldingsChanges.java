package cnode.colony;

import java.util.List;

/**
 * What changed in one owner's coins since a version ({@link Registry#holdingsChanges}).
 * Immutable.
 *
 * @param result {@link HoldingsChangesResult#LISTED}, or {@code CHANGES_GONE} with nothing else
 * @param coins the coins the owner has that changed (or arrived) since the version, as they are
 *     now (as of the read's time), in the order of their last change
 * @param gone the ids of the coins that left the owner since the version (paid away, redeemed,
 *     exchanged), in the order they left
 * @param version the version to ask with next time; null when refused
 * @param more whether the limit cut the answer: ask again at once with {@code version}
 */
public record HoldingsChanges(HoldingsChangesResult result, List<CoinRow> coins,
                              List<String> gone, String version, boolean more) {
    public HoldingsChanges {
        coins = List.copyOf(coins);
        gone = List.copyOf(gone);
    }

    /** The refusal: the version cannot be answered. */
    static HoldingsChanges refused() {
        return new HoldingsChanges(HoldingsChangesResult.CHANGES_GONE, List.of(), List.of(), null,
            false);
    }
}
