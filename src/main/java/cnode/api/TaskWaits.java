package cnode.api;

import cnode.task.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The waiters of {@code waitForTask}: futures completed by the engine's change listener right
 * after a change is committed, or with null at their timeout. No thread waits. At most
 * {@code waitersMax} at once; beyond that a waiter is refused and the caller answers at once.
 * Thread-safe.
 */
public final class TaskWaits implements Consumer<Task> {
    private final ConcurrentHashMap<String, List<CompletableFuture<Task>>> waiting =
        new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int waitersMax;

    public TaskWaits(int waitersMax) {
        if (waitersMax <= 0) {
            throw new IllegalArgumentException("waitersMax must be positive");
        }
        this.waitersMax = waitersMax;
    }

    /** Called by the engine after each committed change. */
    @Override
    public void accept(Task task) {
        List<CompletableFuture<Task>> futures = waiting.remove(task.id());
        if (futures != null) {
            futures.forEach(future -> future.complete(task));
        }
    }

    /**
     * A future completed with the task's next committed change, or with null after
     * {@code timeoutMs}; null when too many are waiting already.
     */
    CompletableFuture<Task> next(String taskId, long timeoutMs) {
        if (count.incrementAndGet() > waitersMax) {
            count.decrementAndGet();
            return null;
        }
        CompletableFuture<Task> future = new CompletableFuture<>();
        // Added inside compute, atomically with accept()'s remove of the same key: a future
        // added to a list that accept() has just taken away would never be completed.
        waiting.compute(taskId, (id, list) -> {
            List<CompletableFuture<Task>> futures = list == null
                ? new CopyOnWriteArrayList<>() : list;
            futures.add(future);
            return futures;
        });
        future.completeOnTimeout(null, timeoutMs, TimeUnit.MILLISECONDS);
        future.whenComplete((task, failure) -> {
            count.decrementAndGet();
            waiting.computeIfPresent(taskId, (id, list) -> {
                list.remove(future);
                return list.isEmpty() ? null : list;
            });
        });
        return future;
    }

    /** Waiters now registered. */
    public int count() {
        return count.get();
    }
}
