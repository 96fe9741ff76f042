package cnode.payment;

import java.util.List;

/**
 * What {@link CoinSelection#choose} decided: an outcome, and for {@link Outcome#EXACT} and
 * {@link Outcome#WITH_CHANGE} the coins that move. The payer's coins go to the payee; the
 * change coins come back from the payee; the payee gains {@code payerSum() - changeSum()}, which
 * is the amount asked for. Both lists are ordered by face value, largest first, then by id.
 * Immutable.
 *
 * @param outcome the kind of answer
 * @param payerCoins the payer's coins that move, empty unless a selection was found
 * @param changeCoins the other side's coins given back as change, empty unless
 *                    {@link Outcome#WITH_CHANGE}
 * @param searchSteps how many search states were visited (0 when no search was needed); it
 *                    reaches {@link CoinSelection#SEARCH_STEPS_MAX} only if the search was cut
 *                    short
 */
public record Selection(Outcome outcome, List<CoinFace> payerCoins, List<CoinFace> changeCoins,
                        long searchSteps) {

    /** The answers, in the order {@link CoinSelection} judges them. */
    public enum Outcome {
        /** The payer's free + locked balance is below the amount. */
        NOT_ENOUGH_MONEY,
        /** free &lt; amount &le; free + locked: other running tasks hold the coins it needs. */
        COLLECTING_MONEX_AMOUNT,
        /** Payer's coins that sum to the amount exactly. */
        EXACT,
        /** Payer's coins that sum to amount + c, and change coins that sum to c &gt; 0. */
        WITH_CHANGE,
        /**
         * Enough free money, but no exact set and no change the other side can make, within the
         * coin limit of one swap.
         */
        CHANGE_MISMATCH
    }

    public Selection {
        payerCoins = List.copyOf(payerCoins);
        changeCoins = List.copyOf(changeCoins);
        boolean found = outcome == Outcome.EXACT || outcome == Outcome.WITH_CHANGE;
        if (found == payerCoins.isEmpty()
            || (outcome == Outcome.WITH_CHANGE) == changeCoins.isEmpty()) {
            throw new IllegalArgumentException("coins do not fit the outcome " + outcome);
        }
        if (searchSteps < 0) {
            throw new IllegalArgumentException("search steps must be >= 0");
        }
    }

    /** A refusal: no coins move. */
    static Selection refused(Outcome outcome, long searchSteps) {
        return new Selection(outcome, List.of(), List.of(), searchSteps);
    }

    /** The sum of the payer's coins, in billons. */
    public long payerSum() {
        return sum(payerCoins);
    }

    /** The sum of the change coins, in billons; 0 unless {@link Outcome#WITH_CHANGE}. */
    public long changeSum() {
        return sum(changeCoins);
    }

    /** How many coins the swap moves, both sides together. */
    public int coinCount() {
        return payerCoins.size() + changeCoins.size();
    }

    private static long sum(List<CoinFace> coins) {
        long sum = 0;
        for (CoinFace coin : coins) {
            sum = Math.addExact(sum, coin.faceValue());
        }
        return sum;
    }
}
