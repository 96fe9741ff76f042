package cnode.money;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.money.CoinDistribution.Outcome;
import cnode.money.CoinDistribution.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The bank's change: scenario tables for each rule and each named refusal, and properties
 * against a small reference model: the total is always exactly the amount, counts are never
 * negative, and fewest coins is never beaten, neither by a dynamic-programming reference nor by
 * any other rule's distribution.
 */
final class CoinDistributionTest {
    /** Fewest coins for every amount up to REFERENCE_MAX, by dynamic programming. */
    private static final int REFERENCE_MAX = 20_000;
    private static final int[] FEWEST = fewestByDynamicProgramming(REFERENCE_MAX);

    @Test
    void fewestCoinsScenarios() {
        assertThat(counts(CoinDistribution.fewestCoins(1))).isEqualTo(Arrays.asList(1L));
        assertThat(byFace(CoinDistribution.fewestCoins(9))).isEqualTo("5x1 2x2");
        assertThat(byFace(CoinDistribution.fewestCoins(3_888)))
            .isEqualTo("2000x1 1000x1 500x1 200x1 100x1 50x1 20x1 10x1 5x1 2x1 1x1");
        assertThat(byFace(CoinDistribution.fewestCoins(5_000_000))).isEqualTo("5000000x1");
        assertThat(byFace(CoinDistribution.fewestCoins(12_345_678))).isEqualTo(
            "5000000x2 2000000x1 200000x1 100000x1 20000x2 5000x1 500x1 100x1 50x1 20x1 5x1 "
            + "2x1 1x1");
    }

    @Test
    void theCoinLimitIsNamed() {
        long most = CoinDistribution.COINS_MAX * 5_000_000L;
        assertThat(CoinDistribution.fewestCoins(most).ok()).isTrue();
        assertThat(CoinDistribution.fewestCoins(most).distribution().orElseThrow().coins())
            .isEqualTo(CoinDistribution.COINS_MAX);
        assertThat(CoinDistribution.fewestCoins(most + 1).result())
            .isEqualTo(Result.TOO_MANY_COINS);
        assertThat(CoinDistribution.fewestCoins(Long.MAX_VALUE).result())
            .isEqualTo(Result.TOO_MANY_COINS);
        assertThat(CoinDistribution.alongCurve(Long.MAX_VALUE,
            IssuanceCurve.DEFAULT_ISSUANCE_CURVE).result()).isEqualTo(Result.TOO_MANY_COINS);
        assertThat(CoinDistribution.alongCurve(10_000_000L,
            IssuanceCurve.GROSZY_ISSUANCE_CURVE).result()).isEqualTo(Result.TOO_MANY_COINS);
    }

    @Test
    void everyRuleRefusesAnAmountThatIsNotPositive() {
        for (long amount : new long[] {0, -1, Long.MIN_VALUE}) {
            assertThat(CoinDistribution.fewestCoins(amount).result())
                .isEqualTo(Result.AMOUNT_NOT_POSITIVE);
            assertThat(CoinDistribution.alongCurve(amount, IssuanceCurve.ZLOTY_ISSUANCE_CURVE)
                .result()).isEqualTo(Result.AMOUNT_NOT_POSITIVE);
            assertThat(CoinDistribution.fromText(amount, "1").result())
                .isEqualTo(Result.AMOUNT_NOT_POSITIVE);
            assertThat(CoinDistribution.forChange(amount, "NONSENSE", "").result())
                .isEqualTo(Result.AMOUNT_NOT_POSITIVE);
        }
    }

    @Test
    void faceValueTextScenarios() {
        assertThat(byFace(CoinDistribution.fromText(7, "1\n3"))).isEqualTo("2x3 1x1");
        assertThat(byFace(CoinDistribution.fromText(7, "1\n3\n"))).isEqualTo("2x3 1x1");
        assertThat(byFace(CoinDistribution.fromText(7, " 1 \r\n3\r\n"))).isEqualTo("2x3 1x1");
        assertThat(byFace(CoinDistribution.fromText(5_000_000,
            "0\n".repeat(20) + "1"))).isEqualTo("5000000x1");
        assertThat(byFace(CoinDistribution.fromText(9, "0000\n0002\n1"))).isEqualTo("5x1 2x2");
    }

