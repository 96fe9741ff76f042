package cnode.task;

import cnode.stdx.Ids;
import cnode.task.TaskStore.TransferId;
import cnode.task.TaskTransitions.Verdict;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task engine: creates tasks, moves them through {@link TaskTransitions}, expires them, and
 * recovers them after a restart. It is the one choke point for task state: every change is
 * checked against the table, committed to the {@link TaskStore}, and only then made visible (in
 * the live map and to the change listener). Time is always an argument; the engine reads no
 * clock and starts no thread.
 *
 * <p>Invariants: the live map holds exactly the unfinished tasks, each as last committed, and
 * never more than {@code liveTasksMax} of them that were created here (recovery may load more);
 * a task's changes are serialised by its lock stripe, so listeners see one task's changes in
 * commit order; a uniqueTransferId maps to one task forever; a task past its point of no return
 * is never ended by the engine's own clock (only the flow that knows the registry's answer may
 * end it); a task that ends with a payment record ({@link #finish}, or the endings function)
 * is committed with it, so the history never lacks a finished payment nor holds one whose task
 * did not end. Thread-safe: any thread may call any method. The stripes are {@link ReentrantLock}s,
 * not monitors, because a writer holds its stripe while it waits for a group commit, and a
 * virtual thread waiting inside {@code synchronized} would pin its carrier on JDK 21.
 */
public final class TaskEngine {
    private static final Logger LOG = LoggerFactory.getLogger(TaskEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int STRIPES = 256;

    private final TaskStore store;
    private final Ids ids;
    private final TaskPolicy policy;
    private final Consumer<Task> onChange;
    /** The payment record of a task ended without one (deadline, cancel, fail), or null. */
    private final Function<Task, PaymentRecord> endings;
    private final ConcurrentHashMap<String, Task> live = new ConcurrentHashMap<>();
    /**
     * Tasks whose latest change is not committed yet ({@link #advanceInBackground}): that
     * latest change, which the next move starts from, while {@code live} and the listener still
     * show the last committed one.
     */
    private final ConcurrentHashMap<String, Task> ahead = new ConcurrentHashMap<>();
    /** Tasks whose change in {@code ahead} is not written yet: {@link #tick} writes them. */
    private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
    /**
     * Finished tasks recently committed or read, so that polling a finished task does not
     * read the store each time. Finished tasks never change, so an entry cannot go stale; an
     * expired one is hidden by the same TTL check as a stored one. Bounded by size only, and
     * maintained on the calling threads (no clock, no background thread).
     */
    private final Cache<String, Task> finished;
    /** Entries of {@code live}, counted ahead of the commit so that creation respects the cap. */
    private final AtomicInteger liveSlots = new AtomicInteger();
    private final ReentrantLock[] taskLocks = stripes();
    private final ReentrantLock[] transferIdLocks = stripes();

    public TaskEngine(TaskStore store, Ids ids, TaskPolicy policy, Consumer<Task> onChange) {
        this(store, ids, policy, onChange, task -> null);
    }

    /**
     * An engine that asks {@code endings} for the payment record of every task that reaches a
     * terminal status without one ({@link #fail}, {@link #advance}, a cancel, the deadline), so
     * that a payment the engine itself ends still enters the history, in the same commit. It
     * gets the task as it will be committed and answers a record (which {@link #finish} would
     * key and stamp the same way) or null when the task is no payment. It runs under the
     * task's lock and must be quick and pure; if it throws, the failure is logged with the task
     * id and the task ends without a record.
     */
    public TaskEngine(TaskStore store, Ids ids, TaskPolicy policy, Consumer<Task> onChange,
                      Function<Task, PaymentRecord> endings) {
        this.store = Objects.requireNonNull(store);
        this.ids = Objects.requireNonNull(ids);
        this.policy = Objects.requireNonNull(policy);
        this.finished = Caffeine.newBuilder().maximumSize(policy.finishedCacheMax())
            .executor(Runnable::run).build();
        this.onChange = Objects.requireNonNull(onChange);
        this.endings = Objects.requireNonNull(endings);
    }

    public TaskPolicy policy() {
        return policy;
    }

    /** How a request to start a task ended. */
    public enum Outcome {
        /** A new task was committed. */
        CREATED,
        /** The same uniqueTransferId with the same parameters: the earlier task, unchanged. */
        REPEATED,
        /** The uniqueTransferId was used with other parameters. */
        TRANSFER_ID_CONFLICT,
        /** The uniqueTransferId was used by a task that has since expired. */
        TRANSFER_ID_EXPIRED,
        /** As many tasks are unfinished as the node allows. */
        TOO_MANY_TASKS
    }

    /** The answer to {@link #create}: the task (when there is one) and the earlier key use. */
    public record Created(Outcome outcome, Task task, TransferId earlier) {}

    /** How a requested move ended. */
    public enum MoveOutcome { MOVED, UNKNOWN_TASK, REFUSED }

    /** The answer to a move: the task as committed, or the reason it was refused. */
    public record Moved(MoveOutcome outcome, Task task, String reason) {
        public boolean moved() {
            return outcome == MoveOutcome.MOVED;
        }
    }

    /** How {@link #cancel} ended. */
    public enum CancelOutcome { CANCELLED, UNKNOWN_TASK, NOT_CANCELLABLE }

    /**
     * Starts a task, idempotent on its uniqueTransferId. The guards, in order: a known key is
     * answered from its record (REPEATED, TRANSFER_ID_EXPIRED, TRANSFER_ID_CONFLICT); the live
     * limit; then the task and its key are committed together.
     */
    public Created create(NewTask request, long nowMs) {
        String key = request.uniqueTransferId();
        if (key == null) {
            return insert(request, nowMs);
        }
        ReentrantLock lock = transferIdLocks[stripe(key)];
        lock.lock();
        try {
            Optional<TransferId> earlier = store.findTransferId(key);
            if (earlier.isPresent()) {
                return repeat(request, earlier.get(), nowMs);
            }
            return insert(request, nowMs);
        } finally {
            lock.unlock();
        }
    }

    private Created repeat(NewTask request, TransferId earlier, long nowMs) {
        Optional<Task> task = find(earlier.taskId(), nowMs);
        if (task.isEmpty()) {
            return new Created(Outcome.TRANSFER_ID_EXPIRED, null, earlier);
        }
        if (!Objects.equals(earlier.fingerprint(), request.fingerprint())
            || task.get().type() != request.type()) {
            return new Created(Outcome.TRANSFER_ID_CONFLICT, null, earlier);
        }
        return new Created(Outcome.REPEATED, task.get(), earlier);
    }

    private Created insert(NewTask request, long nowMs) {
        String info = normalisedInfo(request.additionalInfo());
        if (!reserveSlot()) {
            return new Created(Outcome.TOO_MANY_TASKS, null, null);
        }
        long span = request.deadlineAfterMs() == null
            ? policy.deadlineMs() : request.deadlineAfterMs();
        long deadline = span == 0 ? 0 : nowMs + Math.min(span, Long.MAX_VALUE - nowMs);
        String id = ids.next();
        Task task = new Task(id, request.type(), TaskStatus.PREPARATION, 0, info,
            request.uniqueTransferId(), request.fingerprint(), nowMs, nowMs, deadline, 0, null,
            false, request.callback());
        TransferId key = request.uniqueTransferId() == null ? null
            : new TransferId(request.uniqueTransferId(), id, request.fingerprint(), nowMs);
        ReentrantLock lock = taskLocks[stripe(id)];
        lock.lock();
        try {
            try {
                store.write(task, key);
            } catch (RuntimeException failure) {
                liveSlots.decrementAndGet();
                throw failure;
            }
            live.put(id, task);
            onChange.accept(task);
        } finally {
            lock.unlock();
        }
        return new Created(Outcome.CREATED, task, key);
    }

    private boolean reserveSlot() {
        int held;
        do {
            held = liveSlots.get();
            if (held >= policy.liveTasksMax()) {
                return false;
            }
        } while (!liveSlots.compareAndSet(held, held + 1));
        return true;
    }

    /**
     * Moves a task to any status but a failure, merging {@code infoPatch} (a JSON object, or
     * null) into its additionalInfo. A {@code progressPercent} of -1 takes the progress the move
     * must carry where the rules fix it (0 before TRANSFERRING, 100 at FINISHED_OK, unchanged at
     * other ends and restarts).
     */
    public Moved advance(String taskId, TaskStatus to, int progressPercent, String infoPatch,
                         long nowMs) {
        if (to.failure()) {
            throw new IllegalArgumentException("failures end through fail(): " + to);
        }
        return move(taskId, to, progressPercent, infoPatch, null, false, nowMs);
    }

    /**
     * {@link #advance} for a step after which the task's flow may go on before the change is
     * durable: nothing the flow does next depends on a restart finding this status (a payment
     * before its point of no return is settled after a restart from the registry, whatever
     * step it had reached). The change is checked at once and the flow's next move starts from
     * it, but it is written only by the next {@link #tick} (within its period), in the
     * background, unless a later write of the task (the point of no return, the end: every
     * write stores the whole task) carries it first; so a step that lasts less than a tick is
     * often never written on its own. Readers ({@link #find}, the change listener) see it only
     * once it is committed, so nothing is ever shown that a crash could take back. If its
     * commit fails, the change is logged and the task's next write carries it. Not for
     * failures, ends or the point of no return.
     */
    public Moved advanceInBackground(String taskId, TaskStatus to, int progressPercent,
                                     String infoPatch, long nowMs) {
        if (to.terminal() || to.failure()) {
            throw new IllegalArgumentException("an end is committed before it shows: " + to);
        }
        return move(taskId, to, progressPercent, infoPatch, nowMs, next -> {
            ahead.put(taskId, next);
            unwritten.add(taskId);
            return new Moved(MoveOutcome.MOVED, next, "");
        });
    }

    /**
     * Writes the changes made by {@link #advanceInBackground} that no later write has carried
     * yet, each task's latest, in the background. Under each task's stripe, so a change never
     * reaches the store after a later write of the same task.
     */
    private void writeBackground() {
        for (String taskId : unwritten) {
            unwritten.remove(taskId);
            ReentrantLock lock = taskLocks[stripe(taskId)];
            lock.lock();
            try {
                Task next = ahead.get(taskId);
                if (next != null) {
                    store.writeInBackground(next).whenComplete((done, failure) ->
                        committedInBackground(next, failure));
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * A background write ended (on the store's writer thread, in commit order): once
     * committed, the change shows, unless the task has moved on past it meanwhile.
     */
    private void committedInBackground(Task next, Throwable failure) {
        if (failure != null) {
            LOG.warn("task {}: the change to {} was not committed ({}); the task's next write "
                + "carries it", next.id(), next.status(), failure.getMessage());
            return;
        }
        if (live.computeIfPresent(next.id(), (id, shown) -> next) != null) {
            ahead.remove(next.id(), next);
            onChange.accept(next);
        }
    }

    /** The task's latest change (perhaps still being committed); null when not live. */
    private Task latest(String taskId) {
        Task next = ahead.get(taskId);
        return next != null ? next : live.get(taskId);
    }

    /**
     * {@link #advance} to TRANSFERRING or WAITING_FOR_VERIFICATION and {@link
     * #passPointOfNoReturn} in one commit, for a flow that has checked everything it must
     * before asking the registry to commit, so that the two changes would follow each other
     * at once anyway: one write instead of two, and never a moment where the task shows the
     * new status but can still be cancelled.
     */
    public Moved advancePastPointOfNoReturn(String taskId, TaskStatus to, int progressPercent,
                                            long nowMs) {
        if (to != TaskStatus.TRANSFERRING && to != TaskStatus.WAITING_FOR_VERIFICATION) {
            throw new IllegalArgumentException("the point of no return is passed with a swap "
                + "under way, not in " + to);
        }
        return move(taskId, to, progressPercent, null, null, true, nowMs);
    }

    /**
     * Ends a task with a failure; {@code message} is one sentence for a person and goes into
     * additionalInfo as {@code error: {code, message}}.
     */
    public Moved fail(String taskId, TaskStatus failure, String message, long nowMs) {
        if (!failure.failure()) {
            throw new IllegalArgumentException("not a failure: " + failure);
        }
        return move(taskId, failure, -1, errorPatch(failure, message), null, false, nowMs);
    }

    private static String errorPatch(TaskStatus failure, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", failure.name()).put("message", message);
        return error.toString();
    }

    /**
     * Ends a task and enters its payment in the history, in one commit: both are written or
     * neither. {@code terminal} goes through the rules of {@link #advance} (FINISHED_OK,
     * SERIES_FINISHED, FINISHED_REVOKED; {@code infoPatchOrMessage} is then an info patch or
     * null) or, for a {@code FINISHED_ERR*}, those of {@link #fail} ({@code infoPatchOrMessage}
     * is then the error's one-sentence message). The record is stored as {@code payment} says,
     * except what the task decides: its id and taskId become the task's id, its status the
     * terminal status, its times the task's creation and finish, and its uniqueTransferId the
     * task's when the task has one. A refused move writes neither.
     */
    public Moved finish(String taskId, TaskStatus terminal, String infoPatchOrMessage,
                        PaymentRecord payment, long nowMs) {
        if (!terminal.terminal()) {
            throw new IllegalArgumentException("finish() ends a task, not " + terminal);
        }
        Objects.requireNonNull(payment);
        String patch = terminal.failure()
            ? errorPatch(terminal, infoPatchOrMessage) : infoPatchOrMessage;
        return move(taskId, terminal, -1, patch, payment, false, nowMs);
    }

    /**
     * Enters a payment that has no task of this node in the history (the payer's wallet
     * answering a request, say), committed before it returns. An empty id gets a new one; a
     * record with an id already stored replaces it, so a caller that retries with a stable id
     * records the payment once. Returns the record as stored.
     */
    public PaymentRecord record(PaymentRecord payment) {
        if (!payment.taskId().isEmpty()) {
            throw new IllegalArgumentException("a payment of task " + payment.taskId()
                + " is recorded by finish(), with the task's end");
        }
        PaymentRecord keyed = payment.id().isEmpty() ? payment.withId(ids.next()) : payment;
        store.record(keyed);
        return keyed;
    }

    /** The payment run under this uniqueTransferId (this node's own task's first). */
    public Optional<PaymentRecord> payment(String uniqueTransferId) {
        return store.findPayment(uniqueTransferId);
    }

    /** One page of the payment history, in finish order. */
    public List<PaymentRecord> payments(PaymentQuery query) {
        return store.payments(query);
    }

    /** The whole history in finish order, at most {@code max} records (for tests and checks). */
    public List<PaymentRecord> history(int max) {
        return store.history(max);
    }

    private Moved move(String taskId, TaskStatus to, int progressPercent, String infoPatch,
                       PaymentRecord payment, boolean pointOfNoReturn, long nowMs) {
        return move(taskId, to, progressPercent, infoPatch, nowMs, next -> commit(
            pointOfNoReturn ? next.withPointOfNoReturn(nowMs) : next, payment));
    }

    /**
     * Checks the move against the table from the task's latest change and hands the moved
     * task to {@code write}, under the task's stripe.
     */
    private Moved move(String taskId, TaskStatus to, int progressPercent, String infoPatch,
                       long nowMs, Function<Task, Moved> write) {
        ReentrantLock lock = taskLocks[stripe(taskId)];
        lock.lock();
        try {
            Task current = latest(taskId);
            if (current == null) {
                return refusedNotLive(taskId, "move to " + to, nowMs);
            }
            Integer forced = TaskTransitions.forcedProgress(current, to);
            int progress = forced != null && progressPercent == -1 ? forced : progressPercent;
            Verdict verdict = TaskTransitions.check(current, to, progress);
            if (!verdict.allowed()) {
                LOG.warn("task {} move refused: {}", taskId, verdict.reason());
                return new Moved(MoveOutcome.REFUSED, current, verdict.reason());
            }
            String info = merged(current.additionalInfo(), infoPatch);
            return write.apply(current.moved(to, progress, info, nowMs));
        } finally {
            lock.unlock();
        }
    }

    private Moved refusedNotLive(String taskId, String what, long nowMs) {
        Optional<Task> stored = find(taskId, nowMs);
        if (stored.isEmpty()) {
            return new Moved(MoveOutcome.UNKNOWN_TASK, null, "no task " + taskId);
        }
        String reason = stored.get().status().terminal()
            ? "task " + taskId + " already finished as " + stored.get().status() + "; " + what
                + " refused"
            : "task " + taskId + " is not loaded (recover() has not run); " + what + " refused";
        LOG.info(reason);
        return new Moved(MoveOutcome.REFUSED, stored.get(), reason);
    }

    /** Commits {@code next} with no payment of its own. The caller holds the task's stripe. */
    private Moved commit(Task next) {
        return commit(next, null);
    }

    /**
     * Commits {@code next} with its payment record (the given one, or the one {@code endings}
     * makes for a task that ends without one), then shows it. The caller holds the task's
     * stripe.
     */
    private Moved commit(Task next, PaymentRecord payment) {
        PaymentRecord record = payment;
        if (record == null && next.status().terminal()) {
            record = ending(next);
        }
        store.write(next, null, record == null ? null : record.endOf(next));
        ahead.remove(next.id());
        unwritten.remove(next.id());
        if (next.status().terminal()) {
            finished.put(next.id(), next);
            if (live.remove(next.id()) != null) {
                liveSlots.decrementAndGet();
            }
        } else {
            live.put(next.id(), next);
        }
        onChange.accept(next);
        return new Moved(MoveOutcome.MOVED, next, "");
    }

    private PaymentRecord ending(Task next) {
        try {
            return endings.apply(next);
        } catch (RuntimeException bug) {
            LOG.error("task {} ends without a payment record: its record could not be made",
                next.id(), bug);
            return null;
        }
    }

    /**
     * Records that the task asked the registry to commit its swap: from now on it cannot be
     * cancelled, the engine's deadline no longer ends it, and it ends FINISHED_OK or with a
     * failure the registry confirmed. Only a task with a swap under way (TRANSFERRING or
     * WAITING_FOR_VERIFICATION) can pass it; passing it again changes nothing.
     */
    public Moved passPointOfNoReturn(String taskId, long nowMs) {
        ReentrantLock lock = taskLocks[stripe(taskId)];
        lock.lock();
        try {
            Task current = latest(taskId);
            if (current == null) {
                return refusedNotLive(taskId, "point of no return", nowMs);
            }
            if (current.pastPointOfNoReturn()) {
                return new Moved(MoveOutcome.MOVED, current, "");
            }
            if (current.status() != TaskStatus.TRANSFERRING
                && current.status() != TaskStatus.WAITING_FOR_VERIFICATION) {
                String reason = "task " + taskId + " has no swap under way in " + current.status()
                    + "; point of no return refused";
                LOG.warn(reason);
                return new Moved(MoveOutcome.REFUSED, current, reason);
            }
            return commit(current.withPointOfNoReturn(nowMs));
        } finally {
            lock.unlock();
        }
    }

    /** Subscribes a task to status notifications; idempotent. */
    public Optional<Task> subscribe(String taskId, long nowMs) {
        ReentrantLock lock = taskLocks[stripe(taskId)];
        lock.lock();
        try {
            Task current = latest(taskId);
            if (current == null) {
                return find(taskId, nowMs);
            }
            return current.callback() ? Optional.of(current)
                : Optional.of(commit(current.withCallback(nowMs)).task());
        } finally {
            lock.unlock();
        }
    }

    /** Cancels a task that has not passed its point of no return. */
    public CancelOutcome cancel(String taskId, long nowMs) {
        ReentrantLock lock = taskLocks[stripe(taskId)];
        lock.lock();
        try {
            Task current = latest(taskId);
            if (current == null) {
                return find(taskId, nowMs).isPresent()
                    ? CancelOutcome.NOT_CANCELLABLE : CancelOutcome.UNKNOWN_TASK;
            }
            if (current.pastPointOfNoReturn()) {
                return CancelOutcome.NOT_CANCELLABLE;
            }
            fail(taskId, TaskStatus.FINISHED_ERR_CANCELLED, "The task was cancelled.", nowMs);
            return CancelOutcome.CANCELLED;
        } finally {
            lock.unlock();
        }
    }

    /** The task as last committed, unless unknown or expired (finished longer than the TTL). */
    public Optional<Task> find(String taskId, long nowMs) {
        Task current = live.get(taskId);
        if (current != null) {
            return Optional.of(current);
        }
        Task done = finished.getIfPresent(taskId);
        if (done == null) {
            Optional<Task> stored = store.find(taskId);
            if (stored.isEmpty()) {
                return stored;
            }
            done = stored.get();
            if (done.status().terminal()) {
                finished.put(taskId, done);
            }
        }
        return expired(done, nowMs) ? Optional.empty() : Optional.of(done);
    }

    /** The task started with this uniqueTransferId, unless unknown or expired. */
    public Optional<Task> findByTransferId(String uniqueTransferId, long nowMs) {
        return store.findTransferId(uniqueTransferId)
            .flatMap(key -> find(key.taskId(), nowMs));
    }

    /** When and for which task a uniqueTransferId was used, kept as long as the history. */
    public Optional<TransferId> transferId(String uniqueTransferId) {
        return store.findTransferId(uniqueTransferId);
    }

    /** One page of tasks; expired ones are left out. */
    public List<Task> list(TaskQuery query, long nowMs) {
        return store.list(query).stream().filter(task -> !expired(task, nowMs)).toList();
    }

    private boolean expired(Task task, long nowMs) {
        return task.status().terminal() && nowMs - task.finishedMs() >= policy.ttlMs();
    }

    /**
     * After a start: every unfinished task is loaded, and those that were running are moved to
     * WAITING_FOR_RESTART, remembering the status they were in. Returns how many were loaded.
     */
    public int recover(long nowMs) {
        List<Task> unfinished = store.unfinished();
        for (Task task : unfinished) {
            ReentrantLock lock = taskLocks[stripe(task.id())];
            lock.lock();
            try {
                if (live.putIfAbsent(task.id(), task) == null) {
                    liveSlots.incrementAndGet();
                }
            } finally {
                lock.unlock();
            }
            if (task.status() != TaskStatus.WAITING_FOR_RESTART) {
                move(task.id(), TaskStatus.WAITING_FOR_RESTART, -1, null, null, false, nowMs);
            }
        }
        return unfinished.size();
    }

    /**
     * Moves a task back from WAITING_FOR_RESTART to the status the restart interrupted, with
     * its progress. A task that is not waiting is refused and left as it is.
     */
    public Moved resume(String taskId, long nowMs) {
        ReentrantLock lock = taskLocks[stripe(taskId)];
        lock.lock();
        try {
            Task current = latest(taskId);
            if (current == null) {
                return refusedNotLive(taskId, "resume", nowMs);
            }
            if (current.status() != TaskStatus.WAITING_FOR_RESTART) {
                return new Moved(MoveOutcome.REFUSED, current,
                    "task " + taskId + " is " + current.status() + ", not waiting for a restart");
            }
            return move(taskId, current.resumeStatus(), current.progressPercent(), null, null,
                false, nowMs);
        } finally {
            lock.unlock();
        }
    }

    /** Tasks waiting for a restart to be resumed, for the flows that own them. */
    public List<Task> waitingForRestart() {
        return live.values().stream()
            .filter(task -> task.status() == TaskStatus.WAITING_FOR_RESTART).toList();
    }

    /**
     * The engine's heartbeat: ends unfinished tasks past their deadline and forgets one batch of
     * tasks past their TTL. Returns how many tasks it changed or forgot. A series the user
     * accepted has simply used up its time and ends SERIES_FINISHED; any other task ends
     * FINISHED_ERR_TIMEOUT; a task past its point of no return is left to its flow, which alone
     * knows whether the registry committed the swap.
     */
    public int tick(long nowMs) {
        writeBackground();
        int changed = 0;
        for (Task task : live.values()) {
            if (due(task, nowMs)) {
                changed += endAtDeadline(task.id(), nowMs) ? 1 : 0;
            }
        }
        return changed + store.forget(nowMs - policy.ttlMs(), policy.forgetBatchMax());
    }

    private static boolean due(Task task, long nowMs) {
        return task.deadlineMs() != 0 && task.deadlineMs() <= nowMs
            && !task.pastPointOfNoReturn();
    }

    private boolean endAtDeadline(String taskId, long nowMs) {
        ReentrantLock lock = taskLocks[stripe(taskId)];
        lock.lock();
        try {
            Task current = latest(taskId);
            if (current == null || !due(current, nowMs)) {
                return false;
            }
            TaskStatus running = current.status() == TaskStatus.WAITING_FOR_RESTART
                ? current.resumeStatus() : current.status();
            Moved moved = running == TaskStatus.SERIES_ACCEPTED
                ? move(taskId, TaskStatus.SERIES_FINISHED, -1, null, null, false, nowMs)
                : fail(taskId, TaskStatus.FINISHED_ERR_TIMEOUT,
                    "The task did not finish before its deadline.", nowMs);
            return moved.moved();
        } finally {
            lock.unlock();
        }
    }

    /** Unfinished tasks now held. */
    public int liveCount() {
        return live.size();
    }

    private static String normalisedInfo(String info) {
        return merged("{}", info);
    }

    private static String merged(String info, String patch) {
        if (patch == null) {
            return info;
        }
        try {
            JsonNode base = JSON.readTree(info);
            JsonNode extra = JSON.readTree(patch);
            if (!(base instanceof ObjectNode target) || !(extra instanceof ObjectNode fields)) {
                throw new IllegalArgumentException("additionalInfo must be a JSON object");
            }
            target.setAll(fields);
            return JSON.writeValueAsString(target);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("additionalInfo is not JSON", malformed);
        }
    }

    private static int stripe(String key) {
        return (key.hashCode() & 0x7fffffff) % STRIPES;
    }

    private static ReentrantLock[] stripes() {
        ReentrantLock[] locks = new ReentrantLock[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }
}
