package cnode.wallet;

import cnode.money.Coin;

/**
 * One coin of the user's as the colony last listed it, with what only this node knows: when it
 * first saw it. Immutable.
 *
 * @param coin         the coin's signed facts
 * @param place        where the registry keeps it
 * @param swap         the prepared swap holding it at the registry, or null when none does
 * @param incomingAtMs when this node first saw the coin; its issuing time when the coin was
 *                     already there at the first load after login (the node cannot know when
 *                     it came)
 */
record Holding(Coin coin, Place place, String swap, long incomingAtMs) {
    /** Where the registry keeps a coin. */
    enum Place { WALLET, VAULT }

    Holding {
        if (coin == null || place == null) {
            throw new IllegalArgumentException("a holding needs a coin and a place");
        }
    }

    /** The standing of this coin at {@code nowMs}, given whether a task here reserved it. */
    CoinStanding standing(boolean reservedHere, long nowMs) {
        if (place == Place.VAULT) {
            return CoinStanding.VAULT;
        }
        if (reservedHere || swap != null) {
            return CoinStanding.LOCKED;
        }
        return coin.expiredAt(nowMs) ? CoinStanding.EXPIRED : CoinStanding.FREE;
    }
}
