package cnode.payment;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.payment.Selection.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Coin selection against {@link ReferenceSelection}: small purses (up to 12 coins a side)
 * against all subsets, medium ones (up to 60 coins a side) against a knapsack over sums. For
 * every case the outcome is the reference's; a selection's sums are exact, no coin appears
 * twice, every coin comes from its side, the limit holds, its surplus and coin count are the
 * reference's (smallest surplus, then fewest coins), within a face value the smallest ids go,
 * and shuffling the input changes nothing. A failing run prints its seed.
 */
final class CoinSelectionPropertyTest {
    private static final long[] SERIES = {1, 2, 5, 10, 20, 50, 100};

    /** One payment to decide. */
    record Case(long amount, List<CoinFace> free, long locked, List<CoinFace> offer,
                int coinsMax) {
    }

    @Property(tries = 2000)
    void smallPursesAgreeWithAllSubsets(@ForAll("smallCases") Case c) {
        check(c, ReferenceSelection.judge(c.amount(), sum(c.free()), c.locked(),
            ReferenceSelection.sumsBySubsets(c.free()),
            ReferenceSelection.sumsBySubsets(c.offer()), c.coinsMax()));
    }

    @Property(tries = 500)
    void mediumPursesAgreeWithTheKnapsack(@ForAll("mediumCases") Case c) {
        check(c, ReferenceSelection.judge(c.amount(), sum(c.free()), c.locked(),
            ReferenceSelection.sumsByKnapsack(c.free()),
            ReferenceSelection.sumsByKnapsack(c.offer()), c.coinsMax()));
    }

    @Provide
    Arbitrary<Case> smallCases() {
        return cases(12, 10, 4);
    }

    @Provide
    Arbitrary<Case> mediumCases() {
        return cases(60, 30, 6);
    }

    private static void check(Case c, ReferenceSelection expected) {
        Selection selection = CoinSelection.choose(c.amount(), new Purse(c.free(), c.locked()),
            c.offer(), c.coinsMax());
        Statistics.label("outcome").collect(selection.outcome());
        Statistics.label("outcome").coverage(coverage -> {
            for (Outcome outcome : Outcome.values()) {
                coverage.check(outcome).count((Integer count) -> count > 0);
            }
        });
        assertThat(selection.outcome()).isEqualTo(expected.outcome());
        assertThat(selection.searchSteps()).isLessThan(CoinSelection.SEARCH_STEPS_MAX);
        if (selection.payerCoins().isEmpty()) {
            return;
        }
        assertThat(selection.payerSum() - selection.changeSum()).isEqualTo(c.amount());
        assertThat(selection.changeSum()).isEqualTo(expected.change());
        assertThat(selection.coinCount()).isEqualTo(expected.coins())
            .isLessThanOrEqualTo(c.coinsMax());
        Set<String> ids = new HashSet<>();
        selection.payerCoins().forEach(coin -> assertThat(ids.add(coin.id())).isTrue());
        selection.changeCoins().forEach(coin -> assertThat(ids.add(coin.id())).isTrue());
        assertThat(c.free()).containsAll(selection.payerCoins());
        assertThat(c.offer()).containsAll(selection.changeCoins());
        assertSmallestIdsGo(selection.payerCoins(), c.free());
        assertSmallestIdsGo(selection.changeCoins(), c.offer());
        assertThat(CoinSelection.choose(c.amount(), new Purse(shuffled(c.free()), c.locked()),
            shuffled(c.offer()), c.coinsMax())).isEqualTo(selection);
    }

    /** Within each face value, the chosen coins are the ones with the smallest ids. */
    private static void assertSmallestIdsGo(List<CoinFace> chosen, List<CoinFace> side) {
        for (long face : chosen.stream().mapToLong(CoinFace::faceValue).distinct().toArray()) {
            List<String> chosenIds = chosen.stream().filter(coin -> coin.faceValue() == face)
                .map(CoinFace::id).sorted().toList();
            List<String> smallest = side.stream().filter(coin -> coin.faceValue() == face)
                .map(CoinFace::id).sorted().limit(chosenIds.size()).toList();
            assertThat(chosenIds).isEqualTo(smallest);
        }
    }

