package cnode.money;

import java.util.Arrays;
import java.util.Optional;

/**
 * The five issuance curves a node may name when it asks the bank for change
 * ({@code changeMonexAtBnode} with {@code HISTOGRAM}): fixed tables of 21 weights, one per face
 * value, smallest first. A weight is a relative number of coins: the amount is split so that
 * denomination {@code i} gets a share of value proportional to {@code weight(i) × faceValue(i)}
 * (see {@link CoinDistribution#alongCurve}). The constant names are the documented wire names.
 *
 * <pre>
 * face value (billons)  DEFAULT  GROSZY  ZLOTY  TENS  HUNDREDS
 *                     1        1       2      0     0         0
 *                     2        1       2      0     0         0
 *                     5        1       2      0     0         0
 *                    10        2      20      1     0         0
 *                    20        2      20      1     0         0
 *                    50        2      20      1     0         0
 *                   100        4      10      5     1         0
 *                   200        4      10      5     1         0
 *                   500        4      10      5     1         0
 *                 1 000        8       2     20     5         1
 *                 2 000        8       2     20     5         1
 *                 5 000        8       2     20     5         1
 *                10 000        4       0      5    20         5
 *                20 000        4       0      5    20         5
 *                50 000        4       0      5    20         5
 *               100 000        2       0      0     5        20
 *               200 000        2       0      0     5        20
 *               500 000        2       0      0     5        20
 *             1 000 000        1       0      0     0         5
 *             2 000 000        1       0      0     0         5
 *             5 000 000        1       0      0     0         5
 * </pre>
 *
 * So GROSZY gives mostly 1-5 grosz coins (10 to 50 billons), ZLOTY 1-5 zloty, TENS 10-50,
 * HUNDREDS 100-500 units, each with some coins a decade either side; DEFAULT spreads over every
 * face value, most coins at 1-5 units. Every weight is between 0 and {@link #WEIGHT_MAX} and
 * every curve has a positive one. Immutable.
 */
public enum IssuanceCurve {
    DEFAULT_ISSUANCE_CURVE(1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8, 4, 4, 4, 2, 2, 2, 1, 1, 1),
    GROSZY_ISSUANCE_CURVE(2, 2, 2, 20, 20, 20, 10, 10, 10, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    ZLOTY_ISSUANCE_CURVE(0, 0, 0, 1, 1, 1, 5, 5, 5, 20, 20, 20, 5, 5, 5, 0, 0, 0, 0, 0, 0),
    TENS_ISSUANCE_CURVE(0, 0, 0, 0, 0, 0, 1, 1, 1, 5, 5, 5, 20, 20, 20, 5, 5, 5, 0, 0, 0),
    HUNDREDS_ISSUANCE_CURVE(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 5, 5, 5, 20, 20, 20, 5, 5, 5);

    /** The largest weight a table may hold; it bounds the arithmetic of a split. */
    public static final long WEIGHT_MAX = 1_000;

    private final long[] weights;
    private final long weightedValue;

    IssuanceCurve(long... weights) {
        if (weights.length != Denominations.COUNT) {
            throw new IllegalArgumentException("a curve has one weight per face value");
        }
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0 || weights[i] > WEIGHT_MAX) {
                throw new IllegalArgumentException("weight out of bounds: " + weights[i]);
            }
            sum = Math.addExact(sum, Math.multiplyExact(weights[i], Denominations.faceValue(i)));
        }
        if (sum == 0) {
            throw new IllegalArgumentException("a curve needs a positive weight");
        }
        this.weights = weights;
        this.weightedValue = sum;
    }

    /** The curve with the wire name {@code name}, or empty if there is none. */
    public static Optional<IssuanceCurve> named(String name) {
        return Arrays.stream(values()).filter(curve -> curve.name().equals(name)).findFirst();
    }

    /** The weight of the face value at {@code index} (0 = 1 billon). */
    public long weight(int index) {
        return weights[index];
    }

    /** The 21 weights, smallest face value first (a copy). */
    public long[] weights() {
        return weights.clone();
    }

    /** The sum of weight × face value over all face values: the divisor of a split. */
    public long weightedValue() {
        return weightedValue;
    }
}
