package cnode.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable side of the task engine: a seam with two implementations, the JDBC store in
 * {@code cnode.store} (on SQLite or PostgreSQL) and an in-memory fake for tests; the suite
 * {@code TaskStoreContract} in the test tree holds every implementation to this contract.
 * Implementations are thread-safe. A write returns only after it is committed, and every read
 * that starts after it returned sees it; many concurrent writers may be batched into one commit
 * (group commit), but none returns before its own change is durable. A writer whose change could
 * not be committed gets {@link StoreFailure}, and nothing of that change is visible; a batch
 * that fails because of one change does not fail the others with it. The payment history
 * ({@link PaymentRecord}) lives beside the tasks and is never forgotten with them.
 */
public interface TaskStore extends AutoCloseable {
    /** Records read per page by {@link #history}. */
    int HISTORY_PAGE = 500;

    /**
     * Inserts or replaces the task; with {@code transferId} also records the idempotency key,
     * in the same commit. A key that is already recorded fails the whole write.
     */
    default void write(Task task, TransferId transferId) {
        write(task, transferId, null);
    }

    /**
     * As {@link #write(Task, TransferId)}, and with {@code payment} (or null) inserted or
     * replaced under its id in the same commit: the task's row, its key and its payment are
     * committed together or not at all, so a crash never leaves a finished payment without its
     * record or a record without its task. A payment's id must not be empty.
     */
    void write(Task task, TransferId transferId, PaymentRecord payment);

    /**
     * Inserts or replaces the task like {@link #write(Task, TransferId)} without a key, but
     * returns at once: the future completes when the change is committed, or exceptionally
     * with {@link StoreFailure}. Writes are committed in the order they were made, background
     * or not, so a later {@link #write} returning means every earlier background write has
     * been committed (or failed) and its future has completed. A store may leave out of the
     * commit a background write that a later write of the same task in the same commit
     * replaces anyway; its future completes with that commit. This default writes at once.
     */
    default CompletableFuture<Void> writeInBackground(Task task) {
        write(task, null, null);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Inserts or replaces a payment that has no task of this node (its id must not be empty).
     * Committed before it returns, like a task write.
     */
    void record(PaymentRecord payment);

    /**
     * The payment run under {@code uniqueTransferId}: the record of this node's own task with
     * that key when there is one, else the latest record naming it (a key the other side's
     * merchant chose), else empty.
     */
    Optional<PaymentRecord> findPayment(String uniqueTransferId);

    /** One page of the payment history in finish order, after the query's cursor. */
    List<PaymentRecord> payments(PaymentQuery query);

    /**
     * The whole history in finish order, at most {@code max} records, read a page at a time:
     * what the tests compare between the two sides of a payment.
     */
    default List<PaymentRecord> history(int max) {
        List<PaymentRecord> all = new ArrayList<>();
        PaymentQuery page = PaymentQuery.all(Math.min(Math.max(max, 1), HISTORY_PAGE));
        while (all.size() < max) {
            List<PaymentRecord> records = payments(page);
            all.addAll(records.subList(0, Math.min(records.size(), max - all.size())));
            if (records.size() < page.limit()) {
                break;
            }
            page = page.after(records.getLast());
        }
        return all;
    }

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