    /**
     * Purses of up to {@code sideMax} coins a side, the payer's from a window of up to
     * {@code seriesFaces} neighbouring face values of the 1-2-5 series, the offer's from all
     * of them (or none); amounts mostly within the free coins, made to need an exact set or
     * change, sometimes beyond them into the locked ones; coin limits of 1 000 or from 1 to
     * {@code coinsMaxMax}.
     */
    private static Arbitrary<Case> cases(int sideMax, int coinsMaxMax, int seriesFaces) {
        Arbitrary<List<Long>> payerFaces = faces(sideMax, seriesFaces);
        Arbitrary<List<Long>> offerFaces = Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(List.<Long>of())),
            Tuple.of(4, faces(sideMax, SERIES.length)));
        Arbitrary<Long> locked = Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.longs().between(1, 50)));
        Arbitrary<Integer> coinsMax = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(1000)),
            Tuple.of(2, Arbitraries.integers().between(1, coinsMaxMax)));
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(payerFaces, offerFaces, locked, coinsMax, seed)
            .flatAs((pay, off, lock, max, idSeed) -> {
                long free = pay.stream().mapToLong(Long::longValue).sum();
                long unit = pay.stream().mapToLong(Long::longValue).min().orElse(1);
                Arbitrary<Long> within = Arbitraries.longs().between(1, Math.max(1, free));
                // Multiples of the payer's smallest coin make exact sets and change likely.
                Arbitrary<Long> amount = Arbitraries.frequencyOf(
                    Tuple.of(5, within.map(a -> Math.max(unit, a / unit * unit))),
                    Tuple.of(3, within),
                    Tuple.of(5, Arbitraries.longs().map(s -> swapped(pay, off, s))),
                    Tuple.of(5, within.map(a -> Math.max(1, a / unit * unit - a % unit))),
                    Tuple.of(3, Arbitraries.longs().between(free + 1, free + lock + 10)));
                Random ids = new Random(idSeed);
                return amount.map(a -> new Case(a, coins("p", pay, ids), lock,
                    coins("q", off, ids), max));
            });
    }

    /**
     * What the payee gains from some payer coins less some offered coins (a few of them), or
     * the payer's coins alone when that is not positive: such an amount always has an answer
     * by exact set or change, though not always within the coin limit.
     */
    private static long swapped(List<Long> pay, List<Long> off, long seed) {
        Random random = new Random(seed);
        long paid = 0;
        for (long face : pay) {
            paid += random.nextInt(3) == 0 ? face : 0;
        }
        long change = 0;
        for (long face : off) {
            change += random.nextInt(4) == 0 ? face : 0;
        }
        return paid > change ? paid - change : Math.max(1, paid);
    }

    private static Arbitrary<List<Long>> faces(int sideMax, int seriesFaces) {
        Arbitrary<Integer> first = Arbitraries.integers().between(0, SERIES.length - 1);
        Arbitrary<Integer> width = Arbitraries.integers().between(1, seriesFaces);
        Arbitrary<Integer> size = Arbitraries.integers().between(0, sideMax).withoutEdgeCases();
        return Combinators.combine(first, width, size).flatAs((from, faces, count) ->
            Arbitraries.of(series(from, faces)).list().ofSize(count));
    }

    private static List<Long> series(int from, int count) {
        List<Long> faces = new ArrayList<>();
        for (int i = from; i < Math.min(SERIES.length, from + count); i++) {
            faces.add(SERIES[i]);
        }
        return faces;
    }

    /** Coins with ids in a random order, so that id order is not list order. */
    private static List<CoinFace> coins(String prefix, List<Long> faces, Random random) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            numbers.add(i);
        }
        Collections.shuffle(numbers, random);
        List<CoinFace> coins = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            coins.add(new CoinFace(prefix + String.format("%03d", numbers.get(i)),
                faces.get(i)));
        }
        return coins;
    }

    private static List<CoinFace> shuffled(List<CoinFace> coins) {
        List<CoinFace> copy = new ArrayList<>(coins);
        Collections.shuffle(copy, new Random(coins.size()));
        return copy;
    }

    private static long sum(List<CoinFace> coins) {
        return coins.stream().mapToLong(CoinFace::faceValue).sum();
    }
}
