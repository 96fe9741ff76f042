package cnode.wallet;

import cnode.money.Coin;

/**
 * One of the user's coins as a reader sees it: its facts, its standing at the time of the
 * read, and when this node first saw it. Immutable.
 *
 * @param incomingAtMs when this node first saw the coin, or its issuing time when it was
 *                     already held at the first load after login
 */
public record HeldCoin(Coin coin, CoinStanding standing, long incomingAtMs) {
    public HeldCoin {
        if (coin == null || standing == null) {
            throw new IllegalArgumentException("a held coin needs a coin and a standing");
        }
    }
}
