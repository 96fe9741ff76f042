package cnode.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.payment.Selection.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The money rules of coin selection as a scenario table: the contract's three refusals in
 * their order, exact sets, change, and the coin limit, each with the coins expected to move.
 */
final class CoinSelectionTest {
    private static final long[] NONE = {};
    private static final long TRILLION = 1_000_000_000_000L;

    /**
     * One row: the payer's free face values, locked billons, the offered change's face values,
     * the amount and the coin limit; then the outcome and the face values expected to move.
     */
    record Scenario(String name, long[] free, long locked, long[] offer, long amount,
                    int coinsMax, Outcome outcome, long[] paid, long[] change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
            refused("no coins at all", NONE, 0, NONE, 1, Outcome.NOT_ENOUGH_MONEY),
            refused("free + locked one short", faces(5, 2), 2, NONE, 10,
                Outcome.NOT_ENOUGH_MONEY),
            refused("not enough wins over a missing change offer", faces(5), 0, NONE, 7,
                Outcome.NOT_ENOUGH_MONEY),
            refused("free + locked just enough: collecting", faces(5), 5, NONE, 10,
                Outcome.COLLECTING_MONEX_AMOUNT),
            refused("free short, locked covers", faces(5, 2), 100, NONE, 10,
                Outcome.COLLECTING_MONEX_AMOUNT),
            refused("collecting wins over a change mismatch", faces(5), 100, NONE, 6,
                Outcome.COLLECTING_MONEX_AMOUNT),
            paid("exact from the whole purse", faces(5, 2, 1), 0, NONE, 8, 1000,
                faces(5, 2, 1), NONE),
            paid("exact, fewest coins", faces(5, 2, 2, 1, 1, 1), 0, NONE, 5, 1000,
                faces(5), NONE),
            paid("6 from {5,2,2,2}: greedy fails, search does not", faces(5, 2, 2, 2), 0,
                NONE, 6, 1000, faces(2, 2, 2), NONE),
            paid("an exact set found after a change, still preferred", faces(5, 5, 2, 2, 2, 2),
                0, faces(1), 6, 1000, faces(2, 2, 2), NONE),
            paid("exact preferred over change with fewer coins", faces(20, 2, 2, 2, 2, 2), 0,
                faces(10), 10, 1000, faces(2, 2, 2, 2, 2), NONE),
            refused("change needed, offer empty", faces(5), 0, NONE, 3,
                Outcome.CHANGE_MISMATCH),
            refused("change needed, offer cannot make it", faces(5, 5), 0, faces(1, 5), 3,
                Outcome.CHANGE_MISMATCH),
            paid("change needed, offer has it", faces(5), 0, faces(2), 3, 1000, faces(5),
                faces(2)),
            paid("smallest surplus over fewer coins", faces(10, 5, 2, 2), 0, faces(5, 2, 1),
                8, 1000, faces(5, 2, 2), faces(1)),
            paid("change of several coins", faces(50, 10), 0, faces(5, 2, 1, 1), 7, 1000,
                faces(10), faces(2, 1)),
            paid("coin limit turns exact into change", faces(10, 1, 1, 1, 1, 1, 1), 0,
                faces(2, 2), 6, 5, faces(10), faces(2, 2)),
            paid("coin limit, a dearer path to the same remainder first",
                faces(100, 100, 100, 100, 100, 50, 50, 50), 0, faces(5, 2, 1), 397, 6,
                faces(100, 100, 100, 100), faces(2, 1)),
            paid("coin limit met exactly", faces(1, 1, 1), 0, NONE, 3, 3, faces(1, 1, 1),
                NONE),
            new Scenario("coin limit rules out every way", faces(1, 1, 1, 5), 0, faces(1, 1),
                3, 2, Outcome.CHANGE_MISMATCH, NONE, NONE),
            paid("a trillion billons, exact", faces(5 * TRILLION / 10, 5 * TRILLION / 10,
                2 * TRILLION / 10, 1), 0, NONE, TRILLION, 1000,
                faces(5 * TRILLION / 10, 5 * TRILLION / 10), NONE),
            paid("a trillion billons, with change", faces(2 * TRILLION, 3), 0,
                faces(TRILLION, 2), TRILLION + 1, 1000, faces(2 * TRILLION, 3),
                faces(TRILLION, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(Scenario s) {
        Selection selection = CoinSelection.choose(s.amount(),
            new Purse(coins("p", s.free()), s.locked()), coins("q", s.offer()), s.coinsMax());

        assertThat(selection.outcome()).isEqualTo(s.outcome());
        assertThat(faceValues(selection.payerCoins())).containsExactly(s.paid());
        assertThat(faceValues(selection.changeCoins())).containsExactly(s.change());
        if (!selection.payerCoins().isEmpty()) {
            assertThat(selection.payerSum() - selection.changeSum()).isEqualTo(s.amount());
            assertThat(selection.coinCount()).isLessThanOrEqualTo(s.coinsMax());
        }
    }

    @Test
    void withinOneFaceValueTheSmallestIdsGo() {
        List<CoinFace> free = List.of(new CoinFace("c", 2), new CoinFace("a", 2),
            new CoinFace("d", 2), new CoinFace("b", 2), new CoinFace("e", 1));
        Selection selection = CoinSelection.choose(4, new Purse(free, 0), List.of(), 10);

        assertThat(selection.payerCoins()).extracting(CoinFace::id).containsExactly("a", "b");
    }

    @Test
    void theOrderOfTheInputDoesNotMatter() {
        Random random = new Random(7);
        List<CoinFace> free = new ArrayList<>();
        List<CoinFace> offer = new ArrayList<>();
        long[] series = {1, 2, 5, 10, 20, 50, 100, 200, 500};
        for (int i = 0; i < 300; i++) {
            free.add(new CoinFace("p" + i, series[3 + random.nextInt(6)]));
            offer.add(new CoinFace("q" + i, series[random.nextInt(series.length)]));
        }
        Selection first = CoinSelection.choose(12_345, new Purse(free, 0), offer, 1000);
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(free, random);
            Collections.shuffle(offer, random);
            assertThat(CoinSelection.choose(12_345, new Purse(free, 0), offer, 1000))
                .isEqualTo(first);
        }
        assertThat(first.outcome()).isEqualTo(Outcome.WITH_CHANGE);
        assertThat(first.changeSum()).isEqualTo(5);
    }

    @Test
    void aSearchTooLargeIsCutShortAndSaysSo() {
        // Forty unrelated face values of about 2^40 billons: subset sum with no structure for
        // the bounds to use, and an amount that no subset makes exactly.
        Random random = new Random(11);
        List<CoinFace> free = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            free.add(new CoinFace("p" + i, (1L << 40) + random.nextLong(1L << 36) * 2 + 1));
        }
        long amount = free.stream().mapToLong(CoinFace::faceValue).sum() / 2 / 2 * 2;
        Selection selection = CoinSelection.choose(amount, new Purse(free, 0), List.of(), 1000);

        assertThat(selection.searchSteps()).isEqualTo(CoinSelection.SEARCH_STEPS_MAX);
        assertThat(selection.outcome()).isEqualTo(Outcome.CHANGE_MISMATCH);
    }

    @Test
    void callersBugsAreRefusedLoudly() {
        Purse purse = new Purse(coins("p", faces(5)), 0);
        assertThatThrownBy(() -> CoinSelection.choose(0, purse, List.of(), 10))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoinSelection.choose(5, purse, List.of(), 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoinSelection.choose(5, purse,
            List.of(new CoinFace("p0", 1)), 10)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> new Purse(List.of(), -1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinFace("x", 0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sumsBeyondALongAreABugNotAnAnswer() {
        Purse purse = new Purse(coins("p", faces(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2,
            Long.MAX_VALUE / 2)), 0);
        assertThatThrownBy(() -> CoinSelection.choose(1, purse, List.of(), 10))
            .isInstanceOf(ArithmeticException.class);
    }

    private static Scenario refused(String name, long[] free, long locked, long[] offer,
                                    long amount, Outcome outcome) {
        return new Scenario(name, free, locked, offer, amount, 1000, outcome, NONE, NONE);
    }

    private static Scenario paid(String name, long[] free, long locked, long[] offer,
                                 long amount, int coinsMax, long[] paid, long[] change) {
        Outcome outcome = change.length == 0 ? Outcome.EXACT : Outcome.WITH_CHANGE;
        return new Scenario(name, free, locked, offer, amount, coinsMax, outcome, paid,
            change);
    }

    private static long[] faces(long... values) {
        return values;
    }

    static List<CoinFace> coins(String prefix, long[] faces) {
        List<CoinFace> coins = new ArrayList<>();
        for (int i = 0; i < faces.length; i++) {
            coins.add(new CoinFace(prefix + i, faces[i]));
        }
        return coins;
    }

    private static long[] faceValues(List<CoinFace> coins) {
        return coins.stream().mapToLong(CoinFace::faceValue).toArray();
    }
}
