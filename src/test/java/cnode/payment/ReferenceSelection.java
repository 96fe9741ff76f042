package cnode.payment;

import cnode.payment.Selection.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference model of coin selection, written from the rules and not from the search: it
 * finds the fewest coins for every sum each side can make, then takes the smallest surplus c
 * for which the payer can pay amount + c and the offer can give c back, within the coin limit,
 * then the fewest coins in all. The sums come either from all subsets (small purses) or from a
 * 0/1 knapsack over sums (medium purses of small face values). Stateless.
 *
 * @param outcome the kind of answer
 * @param change the surplus of the preferred selection, 0 for an exact one or a refusal
 * @param coins the coins of the preferred selection, 0 for a refusal
 */
record ReferenceSelection(Outcome outcome, long change, int coins) {

    /** The fewest coins for each sum of some subset of {@code coins}, by trying all subsets. */
    static Map<Long, Integer> sumsBySubsets(List<CoinFace> coins) {
        if (coins.size() > 20) {
            throw new IllegalArgumentException("too many coins for enumerating subsets");
        }
        Map<Long, Integer> fewest = new TreeMap<>();
        for (int mask = 0; mask < 1 << coins.size(); mask++) {
            long sum = 0;
            for (int i = 0; i < coins.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    sum += coins.get(i).faceValue();
                }
            }
            fewest.merge(sum, Integer.bitCount(mask), Math::min);
        }
        return fewest;
    }

    /** The same as {@link #sumsBySubsets}, by a knapsack over all sums up to the total. */
    static Map<Long, Integer> sumsByKnapsack(List<CoinFace> coins) {
        int total = Math.toIntExact(coins.stream().mapToLong(CoinFace::faceValue).sum());
        int[] fewest = new int[total + 1];
        java.util.Arrays.fill(fewest, Integer.MAX_VALUE);
        fewest[0] = 0;
        for (CoinFace coin : coins) {
            int face = Math.toIntExact(coin.faceValue());
            for (int sum = total; sum >= face; sum--) {
                if (fewest[sum - face] != Integer.MAX_VALUE) {
                    fewest[sum] = Math.min(fewest[sum], fewest[sum - face] + 1);
                }
            }
        }
        Map<Long, Integer> sums = new TreeMap<>();
        for (int sum = 0; sum <= total; sum++) {
            if (fewest[sum] != Integer.MAX_VALUE) {
                sums.put((long) sum, fewest[sum]);
            }
        }
        return sums;
    }

    /** The answer for one payment, given the sums each side can make. */
    static ReferenceSelection judge(long amount, long free, long locked,
                                    Map<Long, Integer> payerSums, Map<Long, Integer> offerSums,
                                    int coinsMax) {
        if (free + locked < amount) {
            return new ReferenceSelection(Outcome.NOT_ENOUGH_MONEY, 0, 0);
        }
        if (free < amount) {
            return new ReferenceSelection(Outcome.COLLECTING_MONEX_AMOUNT, 0, 0);
        }
        ReferenceSelection best = null;
        for (Map.Entry<Long, Integer> paid : payerSums.entrySet()) {
            long change = paid.getKey() - amount;
            Integer changeCoins = offerSums.get(change);
            if (change < 0 || changeCoins == null) {
                continue;
            }
            int coins = paid.getValue() + changeCoins;
            if (coins > coinsMax) {
                continue;
            }
            if (best == null || change < best.change()
                || (change == best.change() && coins < best.coins())) {
                best = new ReferenceSelection(
                    change == 0 ? Outcome.EXACT : Outcome.WITH_CHANGE, change, coins);
            }
        }
        return best != null ? best : new ReferenceSelection(Outcome.CHANGE_MISMATCH, 0, 0);
    }
}
