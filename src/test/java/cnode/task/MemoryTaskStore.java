package cnode.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory fake of {@link TaskStore}: the same contract without a disk (the contract suite
 * {@link TaskStoreContract} runs on it too). It can be told to refuse writes, to drive the
 * store-failure paths, to write slowly (so that concurrent callers overlap), and counts the
 * writes it committed. Every method but {@link #write}'s delay holds the store's monitor.
 */
final class MemoryTaskStore implements TaskStore {
    private final Map<String, Task> tasks = new HashMap<>();
    private final Map<String, TransferId> keys = new HashMap<>();
    private boolean refusing;
    private int writes;
    private volatile long writeDelayMs;

    synchronized void refuseWrites(boolean refuse) {
        this.refusing = refuse;
    }

    synchronized int writes() {
        return writes;
    }

    /** Makes every later write take {@code ms} longer before it commits, as a disk would. */
    void slowWrites(long ms) {
        this.writeDelayMs = ms;
    }

    @Override
    public void write(Task task, TransferId key) {
        long delayMs = writeDelayMs;
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreFailure("interrupted while writing", e);
            }
        }
        commit(task, key);
    }

    private synchronized void commit(Task task, TransferId key) {
        if (refusing) {
            throw new StoreFailure("refusing writes, as the test asked", null);
        }
        if (key != null && keys.containsKey(key.uniqueTransferId())) {
            throw new StoreFailure("duplicate transfer id " + key.uniqueTransferId(), null);
        }
        writes++;
        tasks.put(task.id(), task);
        if (key != null) {
            keys.put(key.uniqueTransferId(), key);
        }
    }

    @Override
    public synchronized Optional<Task> find(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    @Override
    public synchronized Optional<TransferId> findTransferId(String uniqueTransferId) {
        return Optional.ofNullable(keys.get(uniqueTransferId));
    }

    @Override
    public synchronized List<Task> unfinished() {
        return sorted().stream().filter(task -> !task.status().terminal()).toList();
    }

    @Override
    public synchronized List<Task> list(TaskQuery q) {
        return sorted().stream()
            .filter(t -> t.createdMs() > q.afterCreatedMs()
                || (t.createdMs() == q.afterCreatedMs() && t.id().compareTo(q.afterId()) > 0))
            .filter(t -> q.type() == null || t.type() == q.type())
            .filter(t -> q.status() == null || t.status() == q.status())
            .filter(t -> t.createdMs() >= q.fromMs() && t.createdMs() <= q.toMs())
            .limit(q.limit())
            .toList();
    }

    @Override
    public synchronized int forget(long finishedBeforeMs, int max) {
        List<String> gone = tasks.values().stream()
            .filter(t -> t.finishedMs() > 0 && t.finishedMs() <= finishedBeforeMs)
            .sorted(Comparator.comparingLong(Task::finishedMs))
            .limit(Math.max(max, 0)).map(Task::id).toList();
        gone.forEach(tasks::remove);
        return gone.size();
    }

    private List<Task> sorted() {
        List<Task> all = new ArrayList<>(tasks.values());
        all.sort(Comparator.comparingLong(Task::createdMs).thenComparing(Task::id));
        return all;
    }

    @Override
    public void close() {
    }
}
