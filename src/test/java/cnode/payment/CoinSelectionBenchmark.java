package cnode.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How long {@link CoinSelection#choose} takes for a purse of 2 000 coins, in microseconds per
 * call, one thread, everything included (checks, grouping, search, the result):
 * <ul>
 * <li>{@code exact}: 2 000 coins spread evenly over the 21 face values (1 to 5 000 000
 *     billons), amounts up to 99 % of the purse, no change offered; always EXACT;</li>
 * <li>{@code withChange}: 2 000 coins of 1 000 billons and more, a merchant's till of 2 000
 *     coins over all 21 face values as the change offer; nearly always WITH_CHANGE, the search
 *     proving the smallest surplus and then the fewest coins;</li>
 * <li>{@code mismatch}: the same 2 000 large coins, no change offered, amounts that are not
 *     whole units; CHANGE_MISMATCH, which costs the grouping but almost no search.</li>
 * </ul>
 * Each call takes the next of 64 amounts drawn with a fixed seed. {@link
 * CoinSelectionBenchmarkSmokeTest} runs it in a tiny size with every test run. A real run, by
 * hand, from the repository root:
 *
 * <pre>
 * mvn -q -B -o test-compile
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     cnode.payment.CoinSelectionBenchmark
 * </pre>
 *
 * The class and its methods are public because JMH's generated code calls them. The state is
 * made once per trial and used by the one benchmark thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoinSelectionBenchmark {
    private static final int COINS = 2_000;
    private static final int AMOUNTS = 64;
    private static final int COINS_MAX = 1_000;

    private Purse mixed;
    private Purse large;
    private List<CoinFace> till;
    private long[] mixedAmounts;
    private long[] largeAmounts;
    private long[] oddAmounts;
    private int next;

    /** The purses and amounts, outside the measured time. */
    @Setup
    public void setUp() {
        Random random = new Random(42);
        long[] faces = faceValues();
        mixed = new Purse(coins("m", random, faces, 0), 0);
        large = new Purse(coins("l", random, faces, 9), 0);
        till = coins("t", random, faces, 0);
        mixedAmounts = amounts(random, mixed, 0.99);
        largeAmounts = amounts(random, large, 0.99);
        oddAmounts = amounts(random, large, 0.99);
        for (int i = 0; i < AMOUNTS; i++) {
            oddAmounts[i] = oddAmounts[i] / 1000 * 1000 + 1 + random.nextInt(999);
        }
    }

    /** An exact set from a mixed purse. */
    @Benchmark
    public Selection exact() {
        return CoinSelection.choose(mixedAmounts[turn()], mixed, List.of(), COINS_MAX);
    }

    /** Large coins, change from a merchant's till. */
    @Benchmark
    public Selection withChange() {
        return CoinSelection.choose(largeAmounts[turn()], large, till, COINS_MAX);
    }

    /** Large coins, no change offered, amounts that need change. */
    @Benchmark
    public Selection mismatch() {
        return CoinSelection.choose(oddAmounts[turn()], large, List.of(), COINS_MAX);
    }

    private int turn() {
        next = (next + 1) % AMOUNTS;
        return next;
    }

    /** The 21 face values of the 1-2-5 series, smallest first. */
    static long[] faceValues() {
        long[] faces = new long[21];
        long decade = 1;
        for (int i = 0; i < faces.length; i++) {
            faces[i] = new long[] {1, 2, 5}[i % 3] * decade;
            decade *= i % 3 == 2 ? 10 : 1;
        }
        return faces;
    }

    /** 2 000 coins with face values drawn evenly from {@code faces[from..]}. */
    private static List<CoinFace> coins(String prefix, Random random, long[] faces, int from) {
        List<CoinFace> coins = new ArrayList<>();
        for (int i = 0; i < COINS; i++) {
            long face = faces[from + random.nextInt(faces.length - from)];
            coins.add(new CoinFace(prefix + String.format("%025d", i), face));
        }
        return coins;
    }

    private static long[] amounts(Random random, Purse purse, double share) {
        long free = purse.freeCoins().stream().mapToLong(CoinFace::faceValue).sum();
        long[] amounts = new long[AMOUNTS];
        for (int i = 0; i < AMOUNTS; i++) {
            amounts[i] = 1 + (long) (random.nextDouble() * share * free);
        }
        return amounts;
    }

    /** Runs the benchmark for real with the defaults above. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(CoinSelectionBenchmark.class.getName() + "\\.")
                .build()).run();
    }
}
