package cnode.node;

import static cnode.node.NodeState.VUI_BOX_READY;
import static cnode.node.NodeState.VUI_CONNECTED;
import static cnode.node.NodeState.VUI_CONNECTING;
import static cnode.node.NodeState.VUI_READY;
import static cnode.node.NodeState.VUI_READY_BUT_VAULTOFFLINE;
import static cnode.node.NodeState.VUI_WRITE_AVAILABLE;

import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.ColonyUsers.LeaseReply;
import cnode.colony.client.ColonyUsers.LeaseRequest;
import cnode.colony.client.ColonyUsers.LocationRequest;
import cnode.colony.client.ColonyVault;
import cnode.colony.client.Outcome;
import cnode.stdx.Clock;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's membership of the network: the one writer of {@link NodeLife}. It connects to the
 * colony, runs the LOGIN and REGISTER tasks (one at a time, each on its own virtual thread, as
 * {@link LoginFlow} and {@link RegisterFlow}), keeps a logged-in user's standing in the colony
 * alive (write lease renewed, location reported, session renewed) on its keeper thread, comes
 * back as the same user after the colony link was lost, and logs the user out.
 *
 * <p>Threads: the keeper (a platform daemon thread) and at most one flow at a time; the flag
 * {@link #busy} is the lock between them: the keeper does no upkeep while a flow runs, and a
 * flow starts only when no other runs. Life moves are serialised by {@link NodeLife}.
 */
public final class Membership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    static final long KEEPER_PERIOD_MS = 250;
    static final long LOCATION_PERIOD_MS = 30_000;
    static final long SESSION_RENEW_PERIOD_MS = 3_600_000;
    static final long CLOSE_CALL_BUDGET_MS = 3_000;

    /**
     * How this node takes part.
     *
     * @param machineId             the node's machine id: its write-lease instance id and the
     *                              id it reports with its location
     * @param p2pAddress            {@code host:port} of the node's P2P port, as reported
     * @param leaseTtlMs            how long one grant of the write lease lasts; renewed at a
     *                              third of it
     * @param writeWaitMs           how long a login waits for the write lease before it ends
     *                              FINISHED_ERR_LOCKED
     * @param allowNonMerchantUser  {@code --allow-non-merchant-user}
     */
    public record Settings(String machineId, String p2pAddress, long leaseTtlMs,
                           long writeWaitMs, boolean allowNonMerchantUser) {}

    /**
     * What follows a user logging in and out beside the life: the wallet loads its cache of
     * the user's coins, and drops it. {@link #attach} answers false when the data could not
     * be read (the colony is unreachable), and the login waits and tries again.
     */
    public interface Attachment {
        boolean attach(NodeUser user);

        void detach();

        /** Nothing to load: for nodes and tests without a wallet. */
        Attachment NONE = new Attachment() {
            @Override
            public boolean attach(NodeUser user) {
                return true;
            }

            @Override
            public void detach() {}
        };
    }

    final NodeLife life;
    final ColonyClient client;
    final ColonyUsers users;
    final ColonyVault vault;
    final TaskEngine engine;
    final NodeFiles files;
    final Autologin autologin;
    final Settings settings;
    final Attachment attachment;
    final Clock clock;
    final AtomicBoolean busy = new AtomicBoolean();
    private final ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread keeper;
    private final Autologin.Credentials startup;
    private volatile boolean running = true;
    private volatile String flowTaskId = "";
    private boolean startupDone;
    private volatile long leaseRenewAtMs;
    private volatile long locationAtMs;
    private volatile long sessionRenewAtMs;

    /**
     * A membership that has not started; {@link #start} starts its keeper. {@code startup} is
     * the login to run once the colony is reached: the command line's, or the stored autologin,
     * or null for none.
     */
    public Membership(NodeLife life, ColonyClient client, TaskEngine engine, NodeFiles files,
                      Autologin autologin, Settings settings, Attachment attachment,
                      Clock clock, Autologin.Credentials startup) {
        this.life = life;
        this.client = client;
        this.users = new ColonyUsers(client);
        this.vault = new ColonyVault(client);
        this.engine = engine;
        this.files = files;
        this.autologin = autologin;
        this.settings = settings;
        this.attachment = attachment;
        this.clock = clock;
        this.startup = startup;
        this.keeper = Thread.ofPlatform().name("membership").daemon().unstarted(this::keep);
    }

    public void start() {
        keeper.start();
    }

    /** The running login or registration task's id, or "" when none runs. */
    public String flowTaskId() {
        return flowTaskId;
    }

    /** Whether a login or registration is running. */
    public boolean flowRunning() {
        return busy.get();
    }

    /**
     * Starts a LOGIN task; empty when a login or registration already runs. The task's outcome
     * is the flow's; see {@link LoginFlow}.
     */
    public Optional<TaskEngine.Created> startLogin(String username, String password) {
        return startFlow(new LoginFlow(this, username, password));
    }

    /** Starts a REGISTER task; empty when a login or registration already runs. */
    public Optional<TaskEngine.Created> startRegister(RegisterFlow.Request request) {
        return startFlow(new RegisterFlow(this, request));
    }

    private Optional<TaskEngine.Created> startFlow(Flow flow) {
        if (!running || !busy.compareAndSet(false, true)) {
            return Optional.empty();
        }
        TaskEngine.Created created;
        try {
            created = flow.create(clock.nowMs());
        } catch (RuntimeException failure) {
            busy.set(false);
            throw failure;
        }
        if (created.outcome() != TaskEngine.Outcome.CREATED) {
            busy.set(false);
            return Optional.of(created);
        }
        String taskId = created.task().id();
        flowTaskId = taskId;
        flows.execute(() -> {
            Ending ending;
            try {
                flow.run(taskId);
                ending = flow.ending();
            } catch (RuntimeException bug) {
                LOG.error("task {}: {} flow failed", taskId, created.task().type(), bug);
                ending = new Ending(TaskStatus.FINISHED_ERR_INTERNAL_ERROR,
                    "The node failed inside; see its log for this task id.");
            } finally {
                flowTaskId = "";
                busy.set(false);
            }
            if (ending != null) {
                ending.publish(engine, taskId, clock.nowMs());
            }
        });
        return Optional.of(created);
    }

    /**
     * A login or registration: creates its task, then runs it on its own thread. Its ending
     * is published only after the flow has moved the life and let go of the node, so a client
     * that sees the task finished can start the next login at once.
     */
    interface Flow {
        TaskEngine.Created create(long nowMs);

        void run(String taskId);

        /** How the task ends; null when it ended otherwise (a deadline, a cancel). */
        Ending ending();
    }

    /** How a flow's task ends: FINISHED_OK, or a failure with its sentence. */
    record Ending(TaskStatus status, String message) {
        static final Ending OK = new Ending(TaskStatus.FINISHED_OK, "");

        void publish(TaskEngine engine, String taskId, long nowMs) {
            if (status == TaskStatus.FINISHED_OK) {
                engine.advance(taskId, status, -1, null, nowMs);
            } else {
                engine.fail(taskId, status, message, nowMs);
            }
        }
    }

    /** Whether the task is still unfinished (a deadline or a cancel may end it meanwhile). */
    boolean live(String taskId) {
        return running && engine.find(taskId, clock.nowMs())
            .map(task -> !task.status().terminal()).orElse(false);
    }

    /** Waits until the colony has been reached; false when {@code wanted} turned false. */
    boolean awaitConnected(java.util.function.BooleanSupplier wanted) {
        while (wanted.getAsBoolean()) {
            if (life.snapshot().state() != VUI_CONNECTING) {
                return true;
            }
            if (!ColonyCalls.pause(KEEPER_PERIOD_MS)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Logs the current user out, if any: releases the write lease, reports the node offline,
     * ends the colony session (each best effort, bounded by the client's timeouts), drops the
     * wallet's cache, and moves the life to VUI_CONNECTED (or keeps VUI_CONNECTING).
     */
    void logOut(String why) {
        NodeLife.Snapshot now = life.snapshot();
        NodeUser user = now.user();
        if (user == null) {
            return;
        }
        LOG.info("user {} logs out: {}", user.username(), why);
        if (now.state() != VUI_CONNECTING) {
            ColonyCalls.once("release lease", () -> users.lease(user.session(),
                LeaseRequest.release(settings.machineId())));
            ColonyCalls.once("report offline", () -> users.setLocation(user.session(),
                user.username(), new LocationRequest(settings.p2pAddress(), settings.machineId(),
                    false)));
            ColonyCalls.once("log out", () -> users.logout(user.session()));
        }
        attachment.detach();
        NodeState to = now.state() == VUI_CONNECTING ? VUI_CONNECTING : VUI_CONNECTED;
        life.move(to, "", null);
    }

    private void keep() {
        while (running) {
            try {
                keepOnce();
            } catch (RuntimeException bug) {
                LOG.error("membership upkeep failed; trying again", bug);
            }
            if (!ColonyCalls.pause(KEEPER_PERIOD_MS)) {
                return;
            }
        }
    }

    private void keepOnce() {
        NodeLife.Snapshot now = life.snapshot();
        if (now.state() == VUI_CONNECTING) {
            if (reachable()) {
                LOG.info("colony reached at {}", client.base());
                life.move(VUI_CONNECTED);
                if (now.user() != null) {
                    comeBack(now.user());
                }
            }
            return;
        }
        if (!startupDone) {
            startupDone = true;
            if (startup != null && now.user() == null) {
                LOG.info("logging {} in at start-up", startup.username());
                startLogin(startup.username(), startup.password());
                return;
            }
        }
        if (now.user() != null && !busy.get()) {
            upkeep(now);
        }
    }

    private boolean reachable() {
        return ColonyCalls.once("colony health", client::health)
            .map(outcome -> outcome instanceof Outcome.Ok).orElse(false);
    }

    /** The colony is back after a lost link: the user's session, lease and location again. */
    private void comeBack(NodeUser user) {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            Establish.Result result = new Establish(this, user, null).resume();
            LOG.info("user {} after the colony came back: {}", user.username(), result);
            if (result == Establish.Result.SESSION_GONE) {
                logOut("the colony no longer knows the session");
            }
        } finally {
            busy.set(false);
        }
    }

    /** One round of keeping the user's standing: lease, location, session, colony link. */
    private void upkeep(NodeLife.Snapshot now) {
        long nowMs = clock.nowMs();
        NodeUser user = now.user();
        if (now.state() == VUI_WRITE_AVAILABLE || nowMs >= leaseRenewAtMs) {
            if (!keepLease(user, now.state(), nowMs)) {
                return;
            }
        }
        if (nowMs >= locationAtMs) {
            var reported = ColonyCalls.once("report location", () -> users.setLocation(
                user.session(), user.username(), new LocationRequest(settings.p2pAddress(),
                    settings.machineId(), true)));
            if (lost(reported, user)) {
                return;
            }
            locationAtMs = nowMs + LOCATION_PERIOD_MS;
        }
        if (nowMs >= sessionRenewAtMs) {
            var renewed = ColonyCalls.once("renew session", () -> users.renew(user.session()));
            if (lost(renewed, user)) {
                return;
            }
            sessionRenewAtMs = nowMs + SESSION_RENEW_PERIOD_MS;
        }
    }

    private boolean keepLease(NodeUser user, NodeState state, long nowMs) {
        long ttl = settings.leaseTtlMs();
        String me = settings.machineId();
        var answer = ColonyCalls.once("keep lease", () -> users.lease(user.session(),
            state == VUI_WRITE_AVAILABLE ? LeaseRequest.acquire(me, ttl)
                : LeaseRequest.renew(me, ttl)));
        if (lost(answer, user)) {
            return false;
        }
        LeaseReply lease = ((Outcome.Ok<LeaseReply>) answer.get()).reply();
        if (lease.done()) {
            leaseRenewAtMs = nowMs + ttl / 3;
            if (state == VUI_WRITE_AVAILABLE) {
                life.move(VUI_BOX_READY);
                life.move(vaultReachable(user) ? VUI_READY : VUI_READY_BUT_VAULTOFFLINE);
                LOG.info("user {} has write permission again", user.username());
            }
            return true;
        }
        if (lease.outcome().equals("EXPIRED") || lease.outcome().equals("NOT_HOLDER")) {
            var again = ColonyCalls.once("acquire lease", () -> users.lease(user.session(),
                LeaseRequest.acquire(me, ttl)));
            if (!lost(again, user) && ((Outcome.Ok<LeaseReply>) again.get()).reply().done()) {
                leaseRenewAtMs = nowMs + ttl / 3;
                return true;
            }
        }
        if (state != VUI_WRITE_AVAILABLE) {
            LOG.warn("user {} lost write permission to instance {}", user.username(),
                lease.holder());
            life.move(VUI_WRITE_AVAILABLE);
        }
        return false;
    }

    boolean vaultReachable(NodeUser user) {
        return ColonyCalls.once("read vault", () -> vault.balances(user.session(),
            user.username())).map(outcome -> outcome instanceof Outcome.Ok).orElse(false);
    }

    /**
     * True when the call did not come back as an answer: the link is lost (the life goes to
     * VUI_CONNECTING, keeping the user) or the session is gone (the user is logged out).
     */
    private <T> boolean lost(Optional<Outcome<T>> answer, NodeUser user) {
        if (answer.isEmpty()) {
            LOG.warn("colony link lost; user {} stays logged in and the node reconnects",
                user.username());
            life.move(VUI_CONNECTING);
            return true;
        }
        if (answer.get() instanceof Outcome.Refused<T> refused) {
            String error = refused.refusal().error();
            if (error.startsWith("SESSION_")) {
                logOut("the colony ended the session (" + error + ")");
            } else {
                LOG.warn("colony refused upkeep for {}: {}", user.username(),
                    refused.refusal().line());
            }
            return true;
        }
        return false;
    }

    /** Marks the upkeep due now: after a login, the lease and location are fresh. */
    void upkeepDone(long nowMs) {
        leaseRenewAtMs = nowMs + settings.leaseTtlMs() / 3;
        locationAtMs = nowMs + LOCATION_PERIOD_MS;
        sessionRenewAtMs = nowMs + SESSION_RENEW_PERIOD_MS;
    }

    /** Stops the keeper and any flow, then logs the user out (releasing the write lease). */
    @Override
    public void close() {
        running = false;
        keeper.interrupt();
        flows.shutdownNow();
        try {
            keeper.join(CLOSE_CALL_BUDGET_MS);
            flows.awaitTermination(CLOSE_CALL_BUDGET_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
        logOut("the node stops");
    }

    /** For tests and the composition root: the colony URL. */
    public java.net.URI colony() {
        return client.base();
    }

    /** Whether the membership runs (false once closing). */
    boolean running() {
        return running;
    }
}
