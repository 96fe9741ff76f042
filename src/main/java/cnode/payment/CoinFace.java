package cnode.payment;

/**
 * One coin as {@link CoinSelection} sees it: its id and its face value, nothing else (owner,
 * currency, colour and expiry were judged by whoever listed it). Immutable.
 *
 * @param id the coin's id, unique among all the coins of one selection
 * @param faceValue the coin's face value in billons, positive
 */
public record CoinFace(String id, long faceValue) {

    public CoinFace {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a coin needs an id");
        }
        if (faceValue <= 0) {
            throw new IllegalArgumentException("a face value must be positive: " + faceValue);
        }
    }
}
