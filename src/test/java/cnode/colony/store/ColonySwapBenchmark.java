package cnode.colony.store;

import cnode.colony.DirectoryConfig;
import cnode.colony.DirectoryRandom;
import cnode.colony.MintResult;
import cnode.colony.RegistryConfig;
import cnode.colony.SwapCommitResult;
import cnode.colony.SwapOrder;
import cnode.colony.SwapPrepareResult;
import cnode.colony.UserRegistered;
import cnode.crypto.Signature;
import cnode.stdx.Clock;
import cnode.stdx.Ids;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Signed two-party swaps per second through the colony's writer and a real store, with group
 * commit: the figure the colony issue asks for. {@code pairs} pairs of users ({@link SwapPair})
 * pay each other four coins back and forth (three paid, one given back as change), one virtual
 * thread per pair playing the colony's HTTP edge: for each swap it takes the order, writes its
 * canonical bytes and verifies the payer's and the payee's Ed25519 signatures, then submits the
 * prepare, waits for its answer, submits the commit and waits for that. Each answer comes
 * after its batch's commit, so the pairs' swaps ride on shared commits.
 *
 * <p>The clients sign, not the colony: every swap is signed before the clock starts, as the
 * users' nodes would on their own machines, so only the colony's work is timed (verifying,
 * judging, committing). A warm-up of {@code warmupSwaps} swaps per pair runs first, unmeasured.
 * Transfer ids are remembered for the whole run (the signed expiries lie minutes ahead), so
 * the run does not include the deletes of forgotten ids that a colony in steady state adds:
 * two small deletes per swap.
 *
 * <p>At the end the full conservation check runs, and the run fails if it finds anything. A
 * run by hand, from the repository root, on SQLite and on PostgreSQL:
 *
 * <pre>
 * mvn -q -B -o test-compile
 * CP=target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * java -cp $CP cnode.colony.store.ColonySwapBenchmark /tmp/bench/colony.db 2000 10 80
 * java -cp $CP cnode.colony.store.ColonySwapBenchmark \
 *     'jdbc:postgresql://127.0.0.1:5432/bench?user=U&amp;password=P' 2000 10 60
 * </pre>
 *
 * The arguments: the store (a SQLite file or a PostgreSQL URL; a new one, or the warm-up's
 * users collide), the pairs, warm-up swaps per pair and measured swaps per pair.
 * {@code ColonySwapBenchmarkTest} runs it at a smoke size in every test run.
 */
final class ColonySwapBenchmark {
    /** Longer than any run, shorter than the registry's longest reservation (10 min). */
    private static final long SIGNED_FOR_MS = 9 * 60_000L;

    /** What to run. */
    record Settings(String location, int pairs, int warmupSwaps, int swaps) {}

