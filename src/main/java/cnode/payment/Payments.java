package cnode.payment;

import cnode.colony.client.ColonySwaps;
import cnode.node.NodeLife;
import cnode.peer.PeerClient;
import cnode.peer.UserLocator;
import cnode.stdx.Clock;
import cnode.task.NewTask;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskType;
import cnode.wallet.Wallet;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The payments this node runs as tasks: starts one {@link PaymentFlow} per new task on a
 * virtual thread of its own, and holds what the flows share: the node's parts, the count of
 * outgoing transfers under way ({@code --in-flight-max}) and the requests per counterparty in
 * the last minute ({@code --rate-limit-per-user}). Thread-safe.
 */
public final class Payments implements AutoCloseable {
    static final long RATE_WINDOW_MS = 60_000;
    static final int RATE_USERS_MAX = 100_000;
    static final int TELL_ATTEMPTS = 60;
    static final long RETELL_SPAN_MS = 3_600_000;
    static final int RETELL_MAX = 500;
    static final long TELL_RETRY_MS = 2_000;
    static final Set<TaskType> PAYMENT_TYPES = EnumSet.of(TaskType.REQUEST_PAYMENT,
        TaskType.PING_PAYMENT, TaskType.GIVE_MONEY, TaskType.MONEY_COLLECT);

