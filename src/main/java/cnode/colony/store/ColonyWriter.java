package cnode.colony.store;

import cnode.colony.ConservationReport;
import cnode.colony.Directory;
import cnode.colony.DirectoryChanges;
import cnode.colony.DirectoryConfig;
import cnode.colony.DirectoryRandom;
import cnode.colony.Registry;
import cnode.colony.RegistryChanges;
import cnode.colony.RegistryConfig;
import cnode.stdx.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the colony's state. Commands wait in a bounded queue; one thread takes
 * them in batches, applies each to the cores in arrival order, clears what has expired, drains
 * the changes of the whole batch and commits them to the store in one transaction (group
 * commit), and only then completes the batch's answers. So an answer a client sees was
 * durable before it was sent, and a crash loses only answers nobody saw.
 *
 * <p>The cores cannot roll back, so when a commit fails, or a command throws (a bug), every
 * answer of the batch fails and the cores are rebuilt from the store's last commit: the state
 * always equals what is durable. At start and after each rebuild the full conservation check
 * runs; a store whose rows break it stops the colony rather than serving wrong money.
 *
 * <p>Time: the batch's {@code nowMs} is read once per batch and never goes back, even if the
 * wall clock does. Threads: {@link #submit} from any thread; everything else on the writer's
 * own thread, which owns the cores and the store.
 */
public final class ColonyWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ColonyWriter.class);

    private record Pending<T>(ColonyCommand<T> command, CompletableFuture<T> answer) {
        void run(ColonyState state, long nowMs, List<Runnable> completions) {
            T value = command.apply(state, nowMs);
            completions.add(() -> answer.complete(value));
        }
    }

    private final ColonyStore store;
    private final DirectoryConfig directoryConfig;
    private final DirectoryRandom random;
    private final RegistryConfig registryConfig;
    private final Clock clock;
    private final WriterLimits limits;
    private final BlockingQueue<Pending<?>> queue;
    private final Thread thread;
    private volatile boolean running = true;
    private ColonyState state;
    private long lastNowMs;
    private long lastSweepMs;
    private volatile long commits;

    private ColonyWriter(ColonyStore store, DirectoryConfig directoryConfig,
                         DirectoryRandom random, RegistryConfig registryConfig, Clock clock,
                         WriterLimits limits) {
        this.store = store;
        this.directoryConfig = directoryConfig;
        this.random = random;
        this.registryConfig = registryConfig;
        this.clock = clock;
        this.limits = limits;
        this.queue = new ArrayBlockingQueue<>(limits.queueMax());
        this.state = rebuild();
        this.thread = Thread.ofPlatform().name("colony-writer").daemon(false).unstarted(this::loop);
    }

    /**
     * Loads the store, rebuilds the cores, checks conservation and starts the writer thread.
     *
     * @throws IllegalStateException when the stored state breaks conservation
     */
    public static ColonyWriter start(ColonyStore store, DirectoryConfig directoryConfig,
                                     DirectoryRandom random, RegistryConfig registryConfig,
                                     Clock clock, WriterLimits limits) {
        ColonyWriter writer = new ColonyWriter(Objects.requireNonNull(store),
            Objects.requireNonNull(directoryConfig), Objects.requireNonNull(random),
            Objects.requireNonNull(registryConfig), Objects.requireNonNull(clock),
            Objects.requireNonNull(limits));
        writer.thread.start();
        return writer;
    }

    /**
     * Queues a command. The answer completes after the batch holding it is committed; it fails
     * with {@link ColonyBusy} at once when the queue is full or the writer stopped, and with
     * {@link ColonyStoreFailure} when its batch could not be committed.
     */
    public <T> CompletableFuture<T> submit(ColonyCommand<T> command) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Pending<T> pending = new Pending<>(Objects.requireNonNull(command), answer);
        if (!running) {
            answer.completeExceptionally(new ColonyBusy("The colony is stopping."));
        } else if (!queue.offer(pending)) {
            answer.completeExceptionally(new ColonyBusy("The colony's queue of "
                + limits.queueMax() + " commands is full; try again shortly."));
        } else if (!running && queue.remove(pending)) {
            // Stopped between the check and the offer: the writer may already have answered
            // its last queue, so this command would wait for ever. Taken back, it is refused.
            answer.completeExceptionally(new ColonyBusy("The colony is stopping."));
        }
        return answer;
    }

    /** Batches committed so far; a figure for benchmarks and tests of group commit. */
    public long commits() {
        return commits;
    }

    private ColonyState rebuild() {
        ColonyRows rows = store.load();
        Directory directory = Directory.restore(directoryConfig, random, rows.directory());
        Registry registry = Registry.restore(registryConfig, directory, rows.registry());
        ConservationReport report = registry.check();
        if (!report.ok()) {
            throw new IllegalStateException("The stored coin registry breaks conservation: "
                + report.violations());
        }
        return new ColonyState(directory, registry);
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>(limits.batchMax());
        while (running || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(limits.tickMs(), TimeUnit.MILLISECONDS);
                batch.clear();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, limits.batchMax() - 1);
                }
                runBatch(batch);
            } catch (InterruptedException stop) {
                running = false;
            } catch (RuntimeException | Error broken) {
                LOG.error("colony writer failed; rebuilding its state from the store", broken);
                fail(batch, broken);
                if (!recover()) {
                    break;
                }
            }
        }
        fail(new ArrayList<>(queue), new ColonyBusy("The colony stopped."));
    }

    /**
     * Rebuilds the cores after a failed batch; a store that cannot even load stops us, at
     * once: the cores still hold the failed batch's changes, so a queued command run on them
     * would commit a change set that does not follow from what the store holds.
     */
    private boolean recover() {
        try {
            state = rebuild();
            return true;
        } catch (RuntimeException unusable) {
            LOG.error("colony store unusable; the writer stops", unusable);
            running = false;
            return false;
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        long nowMs = Math.max(lastNowMs, clock.nowMs());
        lastNowMs = nowMs;
        List<Runnable> completions = new ArrayList<>(batch.size());
        for (Pending<?> pending : batch) {
            pending.run(state, nowMs, completions);
        }
        if (batch.isEmpty() || nowMs - lastSweepMs >= limits.tickMs()) {
            sweep(nowMs);
        }
        DirectoryChanges directory = state.directory().drainChanges();
        RegistryChanges registry = state.registry().drainChanges();
        if (!directory.isEmpty() || !registry.isEmpty()) {
            store.commit(directory, registry);
            commits++;
        }
        // Point of no return: the batch is durable, so its answers may be seen.
        completions.forEach(Runnable::run);
    }

    private void sweep(long nowMs) {
        lastSweepMs = nowMs;
        state.registry().expire(nowMs, limits.sweepMax());
        state.registry().forget(nowMs, limits.sweepMax());
        state.directory().sweep(nowMs, limits.sweepMax());
    }

    private static void fail(List<Pending<?>> batch, Throwable why) {
        Throwable answer = why instanceof ColonyStoreFailure || why instanceof ColonyBusy ? why
            : new ColonyStoreFailure("The colony failed to apply this batch.", why);
        for (Pending<?> pending : batch) {
            pending.answer().completeExceptionally(answer);
        }
    }

    /** Stops taking commands, finishes the queued ones, and waits for the thread to end. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
