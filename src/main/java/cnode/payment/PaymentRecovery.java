package cnode.payment;

import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.Outcome;
import cnode.node.NodeUser;
import cnode.task.Task;
import cnode.task.TaskStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A payment task a restart interrupted (it shows WAITING_FOR_RESTART): once the node's user is
 * logged in again, the task is settled from the registry's record of its swap, the one source
 * of truth. Past its point of no return, the commit is asked again (it is idempotent): a
 * committed swap ends the task FINISHED_OK, a swap the registry voided or let expire ends it
 * FINISHED_ERR_VERIFICATION_TIMEOUT or FINISHED_ERR. Before that point the swap, if one was
 * prepared, is voided, and the task ends FINISHED_ERR saying that nothing moved (the
 * counterparty's reserved coins are freed when its desk's reservation runs out). While the
 * colony or the user is missing, the task waits; its deadline still applies before the point
 * of no return. Runs on its own virtual thread.
 */
final class PaymentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentRecovery.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long RETRY_MS = 500;

    private final Payments payments;
    private final Task task;
    private final String transferId;

    PaymentRecovery(Payments payments, Task task) {
        this.payments = payments;
        this.task = task;
        this.transferId = "pay-" + task.id();
    }

    void run() {
        Optional<Outcome<SwapReply>> answer = Optional.empty();
        while (answer.isEmpty() && wanted()) {
            NodeUser user = payments.life.snapshot().ready() ? payments.life.snapshot().user()
                : null;
            if (user != null) {
                answer = ask(user);
            }
            if (answer.isEmpty() && !pause()) {
                return;
            }
        }
        answer.ifPresent(outcome -> {
            String state = settle(outcome);
            tell(state.equals("COMMITTED") || state.equals("ALREADY_COMMITTED") ? "COMMITTED"
                : "VOIDED");
        });
    }

    /**
     * Tells the counterparty how the swap ended, as the flow would have (best effort: a node
     * not found within the search timeout is not told; its desk frees its reservation when
     * the swap's time is over).
     */
    private void tell(String state) {
        ObjectNode done = doneOf(task, state);
        if (done == null || done.path("counterparty").asText("").isEmpty()) {
            return;
        }
        String counterparty = done.path("counterparty").asText();
        PeerSearch.Found found = PeerSearch.find(payments, counterparty, Optional.empty(),
            payments::running);
        try {
            if (found.link() != null && found.link().request(cnode.peer.PeerMessageKind.PAY_DONE,
                done, PaymentFlow.SETTLE_TIMEOUT_MS) instanceof cnode.peer.PeerReply.Answered) {
                return;
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return;
        }
        if (state.equals("COMMITTED")) {
            payments.tellLater(counterparty, done);
        }
    }

    /**
     * The {@code PAY_DONE} body of a payment task, from its additionalInfo (plus its
     * {@code counterparty} and {@code counterpartyTold}, which the receiver ignores); null
     * when the info cannot be read.
     */
    static ObjectNode doneOf(Task task, String state) {
        JsonNode info;
        try {
            info = JSON.readTree(task.additionalInfo());
        } catch (IOException malformed) {
            return null;
        }
        boolean theyPay = PaymentRecords.direction(task.type().name())
            == cnode.task.PaymentRecord.Direction.IN;
        return PaymentWire.done("pay-" + task.id(), state, theyPay
                ? PaymentWire.Role.COUNTERPARTY_PAYS : PaymentWire.Role.COUNTERPARTY_RECEIVES,
            task.type().name(), info.path("amount").path("amount").asLong(0),
            info.path("amount").path("currency").asText("PLN"),
            info.path("uniqueTransferId").asText(""), info.path("title").asText(""),
            info.path("description").asText(""), info.path("seriesId").asText(""))
            .put("counterparty", info.path("counterparty").asText(""))
            .put("counterpartyTold", info.path("counterpartyTold").asBoolean(false));
    }

    private boolean wanted() {
        return payments.running() && payments.engine.find(task.id(), payments.clock.nowMs())
            .map(current -> !current.status().terminal()).orElse(false);
    }

    private Optional<Outcome<SwapReply>> ask(NodeUser user) {
        try {
            Outcome<SwapReply> outcome = task.pastPointOfNoReturn()
                ? payments.swaps.commit(user.session(), transferId)
                : payments.swaps.voidSwap(user.session(), transferId);
            if (outcome instanceof Outcome.Refused<SwapReply> refused
                && RegistryRefusals.temporary(refused.refusal())) {
                return Optional.empty();
            }
            return Optional.of(outcome);
        } catch (IOException unreachable) {
            return Optional.empty();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Ends the task as the registry's answer says; answers that answer's name. */
    private String settle(Outcome<SwapReply> outcome) {
        long nowMs = payments.clock.nowMs();
        String state = outcome instanceof Outcome.Ok<SwapReply> ok ? ok.reply().state()
            : ((Outcome.Refused<SwapReply>) outcome).refusal().error();
        LOG.info("task {}: after the restart the registry says {}", task.id(), state);
        switch (state) {
            case "COMMITTED", "ALREADY_COMMITTED" -> {
                payments.wallet.invalidate();
                payments.engine.advance(task.id(), TaskStatus.FINISHED_OK, -1, null, nowMs);
            }
            case "EXPIRED" -> payments.engine.fail(task.id(),
                TaskStatus.FINISHED_ERR_VERIFICATION_TIMEOUT, "The node restarted and the "
                    + "prepared swap had expired at the registry; nothing moved.", nowMs);
            default -> payments.engine.fail(task.id(), TaskStatus.FINISHED_ERR, "The node "
                + "restarted during the payment, before its point of no return; nothing moved.",
                nowMs);
        }
        return state;
    }

    private static boolean pause() {
        try {
            Thread.sleep(RETRY_MS);
            return true;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