    final TaskEngine engine;
    final NodeLife life;
    final Wallet wallet;
    final UserLocator locator;
    final PeerClient peers;
    final ColonySwaps swaps;
    final PaymentPolicy policy;
    final Clock clock;
    final AtomicInteger outgoing = new AtomicInteger();
    final SeriesBook series = new SeriesBook();
    private final Map<String, ArrayDeque<Long>> recent = new HashMap<>();
    private final ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    public Payments(TaskEngine engine, NodeLife life, Wallet wallet, UserLocator locator,
                    PeerClient peers, ColonySwaps swaps, PaymentPolicy policy, Clock clock) {
        this.engine = engine;
        this.life = life;
        this.wallet = wallet;
        this.locator = locator;
        this.peers = peers;
        this.swaps = swaps;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Starts the task of {@code order}, idempotent on its uniqueTransferId: a repeat with the
     * same parameters answers the earlier task and starts nothing.
     */
    public TaskEngine.Created start(PaymentOrder order) {
        TaskEngine.Created created = engine.create(new NewTask(order.type(),
            order.uniqueTransferId(), order.fingerprint(), info(order).toString(), null, false),
            clock.nowMs());
        if (created.outcome() == TaskEngine.Outcome.CREATED && running) {
            String taskId = created.task().id();
            flows.execute(() -> new PaymentFlow(this, order, taskId).run());
        }
        return created;
    }

    /**
     * After a start: settles every payment task the restart interrupted (they show
     * WAITING_FOR_RESTART until then), each on a thread of its own. Returns how many.
     */
    public int recover() {
        int recovering = 0;
        for (Task task : engine.waitingForRestart()) {
            if (PAYMENT_TYPES.contains(task.type())) {
                flows.execute(() -> new PaymentRecovery(this, task).run());
                recovering++;
            } else if (task.type() == TaskType.PERSONAL_DATA_REQUEST
                || task.type() == TaskType.MONEY_COLLECT_REQUEST) {
                engine.fail(task.id(), cnode.task.TaskStatus.FINISHED_ERR, "The node "
                    + "restarted while the user was asked; ask again.", clock.nowMs());
            }
        }
        return recovering;
    }

    /**
     * Starts a MONEY_COLLECT_SERIES task for {@code terms}; its deadline is the series'
     * duration (none for 0), at which an accepted series ends SERIES_FINISHED.
     */
    public TaskEngine.Created startSeries(SeriesTerms terms, String uniqueTransferId,
                                          String fingerprint) {
        ObjectNode info = JsonNodeFactory.instance.objectNode()
            .put("uniqueTransferId", uniqueTransferId == null ? "" : uniqueTransferId)
            .put("counterparty", terms.payer());
        info.set("amount", billonAmount(terms.totalMax(), terms.currency()));
        info.put("paymentsMax", terms.paymentsMax()).put("durationS", terms.durationS());
        TaskEngine.Created created = engine.create(new NewTask(TaskType.MONEY_COLLECT_SERIES,
            uniqueTransferId, fingerprint, info.toString(), terms.durationS() * 1_000, false),
            clock.nowMs());
        if (created.outcome() == TaskEngine.Outcome.CREATED && running) {
            String taskId = created.task().id();
            info.put("seriesId", taskId);
            flows.execute(() -> new SeriesFlow(this, terms, taskId).run());
        }
        return created;
    }

    /** Whether {@code seriesId} is an accepted series of this node with {@code payer}. */
    public boolean seriesRuns(String seriesId, String payer) {
        return series.runs(seriesId, payer) && engine.find(seriesId, clock.nowMs())
            .map(task -> task.status() == cnode.task.TaskStatus.SERIES_ACCEPTED).orElse(false);
    }

    /**
     * Ends an accepted series (SERIES_FINISHED); requests still queued in it are cancelled.
     * False when {@code seriesId} is no running series of this node.
     */
    public boolean endSeries(String seriesId) {
        var task = engine.find(seriesId, clock.nowMs());
        if (task.isEmpty() || task.get().type() != TaskType.MONEY_COLLECT_SERIES
            || task.get().status().terminal()) {
            return false;
        }
        series.ended(seriesId);
        var moved = task.get().status() == cnode.task.TaskStatus.SERIES_ACCEPTED
            ? engine.advance(seriesId, cnode.task.TaskStatus.SERIES_FINISHED, -1, null,
                clock.nowMs())
            : engine.fail(seriesId, cnode.task.TaskStatus.FINISHED_ERR_CANCELLED,
                "The series was ended before the user accepted it.", clock.nowMs());
        return moved.moved();
    }

    /** The payer {@code from} revoked {@code seriesId} on its wallet's page. */
    public boolean revoked(String seriesId, String from) {
        if (!series.runs(seriesId, from)) {
            return false;
        }
        series.ended(seriesId);
        return engine.advance(seriesId, cnode.task.TaskStatus.FINISHED_REVOKED, -1, null,
            clock.nowMs()).moved();
    }

    /**
     * Tells {@code merchant}'s node that this wallet's user revoked {@code seriesId}, on a
     * thread of its own (the series' task there ends FINISHED_REVOKED); a node that cannot be
     * reached within the search timeout is not told, and its series runs to its end, where
     * this wallet refuses to pay it again.
     */
    public void tellRevoked(String merchant, String seriesId) {
        flows.execute(() -> {
            PeerSearch.Found found = PeerSearch.find(this, merchant, java.util.Optional.empty(),
                this::running);
            if (found.link() == null) {
                return;
            }
            try {
                found.link().request(cnode.peer.PeerMessageKind.SERIES_REVOKED,
                    JsonNodeFactory.instance.objectNode().put("seriesId", seriesId), 10_000);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * After a start: payments of the last {@link #RETELL_SPAN_MS} that finished OK without the
     * counterparty hearing of it (its node was down, or this one stopped before it could tell)
     * are told again, in the background; at most {@link #RETELL_MAX} of them. A counterparty
     * that recorded the payment already records it once more under the same id, which
     * changes nothing.
     */
    public int retell() {
        long nowMs = clock.nowMs();
        int told = 0;
        for (Task task : engine.list(new cnode.task.TaskQuery(null,
            cnode.task.TaskStatus.FINISHED_OK, nowMs - RETELL_SPAN_MS, nowMs, 0, "",
            RETELL_MAX), nowMs)) {
            ObjectNode done = PaymentRecovery.doneOf(task, "COMMITTED");
            if (PAYMENT_TYPES.contains(task.type()) && done != null
                && !done.path("counterpartyTold").asBoolean(false)) {
                tellLater(done.path("counterparty").asText(), done);
                told++;
            }
        }
        return told;
    }

    /**
     * Tells {@code counterparty}'s node how a payment ended, in the background, when it could
     * not be told at once (its node restarted, its link dropped): tried again every
     * {@link #TELL_RETRY_MS} for {@link #TELL_ATTEMPTS} attempts, so its history gets the
     * payment once it is back.
     */
    void tellLater(String counterparty, ObjectNode done) {
        if (!running) {
            return;
        }
        flows.execute(() -> {
            for (int attempt = 0; attempt < TELL_ATTEMPTS && running; attempt++) {
                PeerSearch.Found found = PeerSearch.find(this, counterparty,
                    java.util.Optional.empty(), this::running);
                try {
                    if (found.link() != null && found.link().request(
                        cnode.peer.PeerMessageKind.PAY_DONE, done, 10_000)
                        instanceof cnode.peer.PeerReply.Answered) {
                        return;
                    }
                    Thread.sleep(TELL_RETRY_MS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    /** Starts a PERSONAL_DATA_REQUEST or MONEY_COLLECT_REQUEST task asking {@code ask}. */
    public TaskEngine.Created askPersonalData(TaskType type, String username, String invoice,
                                              String delivery, String merchantName,
                                              java.util.Optional<cnode.peer.PeerAddress> hint) {
        ObjectNode info = JsonNodeFactory.instance.objectNode().put("counterparty", username);
        TaskEngine.Created created = engine.create(new NewTask(type, null, null,
            info.toString(), null, false), clock.nowMs());
        if (created.outcome() == TaskEngine.Outcome.CREATED && running) {
            PersonalDetailsFlow.Ask ask = new PersonalDetailsFlow.Ask(username, invoice, delivery,
                merchantName, hint);
            String taskId = created.task().id();
            flows.execute(() -> new PersonalDetailsFlow(this, ask, taskId).run());
        }
        return created;
    }

    /** The task's first additionalInfo (contract §4): what the payment is about. */
    static ObjectNode info(PaymentOrder order) {
        ObjectNode info = JsonNodeFactory.instance.objectNode()
            .put("uniqueTransferId", order.uniqueTransferId() == null ? ""
                : order.uniqueTransferId())
            .put("counterparty", order.counterparty());
        info.set("amount", billonAmount(order.amount(), order.currency()));
        info.set("transferredAmount", billonAmount(0, order.currency()));
        info.set("changeReturned", billonAmount(0, order.currency()));
        info.put("coinCount", 0).put("seriesId", order.seriesId());
        // Kept with the task so that a payment settled after a restart is recorded whole.
        info.put("title", order.title()).put("description", order.description());
        return info;
    }

    static ObjectNode billonAmount(long amount, String currency) {
        return JsonNodeFactory.instance.objectNode().put("amount", amount)
            .put("currency", currency).put("colour", 0);
    }

    /**
     * Counts one request to {@code counterparty} now; false when it is over
     * {@code --rate-limit-per-user} in the last minute.
     */
    synchronized boolean withinRate(String counterparty, long nowMs) {
        if (!recent.containsKey(counterparty) && recent.size() >= RATE_USERS_MAX) {
            recent.values().removeIf(times -> times.isEmpty()
                || times.peekLast() <= nowMs - RATE_WINDOW_MS);
        }
        ArrayDeque<Long> times = recent.computeIfAbsent(counterparty, user -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= nowMs - RATE_WINDOW_MS) {
            times.pollFirst();
        }
        if (times.size() >= policy.requestsPerUserPerMinute()) {
            return false;
        }
        times.addLast(nowMs);
        return true;
    }

    boolean running() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        flows.shutdownNow();
        try {
            flows.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