    /** What one measured phase did. */
    record Figures(long swaps, double seconds, long commits, long rows, long writerCpuNs,
                   long writeNs, long syncNs) {
        double swapsPerSecond() {
            return swaps / seconds;
        }

        double commitsPerSecond() {
            return commits / seconds;
        }

        double rowsPerCommit() {
            return commits == 0 ? 0 : (double) rows / commits;
        }

        double swapsPerCommit() {
            return commits == 0 ? 0 : (double) swaps / commits;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d swaps in %.2f s: %.0f swaps/s, %.0f commits/s,"
                + " %.1f swaps and %.1f rows per commit; per swap, the writer thread: %.1f us"
                + " of CPU, %.1f us in statements, %.1f us in commits", swaps, seconds,
                swapsPerSecond(), commitsPerSecond(), swapsPerCommit(), rowsPerCommit(),
                writerCpuNs / 1e3 / swaps, writeNs / 1e3 / swaps, syncNs / 1e3 / swaps);
        }
    }

    /** One pair's signed stream: swap n's signatures at index n. */
    private record Stream(SwapPair pair, String prefix, long expiresAtMs,
                          List<Signature[]> signatures) {}

    private ColonySwapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(args[0], Integer.parseInt(args[1]),
            Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        System.out.println(run(settings));
    }

    /** Sets up, signs, warms up, measures, checks conservation; the figures of the measure. */
    static Figures run(Settings settings) throws Exception {
        try (JdbcColonyStore store = ColonySwapLoader.open(settings.location());
             ColonyWriter writer = ColonyWriter.start(store, DirectoryConfig.defaults(),
                 DirectoryRandom.secure(), RegistryConfig.defaults(), Clock.SYSTEM,
                 WriterLimits.DEFAULTS)) {
            List<Stream> streams = setUp(writer, settings);
            phase(writer, streams, 0, settings.warmupSwaps());
            long commits = writer.commits();
            long rows = store.rowsWritten();
            long writeNs = store.writeNanos();
            long syncNs = store.syncNanos();
            long cpuNs = writerCpuNs();
            long startNs = System.nanoTime();
            phase(writer, streams, settings.warmupSwaps(),
                settings.warmupSwaps() + settings.swaps());
            double seconds = (System.nanoTime() - startNs) / 1e9;
            Figures figures = new Figures((long) settings.pairs() * settings.swaps(), seconds,
                writer.commits() - commits, store.rowsWritten() - rows, writerCpuNs() - cpuNs,
                store.writeNanos() - writeNs, store.syncNanos() - syncNs);
            ColonyCommand<List<String>> check = (state, nowMs) ->
                state.registry().check().violations();
            List<String> violations = writer.submit(check).join();
            if (!violations.isEmpty()) {
                throw new IllegalStateException("conservation broken: " + violations);
            }
            return figures;
        }
    }

    /** CPU time of the writer's thread so far, found by its name. */
    private static long writerCpuNs() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals("colony-writer"))
            .mapToLong(thread -> threads.getThreadCpuTime(thread.threadId())).sum();
    }

    private static List<Stream> setUp(ColonyWriter writer, Settings settings) {
        SecureRandom random = new SecureRandom();
        Ids ids = Ids.secure();
        long nowMs = System.currentTimeMillis();
        List<SwapPair> pairs = new ArrayList<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (int i = 0; i < settings.pairs(); i++) {
            SwapPair pair = new SwapPair("bench" + i + "x", "bench" + i + "y", random, ids,
                nowMs);
            pair.setUp().forEach(command -> answers.add(writer.submit(command)));
            pairs.add(pair);
        }
        for (CompletableFuture<?> answer : answers) {
            if (!Set.of(UserRegistered.Outcome.REGISTERED, MintResult.MINTED)
                .contains(answer.join())) {
                throw new IllegalStateException("set-up refused: " + answer.join());
            }
        }
        int swaps = settings.warmupSwaps() + settings.swaps();
        long expiresAtMs = System.currentTimeMillis() + SIGNED_FOR_MS;
        return IntStream.range(0, pairs.size()).parallel().mapToObj(i -> {
            SwapPair pair = pairs.get(i);
            String prefix = "b" + i + "-";
            List<Signature[]> signatures = new ArrayList<>(swaps);
            for (int n = 0; n < swaps; n++) {
                byte[] payload = pair.order(n, prefix + n, expiresAtMs).payload().bytes();
                signatures.add(pair.sign(n, payload));
            }
            return new Stream(pair, prefix, expiresAtMs, signatures);
        }).toList();
    }

    /** Swaps {@code from} to {@code to} of every stream, one virtual thread per stream. */
    private static void phase(ColonyWriter writer, List<Stream> streams, int from, int to)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Stream stream : streams) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int n = from; n < to; n++) {
                    swap(writer, stream, n);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** What the edge does for one signed swap, then its two phases. */
    private static void swap(ColonyWriter writer, Stream stream, int n) {
        String transferId = stream.prefix() + n;
        SwapOrder order = stream.pair().order(n, transferId, stream.expiresAtMs());
        if (!stream.pair().verifies(n, order.payload().bytes(), stream.signatures().get(n))) {
            throw new IllegalStateException("a signature of " + transferId + " is wrong");
        }
        ColonyCommand<SwapPrepareResult> prepare = (state, nowMs) ->
            state.registry().prepare(order, nowMs);
        SwapPrepareResult prepared = writer.submit(prepare).join();
        if (prepared != SwapPrepareResult.PREPARED) {
            throw new IllegalStateException(transferId + " was not prepared: " + prepared);
        }
        ColonyCommand<SwapCommitResult> commit = (state, nowMs) ->
            state.registry().commit(transferId, nowMs);
        SwapCommitResult committed = writer.submit(commit).join();
        if (committed != SwapCommitResult.COMMITTED) {
            throw new IllegalStateException(transferId + " was not committed: " + committed);
        }
    }
}
