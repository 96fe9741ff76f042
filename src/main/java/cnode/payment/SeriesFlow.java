package cnode.payment;

import static cnode.task.TaskStatus.FINISHED_ERR;
import static cnode.task.TaskStatus.FINISHED_ERR_INTERNAL_ERROR;
import static cnode.task.TaskStatus.FINISHED_ERR_INVALID_USERNAME;
import static cnode.task.TaskStatus.FINISHED_ERR_TOO_OFTEN;
import static cnode.task.TaskStatus.SEARCHING;
import static cnode.task.TaskStatus.SERIES_ACCEPTED;
import static cnode.task.TaskStatus.WAITING_FOR_USER_DECISION;

import cnode.node.NodeUser;
import cnode.payment.PaymentFlow.Step;
import cnode.peer.PeerLink;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import cnode.task.TaskStatus;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MONEY_COLLECT_SERIES task ({@code startSeriesPayment}, contract §5): SEARCHING for the
 * payer's node, WAITING_FOR_USER_DECISION while the payer's wallet decides (its policy judges
 * the series' total, or a person on its page), then SERIES_ACCEPTED: the series is in the
 * {@link SeriesBook} and requests naming its id run without asking again. It stays accepted
 * until {@code endSeriesPayment} or the end of its duration (SERIES_FINISHED, by the
 * operation or the engine's deadline) or until the payer revokes it on the wallet's page
 * (FINISHED_REVOKED). Runs on its own virtual thread until SERIES_ACCEPTED.
 */
final class SeriesFlow {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesFlow.class);


    private final Payments payments;
    private final SeriesTerms terms;
    private final String taskId;

    SeriesFlow(Payments payments, SeriesTerms terms, String taskId) {
        this.payments = payments;
        this.terms = terms;
        this.taskId = taskId;
    }

    void run() {
        Step ending;
        try {
            ending = steps();
        } catch (RuntimeException bug) {
            LOG.error("task {}: series failed inside the node", taskId, bug);
            ending = new Step(FINISHED_ERR_INTERNAL_ERROR,
                "The node failed inside; see its log for this task id.");
        }
        if (ending != Step.GONE && ending.status() != null && payments.running()) {
            payments.engine.fail(taskId, ending.status(), ending.message(),
                payments.clock.nowMs());
        }
    }

    private Step steps() {
        NodeUser user = payments.life.snapshot().user();
        if (user == null) {
            return new Step(FINISHED_ERR, "Nobody is logged in on this node any more.");
        }
        if (terms.payer().equals(user.username())) {
            return new Step(FINISHED_ERR_INVALID_USERNAME, "A user cannot collect from himself.");
        }
        if (!payments.withinRate(terms.payer(), payments.clock.nowMs())) {
            return new Step(FINISHED_ERR_TOO_OFTEN, "More than "
                + payments.policy.requestsPerUserPerMinute() + " requests to "
                + terms.payer() + " in a minute.");
        }
        if (!move(SEARCHING)) {
            return Step.GONE;
        }
        PeerSearch.Found found = PeerSearch.find(payments, terms.payer(), terms.hint(),
            this::live);
        if (!found.step().next()) {
            return found.step();
        }
        if (!move(WAITING_FOR_USER_DECISION)) {
            return Step.GONE;
        }
        return offered(found.link());
    }

    private Step offered(PeerLink link) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("seriesId", taskId)
            .put("title", terms.title()).put("description", terms.description())
            .put("paymentsMax", terms.paymentsMax()).put("totalMax", terms.totalMax())
            .put("currency", terms.currency()).put("durationS", terms.durationS());
        PeerReply reply;
        try {
            reply = link.request(PeerMessageKind.SERIES_OFFER, body,
                Math.min(600_000, payments.policy.decisionTimeoutMs() + 10_000));
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return Step.GONE;
        }
        if (!live()) {
            return Step.GONE;
        }
        if (reply instanceof PeerReply.Answered answered
            && answered.kind() == PeerMessageKind.SERIES_ACCEPTED) {
            long endsAtMs = terms.durationS() == 0 ? 0
                : payments.clock.nowMs() + terms.durationS() * 1_000;
            if (!payments.series.accepted(taskId, terms.payer(), terms.paymentsMax(),
                terms.totalMax(), terms.currency(), endsAtMs)) {
                return new Step(FINISHED_ERR, "This node runs as many series as it may.");
            }
            return move(SERIES_ACCEPTED) ? Step.GONE : Step.GONE;
        }
        if (reply instanceof PeerReply.Refused refused) {
            return PaymentFlow.refusedBy(refused.reason());
        }
        return reply instanceof PeerReply.TimedOut
            ? new Step(TaskStatus.FINISHED_ERR_USER_TIMEOUT, "The user did not answer in time.")
            : new Step(FINISHED_ERR, "The other node broke the protocol: " + reply + ".");
    }

    private boolean move(TaskStatus to) {
        return payments.engine.advance(taskId, to, -1, null, payments.clock.nowMs()).moved();
    }

    private boolean live() {
        return payments.running() && payments.engine.find(taskId, payments.clock.nowMs())
            .map(task -> !task.status().terminal()).orElse(false);
    }
}
