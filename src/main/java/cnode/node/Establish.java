package cnode.node;

import static cnode.node.NodeState.VUI_BOX_READY;
import static cnode.node.NodeState.VUI_CONNECTING;
import static cnode.node.NodeState.VUI_LOGGEDIN;
import static cnode.node.NodeState.VUI_LOGGING_IN_OR_REGISTERING;
import static cnode.node.NodeState.VUI_READ_AVAILABLE;
import static cnode.node.NodeState.VUI_READY;
import static cnode.node.NodeState.VUI_READY_BUT_VAULTOFFLINE;
import static cnode.node.NodeState.VUI_WRITE_AVAILABLE;

import cnode.colony.client.ColonyUsers.LeaseReply;
import cnode.colony.client.ColonyUsers.LeaseRequest;
import cnode.colony.client.ColonyUsers.LocationRequest;
import cnode.colony.client.Outcome;
import cnode.task.TaskStatus;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps from a user known to the node to a ready node (cnode-api §1.4): VUI_LOGGEDIN, the
 * wallet's data read (VUI_READ_AVAILABLE), the write lease (VUI_WRITE_AVAILABLE while it is
 * waited for, VUI_BOX_READY once held), the location reported, and the vault checked
 * (VUI_READY, or VUI_READY_BUT_VAULTOFFLINE). A login runs them with its task, whose wait for
 * the lease shows as WAITING_FOR_WRITE_PERMISSION and is bounded by the write wait; a node
 * coming back after a lost colony link runs them without a task. Runs on the calling thread.
 */
final class Establish {
    private static final Logger LOG = LoggerFactory.getLogger(Establish.class);
    static final long LEASE_RETRY_MS_MAX = 1_000;

    /** How the steps ended. */
    enum Result {
        /** The node is ready (or waits for the lease in its upkeep, when coming back). */
        READY,
        /** The write lease was not obtained within the write wait. */
        LOCKED,
        /** The colony link was lost on the way; the life is back at VUI_CONNECTING. */
        LOST,
        /** The colony no longer knows the session. */
        SESSION_GONE,
        /** The task ended meanwhile (deadline, cancel) or the node is stopping. */
        STOPPED
    }

    private final Membership member;
    private final NodeUser user;
    private final String taskId;
    private final BooleanSupplier wanted;

    /** Steps for {@code user}, under the LOGIN task {@code taskId}, or none (null). */
    Establish(Membership member, NodeUser user, String taskId) {
        this.member = member;
        this.user = user;
        this.taskId = taskId;
        this.wanted = taskId == null ? member::running : () -> member.live(taskId);
    }

    /** From VUI_LOGGING_IN_OR_REGISTERING, with the session just opened. */
    Result login() {
        if (!member.life.move(VUI_LOGGEDIN, user.username(), user)) {
            return Result.STOPPED;
        }
        return fromLoggedIn();
    }

    /** From VUI_CONNECTED with the user kept across a lost link: the session first. */
    Result resume() {
        var renewed = ColonyCalls.once("renew session",
            () -> member.users.renew(user.session()));
        if (renewed.isEmpty()) {
            member.life.move(VUI_CONNECTING);
            return Result.LOST;
        }
        if (renewed.get() instanceof Outcome.Refused<?>) {
            return Result.SESSION_GONE;
        }
        if (!member.life.move(VUI_LOGGING_IN_OR_REGISTERING)
            || !member.life.move(VUI_LOGGEDIN)) {
            return Result.STOPPED;
        }
        return fromLoggedIn();
    }

    private Result fromLoggedIn() {
        while (!member.attachment.attach(user)) {
            if (!wanted.getAsBoolean() || !ColonyCalls.pause(LEASE_RETRY_MS_MAX)) {
                return Result.STOPPED;
            }
        }
        member.life.move(VUI_READ_AVAILABLE);
        member.life.move(VUI_WRITE_AVAILABLE);
        Result lease = taskId == null ? leaseOnce() : leaseWaiting();
        if (lease != Result.READY || member.life.snapshot().state() == VUI_WRITE_AVAILABLE) {
            return lease;
        }
        member.life.move(VUI_BOX_READY);
        var located = ColonyCalls.retrying("report location", () -> member.users.setLocation(
            user.session(), user.username(), new LocationRequest(member.settings.p2pAddress(),
                member.settings.machineId(), true)), wanted);
        if (located.isEmpty()) {
            return Result.STOPPED;
        }
        boolean vault = member.vaultReachable(user);
        member.life.move(vault ? VUI_READY : VUI_READY_BUT_VAULTOFFLINE);
        member.upkeepDone(member.clock.nowMs());
        LOG.info("user {} ready on this node{}", user.username(),
            vault ? "" : " (vault not reachable yet)");
        return Result.READY;
    }

    /** Coming back: one try; a lease held elsewhere is left to the upkeep to wait for. */
    private Result leaseOnce() {
        Optional<Outcome<LeaseReply>> answer = acquire();
        if (answer.isEmpty()) {
            member.life.move(VUI_CONNECTING);
            return Result.LOST;
        }
        if (answer.get() instanceof Outcome.Refused<LeaseReply>) {
            return Result.SESSION_GONE;
        }
        if (!((Outcome.Ok<LeaseReply>) answer.get()).reply().done()) {
            LOG.info("user {}: write lease held by another instance; waiting for it",
                user.username());
        } else {
            member.life.move(VUI_BOX_READY);
        }
        return Result.READY;
    }

    /** A login: waits for the lease up to the write wait, showing it on the task. */
    private Result leaseWaiting() {
        long giveUpAtMs = member.clock.nowMs() + member.settings.writeWaitMs();
        boolean shown = false;
        while (true) {
            var answer = ColonyCalls.retrying("acquire lease", this::acquireCall, wanted);
            if (answer.isEmpty()) {
                return Result.STOPPED;
            }
            if (answer.get() instanceof Outcome.Refused<LeaseReply>) {
                return Result.SESSION_GONE;
            }
            LeaseReply lease = ((Outcome.Ok<LeaseReply>) answer.get()).reply();
            if (lease.done()) {
                member.life.move(VUI_BOX_READY);
                return Result.READY;
            }
            long nowMs = member.clock.nowMs();
            if (nowMs >= giveUpAtMs) {
                return Result.LOCKED;
            }
            if (!shown) {
                shown = true;
                LOG.info("task {}: user {}'s write lease is held by instance {}; waiting",
                    taskId, user.username(), lease.holder());
                member.engine.advance(taskId, TaskStatus.WAITING_FOR_WRITE_PERMISSION, -1,
                    null, nowMs);
            }
            long untilHolderEnds = lease.expiresAtMs() == null ? LEASE_RETRY_MS_MAX
                : lease.expiresAtMs() - nowMs;
            long pauseMs = Math.max(10, Math.min(Math.min(LEASE_RETRY_MS_MAX, untilHolderEnds),
                giveUpAtMs - nowMs));
            if (!ColonyCalls.pause(pauseMs)) {
                return Result.STOPPED;
            }
        }
    }

    private Optional<Outcome<LeaseReply>> acquire() {
        return ColonyCalls.once("acquire lease", this::acquireCall);
    }

    private Outcome<LeaseReply> acquireCall()
        throws java.io.IOException, InterruptedException {
        return member.users.lease(user.session(), LeaseRequest.acquire(
            member.settings.machineId(), member.settings.leaseTtlMs()));
    }
}
