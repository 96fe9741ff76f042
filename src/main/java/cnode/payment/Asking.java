package cnode.payment;

import static cnode.task.TaskStatus.FINISHED_ERR;
import static cnode.task.TaskStatus.FINISHED_ERR_INVALID_USERNAME;
import static cnode.task.TaskStatus.FINISHED_ERR_TOO_OFTEN;
import static cnode.task.TaskStatus.SEARCHING;
import static cnode.task.TaskStatus.WAITING_FOR_USER_DECISION;

import cnode.node.NodeUser;
import cnode.payment.PaymentFlow.Step;
import cnode.peer.PeerAddress;
import cnode.peer.PeerLink;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import cnode.task.TaskStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The steps a task that asks another user something shares (a series, personal data): this
 * node's user and the other must differ and the rate per user hold, then SEARCHING for the
 * other's node and WAITING_FOR_USER_DECISION while it decides; and the mapping of an answer
 * that is not the one hoped for to the task's ending. Stateless.
 */
final class Asking {
    private Asking() {}

    /** Up to WAITING_FOR_USER_DECISION: NEXT with the link, or the task's ending. */
    static PeerSearch.Found reach(Payments payments, String taskId, String other,
                                  Optional<PeerAddress> hint, BooleanSupplier live) {
        NodeUser user = payments.life.snapshot().user();
        if (user == null) {
            return ended(new Step(FINISHED_ERR, "Nobody is logged in on this node any more."));
        }
        if (other.equals(user.username())) {
            return ended(new Step(FINISHED_ERR_INVALID_USERNAME, "A user cannot ask himself."));
        }
        if (!payments.withinRate(other, payments.clock.nowMs())) {
            return ended(new Step(FINISHED_ERR_TOO_OFTEN, "More than "
                + payments.policy.requestsPerUserPerMinute() + " requests to " + other
                + " in a minute."));
        }
        if (!move(payments, taskId, SEARCHING)) {
            return ended(Step.GONE);
        }
        PeerSearch.Found found = PeerSearch.find(payments, other, hint, live);
        if (!found.step().next()) {
            return found;
        }
        return move(payments, taskId, WAITING_FOR_USER_DECISION) ? found : ended(Step.GONE);
    }

    /** Asks on the link, waiting as long as a person may take; empty when the task ended. */
    static Optional<PeerReply> ask(Payments payments, PeerLink link, PeerMessageKind kind,
                                   JsonNode body, BooleanSupplier live) {
        PeerReply reply;
        try {
            reply = link.request(kind, body,
                Math.min(600_000, payments.policy.decisionTimeoutMs() + 10_000));
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return live.getAsBoolean() ? Optional.of(reply) : Optional.empty();
    }

    /** The ending for an answer other than the one hoped for. */
    static Step otherwise(PeerReply reply) {
        if (reply instanceof PeerReply.Refused refused) {
            return PaymentFlow.refusedBy(refused.reason());
        }
        return reply instanceof PeerReply.TimedOut
            ? new Step(TaskStatus.FINISHED_ERR_USER_TIMEOUT, "The user did not answer in time.")
            : new Step(FINISHED_ERR, "The other node broke the protocol: " + reply + ".");
    }

    static boolean move(Payments payments, String taskId, TaskStatus to) {
        return payments.engine.advance(taskId, to, -1, null, payments.clock.nowMs()).moved();
    }

    private static PeerSearch.Found ended(Step step) {
        return new PeerSearch.Found(step, null);
    }
}
