package cnode.payment;

import static cnode.task.TaskStatus.FINISHED_ERR;
import static cnode.task.TaskStatus.FINISHED_ERR_INTERNAL_ERROR;
import static cnode.task.TaskStatus.FINISHED_ERR_INVALID_USERNAME;
import static cnode.task.TaskStatus.FINISHED_ERR_TOO_OFTEN;
import static cnode.task.TaskStatus.FINISHED_OK;
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
        NodeUser user = payments.life.snapshot().user();
        if (user == null) {
            return new Step(FINISHED_ERR, "Nobody is logged in on this node any more.");
        }
        if (ask.username().equals(user.username())) {
            return new Step(FINISHED_ERR_INVALID_USERNAME, "A user cannot ask himself.");
        }
        if (!payments.withinRate(ask.username(), payments.clock.nowMs())) {
            return new Step(FINISHED_ERR_TOO_OFTEN, "More than "
                + payments.policy.requestsPerUserPerMinute() + " requests to "
                + ask.username() + " in a minute.");
        }
        if (!move(SEARCHING)) {
            return Step.GONE;
        }
        PeerSearch.Found found = PeerSearch.find(payments, ask.username(), ask.hint(),
            this::live);
        if (!found.step().next()) {
            return found.step();
        }
        if (!move(WAITING_FOR_USER_DECISION)) {
            return Step.GONE;
        }
        return asked(found.link());
    }

    private Step asked(PeerLink link) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
            .put("requestInvoiceData", ask.invoice()).put("requestDeliveryData", ask.delivery())
            .put("merchantName", ask.merchantName());
        PeerReply reply;
        try {
            reply = link.request(PeerMessageKind.PERSONAL_DATA_ASK, body,
                Math.min(600_000, payments.policy.decisionTimeoutMs() + 10_000));
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return Step.GONE;
        }
        if (!live()) {
            return Step.GONE;
        }
        if (reply instanceof PeerReply.Answered answered
            && answered.kind() == PeerMessageKind.PERSONAL_DATA_GIVEN) {
            ObjectNode info = JsonNodeFactory.instance.objectNode()
                .put("counterparty", ask.username());
            copy(answered.body(), info, "invoiceData");
            copy(answered.body(), info, "deliveryData");
            return new Step(FINISHED_OK, info.toString());
        }
        if (reply instanceof PeerReply.Refused refused) {
            return PaymentFlow.refusedBy(refused.reason());
        }
        return reply instanceof PeerReply.TimedOut
            ? new Step(TaskStatus.FINISHED_ERR_USER_TIMEOUT, "The user did not answer in time.")
            : new Step(FINISHED_ERR, "The other node broke the protocol: " + reply + ".");
    }

    private static void copy(JsonNode from, ObjectNode to, String name) {
        JsonNode part = from.get(name);
        if (part != null && part.isObject()) {
            to.set(name, part);
        }
    }

    private boolean move(TaskStatus to) {
        return payments.engine.advance(taskId, to, -1, null, payments.clock.nowMs()).moved();
    }

    private boolean live() {
        return payments.running() && payments.engine.find(taskId, payments.clock.nowMs())
            .map(task -> !task.status().terminal()).orElse(false);
    }
}
