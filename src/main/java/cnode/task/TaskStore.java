package cnode.task;

import java.util.List;
import java.util.Optional;

/**
 * The durable side of the task engine: a seam with two implementations, the SQLite (later also
 * PostgreSQL) store in {@code cnode.store} and an in-memory fake for tests. Implementations are
 * thread-safe. A write returns only after it is committed; many concurrent writers may be
 * batched into one commit (group commit), but none returns before its own change is durable.
 * A failed commit throws {@link StoreFailure} to every writer in the batch, and nothing of that
 * batch is visible.
 */
public interface TaskStore extends AutoCloseable {

    /** Inserts or replaces the task; with {@code transferId} also records the idempotency key. */
    void write(Task task, TransferId transferId);

    Optional<Task> find(String taskId);

    Optional<TransferId> findTransferId(String uniqueTransferId);

    /** Every task whose status is not terminal, oldest first. */
    List<Task> unfinished();

    /** One page of tasks in creation order, after the cursor. */
    List<Task> list(TaskQuery query);

    /**
     * Forgets at most {@code max} tasks that finished at or before {@code finishedBeforeMs};
     * their transfer ids stay. Returns how many were forgotten.
     */
    int forget(long finishedBeforeMs, int max);

    @Override
    void close();

    /** A uniqueTransferId as the node remembers it, for as long as the history is kept. */
    record TransferId(String uniqueTransferId, String taskId, String fingerprint, long usedMs) {}

    /** A store that cannot commit: the disk is full, read-only or gone. */
    final class StoreFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