    @Test
    void faceValueTextRefusalsAreNamed() {
        Object[][] table = {
            {5L, "x".repeat(CoinDistribution.TEXT_CHARS_MAX + 1), Result.TEXT_TOO_LONG},
            {5L, "0\n".repeat(21) + "0", Result.TOO_MANY_LINES},
            {5L, "0\n".repeat(22), Result.TOO_MANY_LINES},
            {5L, "", Result.NOT_A_NUMBER},
            {5L, "\n", Result.NOT_A_NUMBER},
            {5L, "1\n\n2", Result.NOT_A_NUMBER},
            {5L, "five", Result.NOT_A_NUMBER},
            {5L, "+5", Result.NOT_A_NUMBER},
            {5L, "1.5", Result.NOT_A_NUMBER},
            {5L, "1 2", Result.NOT_A_NUMBER},
            {5L, "-", Result.NOT_A_NUMBER},
            {5L, "1\n-2", Result.NEGATIVE_COUNT},
            {5L, "9223372036854775808", Result.OVERFLOW},
            {5L, "99999999999999999999999", Result.OVERFLOW},
            {5L, "9223372036854775807", Result.TOO_MANY_COINS},
            {5L, "5000\n9223372036854775807", Result.TOO_MANY_COINS},
            {100_000L, "10001", Result.TOO_MANY_COINS},
            {5L, "4", Result.TOTAL_MISMATCH},
            {5L, "0\n".repeat(21), Result.TOTAL_MISMATCH},
            {5L, "0\n0\n2", Result.TOTAL_MISMATCH},
        };
        for (Object[] row : table) {
            Outcome outcome = CoinDistribution.fromText((Long) row[0], (String) row[1]);
            String shown = ((String) row[1]).length() > 40
                ? ((String) row[1]).substring(0, 40) : (String) row[1];
            assertThat(outcome.result()).as(shown).isEqualTo(row[2]);
            assertThat(outcome.distribution()).as(shown).isEmpty();
        }
    }

    @Test
    void theChangeRequestDispatchesByType() {
        assertThat(CoinDistribution.forChange(9, "AMOUNT", "")).isEqualTo(
            CoinDistribution.fewestCoins(9));
        assertThat(CoinDistribution.forChange(9, "AMOUNT", null)).isEqualTo(
            CoinDistribution.fewestCoins(9));
        assertThat(byFace(CoinDistribution.forChange(10, "AMOUNT", "3")))
            .isEqualTo("5x1 2x2 1x1");
        assertThat(CoinDistribution.forChange(1_000_000, "HISTOGRAM", "TENS_ISSUANCE_CURVE"))
            .isEqualTo(CoinDistribution.alongCurve(1_000_000, IssuanceCurve.TENS_ISSUANCE_CURVE));
        assertThat(CoinDistribution.forChange(3, "FACE_VALUE", "1\n1"))
            .isEqualTo(CoinDistribution.fromText(3, "1\n1"));

        assertThat(CoinDistribution.forChange(9, "amount", "").result())
            .isEqualTo(Result.UNKNOWN_TYPE);
        assertThat(CoinDistribution.forChange(9, null, "").result())
            .isEqualTo(Result.UNKNOWN_TYPE);
        assertThat(CoinDistribution.forChange(9, "HISTOGRAM", "GROSZE").result())
            .isEqualTo(Result.UNKNOWN_CURVE);
        assertThat(CoinDistribution.forChange(9, "HISTOGRAM", null).result())
            .isEqualTo(Result.UNKNOWN_CURVE);
        for (String target : new String[] {"0", "10", "-3"}) {
            assertThat(CoinDistribution.forChange(9, "AMOUNT", target).result()).as(target)
                .isEqualTo(Result.TARGET_OUT_OF_RANGE);
        }
        assertThat(CoinDistribution.forChange(9, "AMOUNT", "x").result())
            .isEqualTo(Result.NOT_A_NUMBER);
        assertThat(CoinDistribution.forChange(9, "AMOUNT", "99999999999999999999").result())
            .isEqualTo(Result.OVERFLOW);
    }

    @Property(tries = 1000)
    void fewestCoinsIsExactAndNeverBeaten(@ForAll @LongRange(min = 1, max = REFERENCE_MAX)
            long amount) {
        CoinDistribution fewest = distribution(CoinDistribution.fewestCoins(amount));
        assertThat(fewest.total()).isEqualTo(amount);
        assertThat(fewest.coins()).isEqualTo(FEWEST[(int) amount]);
    }

