package cnode.colony;

import cnode.money.Coin;
import cnode.money.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * How long the registry core alone takes for one two-party swap of 5 coins: prepare and commit
 * (fingerprint, guards, reservation, daily counters, ownership moved, expiry and retention of
 * earlier transfer ids), and the same with the drain of its changed rows that the writer does
 * per batch, here per swap (the worst case). In microseconds per swap, one thread.
 *
 * <p>The 5 coins go from one user to the other and back, each swap under a new transfer id,
 * with the registry's time advancing 1 ms per swap, so transfer ids are forgotten as fast as
 * they come (about 6 000 remembered at any time) and the state stays the same size.
 *
 * <p>{@link RegistryBenchmarkSmokeTest} runs it in a tiny size with every test run. A real
 * run, by hand, from the repository root:
 *
 * <pre>
 * mvn -q -B -o test-compile
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     cnode.colony.RegistryBenchmark
 * </pre>
 *
 * The class and its methods are public because JMH's generated code calls them. The state is
 * made once per trial and used by the one benchmark thread, as the colony's writer would.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegistryBenchmark {
    private static final long START_MS = 100 * Registry.DAY_MS;

    private Registry registry;
    private List<String> coinIds;
    private long now;
    private long swaps;

    /** Two users and 5 coins, outside the measured time. */
    @Setup
    public void setUp() {
        Map<String, Account> accounts = Map.of(
            "payer1", new Account("payer1", false, false, Limits.NONE),
            "payee1", new Account("payee1", false, true, Limits.NONE));
        registry = new Registry(new RegistryConfig(1_000, 10_000, 1_000, 100_000, 100_000),
            name -> Optional.ofNullable(accounts.get(name)));
        List<Coin> coins = new ArrayList<>();
        long[] faces = {1_000, 2_000, 5_000, 10_000, 20_000};
        for (int i = 0; i < faces.length; i++) {
            coins.add(new Coin(RegistryRig.id(i), faces[i], Currency.PLN, 0, 0,
                START_MS + 365 * Registry.DAY_MS));
        }
        coinIds = coins.stream().map(Coin::id).toList();
        now = START_MS;
        if (registry.mint(new MintOrder("mint", "payer1", coins), now) != MintResult.MINTED) {
            throw new IllegalStateException("the benchmark's coins were not minted");
        }
    }

    /** One swap: prepare, then commit. */
    @Benchmark
    public SwapCommitResult prepareAndCommit() {
        return swap();
    }

    /** One swap and the drain of the rows it changed. */
    @Benchmark
    public RegistryChanges prepareCommitAndDrain() {
        swap();
        return registry.drainChanges();
    }

    private SwapCommitResult swap() {
        now++;
        boolean out = swaps % 2 == 0;
        String transferId = "b" + swaps++;
        SwapOrder order = new SwapOrder(transferId, out ? "payer1" : "payee1",
            out ? "payee1" : "payer1", Currency.PLN, 38_000, coinIds, List.of(), now + 5_000);
        if (registry.prepare(order, now) != SwapPrepareResult.PREPARED) {
            throw new IllegalStateException("swap " + transferId + " was not prepared");
        }
        return registry.commit(transferId, now);
    }

    /** Runs the benchmark for real with the defaults above. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(RegistryBenchmark.class.getName() + "\\.")
                .build()).run();
    }
}
