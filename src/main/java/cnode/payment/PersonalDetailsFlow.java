package cnode.payment;

import static cnode.task.TaskStatus.FINISHED_ERR_INTERNAL_ERROR;
import static cnode.task.TaskStatus.FINISHED_OK;

import cnode.payment.PaymentFlow.Step;
import cnode.peer.PeerAddress;
import cnode.peer.PeerLink;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PERSONAL_DATA_REQUEST or MONEY_COLLECT_REQUEST task ({@code requestPersonalData},
 * cnode-api §2.19): SEARCHING for the user's node, WAITING_FOR_USER_DECISION while the user's
 * wallet decides (its policy, or a person on its page), then FINISHED_OK with the invoice and
 * delivery data the flags asked for in additionalInfo ({@code invoiceData},
 * {@code deliveryData}, each a JSON object, absent when not shared), or USER_REJECTED (the
 * user said no, or cannot give data marked OBLIGATORY), USER_TIMEOUT, USER_NOT_FOUND. Runs on
 * its own virtual thread.
 */
final class PersonalDetailsFlow {
    private static final Logger LOG = LoggerFactory.getLogger(PersonalDetailsFlow.class);

    /** What was asked: of whom, and how much each part is needed. */
    record Ask(String username, String invoice, String delivery, String merchantName,
               Optional<PeerAddress> hint) {}

    private final Payments payments;
    private final Ask ask;
    private final String taskId;

    PersonalDetailsFlow(Payments payments, Ask ask, String taskId) {
        this.payments = payments;
        this.ask = ask;
        this.taskId = taskId;
    }

    void run() {
        Step ending;
        try {
            ending = steps();
        } catch (RuntimeException bug) {
            LOG.error("task {}: personal data request failed inside the node", taskId, bug);
            ending = new Step(FINISHED_ERR_INTERNAL_ERROR,
                "The node failed inside; see its log for this task id.");
        }
        if (ending == Step.GONE || ending.status() == null || !payments.running()) {
            return;
        }
        long nowMs = payments.clock.nowMs();
        if (ending.status() == FINISHED_OK) {
            payments.engine.advance(taskId, FINISHED_OK, -1, ending.message(), nowMs);
        } else {
            payments.engine.fail(taskId, ending.status(), ending.message(), nowMs);
        }
    }

    private Step steps() {
        PeerSearch.Found found = Asking.reach(payments, taskId, ask.username(), ask.hint(),
            this::live);
        return found.step().next() ? asked(found.link()) : found.step();
    }

    private Step asked(PeerLink link) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
            .put("requestInvoiceData", ask.invoice()).put("requestDeliveryData", ask.delivery())
            .put("merchantName", ask.merchantName());
        Optional<PeerReply> reply = Asking.ask(payments, link, PeerMessageKind.PERSONAL_DATA_ASK,
            body, this::live);
        if (reply.isEmpty()) {
            return Step.GONE;
        }
        if (reply.get() instanceof PeerReply.Answered answered
            && answered.kind() == PeerMessageKind.PERSONAL_DATA_GIVEN) {
            ObjectNode info = JsonNodeFactory.instance.objectNode()
                .put("counterparty", ask.username());
            copy(answered.body(), info, "invoiceData");
            copy(answered.body(), info, "deliveryData");
            return new Step(FINISHED_OK, info.toString());
        }
        return Asking.otherwise(reply.get());
    }

    private static void copy(JsonNode from, ObjectNode to, String name) {
        JsonNode part = from.get(name);
        if (part != null && part.isObject()) {
            to.set(name, part);
        }
    }

    private boolean live() {
        return payments.running() && payments.engine.find(taskId, payments.clock.nowMs())
            .map(task -> !task.status().terminal()).orElse(false);
    }
}
