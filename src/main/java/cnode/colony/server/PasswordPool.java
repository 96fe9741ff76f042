package cnode.colony.server;

import cnode.colony.store.ColonyBusy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The few threads where the colony hashes and checks passwords (PBKDF2, about 0.13 s each at
 * the default 600 000 iterations, on purpose), away from the HTTP threads and never on the
 * writer's. It is the limit on concurrent logins and registrations: at most {@code threads}
 * run at once and {@code queueMax} wait; one more is refused at once with {@link ColonyBusy}
 * (answered {@code 503 BUSY}), so a burst of logins cannot take the machine or queue work past
 * the edge's answer timeout. Its threads are daemons that end after 10 s without work, so it
 * needs no closing. Thread-safe.
 */
final class PasswordPool {
    /** Jobs that may wait: at 0.13 s each, at most about 8 s of waiting per thread. */
    static final int QUEUE_MAX = 64;
    private static final long IDLE_MS = 10_000;

    private final ThreadPoolExecutor pool;

    PasswordPool(int threads, int queueMax) {
        if (threads < 1 || threads > 64 || queueMax < 1 || queueMax > 4_096) {
            throw new IllegalArgumentException("password pool: 1-64 threads, 1-4096 waiting");
        }
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, IDLE_MS, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueMax), work -> {
                Thread thread = new Thread(work, "colony-password-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Half the processors (at least one), so hashing never starves the writer. */
    static PasswordPool forThisMachine() {
        return new PasswordPool(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            QUEUE_MAX);
    }

    /** Runs {@code work} on the pool; the future fails with {@link ColonyBusy} when full. */
    <T> CompletableFuture<T> run(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(new ColonyBusy("The colony is checking as"
                + " many passwords as it may at once; try again shortly."));
        }
    }
}
