package cnode.payment;

import static cnode.task.TaskStatus.FINISHED_ERR;
import static cnode.task.TaskStatus.FINISHED_ERR_INTERNAL_ERROR;
import static cnode.task.TaskStatus.SERIES_ACCEPTED;

import cnode.payment.PaymentFlow.Step;
import cnode.peer.PeerLink;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
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
        PeerSearch.Found found = Asking.reach(payments, taskId, terms.payer(), terms.hint(),
            this::live);
        return found.step().next() ? offered(found.link()) : found.step();
    }

    private Step offered(PeerLink link) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("seriesId", taskId)
            .put("title", terms.title()).put("description", terms.description())
            .put("paymentsMax", terms.paymentsMax()).put("totalMax", terms.totalMax())
            .put("currency", terms.currency()).put("durationS", terms.durationS());
        Optional<PeerReply> reply = Asking.ask(payments, link, PeerMessageKind.SERIES_OFFER,
            body, this::live);
        if (reply.isEmpty()) {
            return Step.GONE;
        }
        if (reply.get() instanceof PeerReply.Answered answered
            && answered.kind() == PeerMessageKind.SERIES_ACCEPTED) {
            long endsAtMs = terms.durationS() == 0 ? 0
                : payments.clock.nowMs() + terms.durationS() * 1_000;
            if (!payments.series.accepted(taskId, terms.payer(), terms.paymentsMax(),
                terms.totalMax(), terms.currency(), endsAtMs)) {
                return new Step(FINISHED_ERR, "This node runs as many series as it may.");
            }
            Asking.move(payments, taskId, SERIES_ACCEPTED);
            return Step.GONE;
        }
        return Asking.otherwise(reply.get());
    }

    private boolean live() {
        return payments.running() && payments.engine.find(taskId, payments.clock.nowMs())
            .map(task -> !task.status().terminal()).orElse(false);
    }
}