    @Property(tries = 1000)
    void everyRuleIsExactAndFewestCoinsBeatsEveryCurve(
            @ForAll @LongRange(min = 1, max = 50_000_000L) long amount,
            @ForAll IssuanceCurve curve) {
        CoinDistribution fewest = distribution(CoinDistribution.fewestCoins(amount));
        assertThat(fewest.total()).isEqualTo(amount);
        Outcome alongCurve = CoinDistribution.alongCurve(amount, curve);
        if (alongCurve.result() == Result.TOO_MANY_COINS) {
            return;
        }
        CoinDistribution shaped = distribution(alongCurve);
        assertThat(shaped.total()).isEqualTo(amount);
        assertThat(shaped.coins()).isGreaterThanOrEqualTo(fewest.coins())
            .isLessThanOrEqualTo(CoinDistribution.COINS_MAX);
        for (int i = 0; i < Denominations.COUNT; i++) {
            long share = amount * curve.weight(i) / curve.weightedValue();
            assertThat(shaped.count(i)).as("face %d", i).isGreaterThanOrEqualTo(share);
        }
    }

    @Property(tries = 500)
    void explicitCountsAreTakenAsGivenAndNeverBeatFewest(
            @ForAll @Size(max = 21) List<@IntRange(min = 0, max = 40) Integer> counts) {
        long[] asLongs = counts.stream().mapToLong(Integer::longValue).toArray();
        long total = 0;
        for (int i = 0; i < asLongs.length; i++) {
            total += asLongs[i] * Denominations.faceValue(i);
        }
        String text = counts.stream().map(String::valueOf).collect(Collectors.joining("\n"));
        Outcome outcome = CoinDistribution.fromText(Math.max(total, 1), text);
        if (total == 0) {
            assertThat(outcome.result()).isIn(Result.TOTAL_MISMATCH, Result.NOT_A_NUMBER);
            return;
        }
        CoinDistribution given = distribution(outcome);
        assertThat(given.total()).isEqualTo(total);
        assertThat(Arrays.copyOf(given.counts(), asLongs.length)).isEqualTo(asLongs);
        assertThat(distribution(CoinDistribution.fewestCoins(total)).coins())
            .isLessThanOrEqualTo(given.coins());
        assertThat(CoinDistribution.fromText(total + 1, text).result())
            .isEqualTo(Result.TOTAL_MISMATCH);
    }

    @Property(tries = 500)
    void anAmountTargetBecomesFormable(
            @ForAll @LongRange(min = 1, max = 5_000) long amount, @ForAll long seed) {
        long target = 1 + Math.floorMod(seed, amount);
        CoinDistribution coins = distribution(
            CoinDistribution.forChange(amount, "AMOUNT", Long.toString(target)));
        assertThat(coins.total()).isEqualTo(amount);
        assertThat(subsetSums(coins, amount)[(int) target]).isTrue();
    }

    private static CoinDistribution distribution(Outcome outcome) {
        assertThat(outcome.result()).isEqualTo(Result.OK);
        CoinDistribution distribution = outcome.distribution().orElseThrow();
        assertThat(Arrays.stream(distribution.counts()).boxed()).allMatch(count -> count >= 0);
        return distribution;
    }

    private static List<Long> counts(Outcome outcome) {
        long[] counts = distribution(outcome).counts();
        int last = counts.length;
        while (last > 0 && counts[last - 1] == 0) {
            last--;
        }
        return LongStream.of(Arrays.copyOf(counts, last)).boxed().toList();
    }

    /** "face x count" for each non-zero count, largest face first. */
    private static String byFace(Outcome outcome) {
        CoinDistribution distribution = distribution(outcome);
        List<String> parts = new ArrayList<>();
        for (int i = Denominations.COUNT - 1; i >= 0; i--) {
            if (distribution.count(i) > 0) {
                parts.add(Denominations.faceValue(i) + "x" + distribution.count(i));
            }
        }
        return String.join(" ", parts);
    }

    private static int[] fewestByDynamicProgramming(int max) {
        int[] fewest = new int[max + 1];
        for (int amount = 1; amount <= max; amount++) {
            fewest[amount] = Integer.MAX_VALUE;
            for (long face : Denominations.faceValues()) {
                if (face <= amount) {
                    fewest[amount] = Math.min(fewest[amount], fewest[amount - (int) face] + 1);
                }
            }
        }
        return fewest;
    }

    /** Which sums up to {@code max} some subset of the coins makes. */
    private static boolean[] subsetSums(CoinDistribution coins, long max) {
        boolean[] reachable = new boolean[(int) max + 1];
        reachable[0] = true;
        for (int i = 0; i < Denominations.COUNT; i++) {
            int face = (int) Math.min(Denominations.faceValue(i), max + 1);
            for (long n = 0; n < coins.count(i); n++) {
                for (int sum = (int) max; sum >= face; sum--) {
                    reachable[sum] |= reachable[sum - face];
                }
            }
        }
        return reachable;
    }
}
