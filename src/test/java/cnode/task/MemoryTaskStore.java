package cnode.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The in-memory fake of {@link TaskStore}: the same contract without a disk (the contract suite
 * {@link TaskStoreContract} runs on it too). It can be told to refuse writes, to drive the
 * store-failure paths, to write slowly (so that concurrent callers overlap), and counts the
 * writes it committed. Every method but {@link #write}'s delay holds the store's monitor. The
 * payment history is a map by record id, searched by scanning (a test holds few records).
 */
final class MemoryTaskStore implements TaskStore {
    private final Map<String, Task> tasks = new HashMap<>();
    private final Map<String, TransferId> keys = new HashMap<>();
    private final Map<String, PaymentRecord> payments = new HashMap<>();
    private boolean refusing;
    private int writes;
    private volatile long writeDelayMs;
    /** Background writes held back, in order, until released (or a foreground write). */
    private final List<Held> held = new ArrayList<>();
    private boolean holding;

    /** A background write not committed yet. */
    private record Held(Task task, CompletableFuture<Void> done) {}

    /** Holds background writes uncommitted until {@link #releaseBackground} or a write. */
    synchronized void holdBackground() {
        holding = true;
    }

    /** Commits the held background writes in order (or fails them all) and stops holding. */
    void releaseBackground(boolean fail) {
        List<Held> due;
        synchronized (this) {
            holding = false;
            due = new ArrayList<>(held);
            held.clear();
        }
        for (Held write : due) {
            if (fail) {
                write.done().completeExceptionally(new StoreFailure("refused as the test asked",
                    null));
            } else {
                commit(write.task(), null, null);
                write.done().complete(null);
            }
        }
    }

    @Override
    public CompletableFuture<Void> writeInBackground(Task task) {
        Objects.requireNonNull(task);
        synchronized (this) {
            if (holding) {
                Held write = new Held(task, new CompletableFuture<>());
                held.add(write);
                return write.done();
            }
        }
        write(task, null, null);
        return CompletableFuture.completedFuture(null);
    }

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
    public void write(Task task, TransferId key, PaymentRecord payment) {
        Objects.requireNonNull(task);
        keyed(payment);
        releaseBackground(false);
        long delayMs = writeDelayMs;
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreFailure("interrupted while writing", e);
            }
        }
        commit(task, key, payment);
    }

    @Override
    public void record(PaymentRecord payment) {
        keyed(Objects.requireNonNull(payment));
        commit(null, null, payment);
    }

    private static void keyed(PaymentRecord payment) {
        if (payment != null && payment.id().isEmpty()) {
            throw new IllegalArgumentException("a stored payment needs an id");
        }
    }

    private synchronized void commit(Task task, TransferId key, PaymentRecord payment) {
        if (refusing) {
            throw new StoreFailure("refusing writes, as the test asked", null);
        }
        if (key != null && keys.containsKey(key.uniqueTransferId())) {
            throw new StoreFailure("duplicate transfer id " + key.uniqueTransferId(), null);
        }
        writes++;
        if (task != null) {
            tasks.put(task.id(), task);
        }
        if (key != null) {
            keys.put(key.uniqueTransferId(), key);
        }
        if (payment != null) {
            payments.put(payment.id(), payment);
        }
    }

    /** Own task first, then the latest, as the JDBC store's ORDER BY says. */
    @Override
    public synchronized Optional<PaymentRecord> findPayment(String uniqueTransferId) {
        return payments.values().stream()
            .filter(p -> p.uniqueTransferId().equals(uniqueTransferId))
            .min(Comparator.comparing((PaymentRecord p) -> p.taskId().isEmpty())
                .thenComparing(PaymentRecord::finishedMs, Comparator.reverseOrder())
                .thenComparing(PaymentRecord::id, Comparator.reverseOrder()));
    }

    @Override
    public synchronized List<PaymentRecord> payments(PaymentQuery q) {
        return payments.values().stream()
            .sorted(Comparator.comparingLong(PaymentRecord::finishedMs)
                .thenComparing(PaymentRecord::id))
            .filter(p -> p.finishedMs() > q.afterFinishedMs()
                || (p.finishedMs() == q.afterFinishedMs() && p.id().compareTo(q.afterId()) > 0))
            .filter(p -> p.finishedMs() >= q.fromMs() && p.finishedMs() <= q.toMs())
            .filter(p -> q.status() == null || p.status() == q.status())
            .filter(p -> q.cashierName() == null || p.cashierName().equals(q.cashierName()))
            .filter(p -> q.invoiceNum() == null || p.invoiceNum().equals(q.invoiceNum()))
            .filter(p -> q.currency() == null || (p.currency().equals(q.currency().code())
                && p.colour() == q.colour() && p.amount() >= q.fromAmount()
                && p.amount() <= q.toAmount()))
            .limit(q.limit())
            .toList();
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
