package cnode.task;

import java.util.List;
import java.util.Optional;

/**
 * The durable side of the task engine: a seam with two implementations, the JDBC store in
 * {@code cnode.store} (on SQLite or PostgreSQL) and an in-memory fake for tests; the suite
 * {@code TaskStoreContract} in the test tree holds every implementation to this contract.
 * Implementations are thread-safe. A write returns only after it is committed, and every read
 * that starts after it returned sees it; many concurrent writers may be batched into one commit
 * (group commit), but none returns before its own change is durable. A writer whose change could
 * not be committed gets {@link StoreFailure}, and nothing of that change is visible; a batch
 * that fails because of one change does not fail the others with it.
 */
public interface TaskStore extends AutoCloseable {

    /**
     * Inserts or replaces the task; with {@code transferId} also records the idempotency key,
     * in the same commit. A key that is already recorded fails the whole write.
     */
    void write(Task task, TransferId transferId);

    Optional<Task> find(String taskId);

    Optional<TransferId> findTransferId(String uniqueTransferId);

    /** Every task whose status is not terminal, oldest first. */
    List<Task> unfinished();

    /** One page of tasks in creation order, after the cursor. */
    List<Task> list(TaskQuery query);

    /**
     * Forgets at most {@code max} tasks that finished at or before {@code finishedBeforeMs};
     * their transfer ids stay. Unfinished tasks are never forgotten. A change like any write:
     * committed before it returns how many were forgotten.
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
