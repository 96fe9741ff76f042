package cnode.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The five curves: their tables have the documented shape, their names are the wire names, and
 * a split along each puts most coins where its Javadoc says.
 */
final class IssuanceCurveTest {

    @Test
    void everyTableHasOneBoundedWeightPerFaceValue() {
        assertThat(IssuanceCurve.values()).hasSize(5);
        for (IssuanceCurve curve : IssuanceCurve.values()) {
            long[] weights = curve.weights();
            assertThat(weights).hasSize(Denominations.COUNT);
            assertThat(Arrays.stream(weights).boxed())
                .allMatch(w -> w >= 0 && w <= IssuanceCurve.WEIGHT_MAX);
            assertThat(Arrays.stream(weights).sum()).isPositive();
            weights[0] = 999;
            assertThat(curve.weight(0)).isNotEqualTo(999);
        }
        assertThat(Arrays.stream(IssuanceCurve.DEFAULT_ISSUANCE_CURVE.weights()).boxed())
            .allMatch(w -> w > 0);
    }

    @Test
    void curvesAreFoundByTheirWireNames() {
        for (String name : new String[] {"DEFAULT_ISSUANCE_CURVE", "GROSZY_ISSUANCE_CURVE",
            "ZLOTY_ISSUANCE_CURVE", "TENS_ISSUANCE_CURVE", "HUNDREDS_ISSUANCE_CURVE"}) {
            assertThat(IssuanceCurve.named(name)).map(IssuanceCurve::name).contains(name);
        }
        assertThat(IssuanceCurve.named("default_issuance_curve")).isEmpty();
        assertThat(IssuanceCurve.named(null)).isEmpty();
        assertThat(IssuanceCurve.named("")).isEmpty();
    }

    @Test
    void eachCurvePutsMostCoinsInItsDecade() {
        // Decades as indexes of the 1-2-5 triple: 1 = 10..50 billons, 3 = 1 000..5 000, ...
        assertThat(busiestDecade(IssuanceCurve.GROSZY_ISSUANCE_CURVE, 100_000)).isEqualTo(1);
        assertThat(busiestDecade(IssuanceCurve.ZLOTY_ISSUANCE_CURVE, 1_000_000)).isEqualTo(3);
        assertThat(busiestDecade(IssuanceCurve.TENS_ISSUANCE_CURVE, 10_000_000)).isEqualTo(4);
        assertThat(busiestDecade(IssuanceCurve.HUNDREDS_ISSUANCE_CURVE, 100_000_000))
            .isEqualTo(5);
        assertThat(busiestDecade(IssuanceCurve.DEFAULT_ISSUANCE_CURVE, 100_000_000))
            .isEqualTo(3);
    }

    @Test
    void weightedValueIsTheDivisorOfASplit() {
        for (IssuanceCurve curve : IssuanceCurve.values()) {
            long sum = 0;
            for (int i = 0; i < Denominations.COUNT; i++) {
                sum += curve.weight(i) * Denominations.faceValue(i);
            }
            assertThat(curve.weightedValue()).isEqualTo(sum);
        }
    }

    private static int busiestDecade(IssuanceCurve curve, long amount) {
        CoinDistribution coins = CoinDistribution.alongCurve(amount, curve).distribution()
            .orElseThrow();
        int busiest = -1;
        long most = -1;
        for (int decade = 0; decade < Denominations.COUNT / 3; decade++) {
            long inDecade = coins.count(3 * decade) + coins.count(3 * decade + 1)
                + coins.count(3 * decade + 2);
            if (inDecade > most) {
                most = inDecade;
                busiest = decade;
            }
        }
        return busiest;
    }
}
