package cnode.payment;

import cnode.task.PaymentRecord;
import cnode.task.Task;
import cnode.task.TaskStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The history records of payments: of a task's own end (built by its flow, with the purchase
 * document), of a task the engine ended itself (a cancel, a deadline: built from the task's
 * additionalInfo, without a document), and of a payment this node took part in without a task
 * (the counterparty's desk). Stateless.
 */
public final class PaymentRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PaymentRecords() {}

    /**
     * The record of a payment task the engine ends without its flow's record; null for a task
     * that is not a payment. Its times and ids are set by the engine.
     */
    public static PaymentRecord ended(Task task, String cashier) {
        if (!Payments.PAYMENT_TYPES.contains(task.type())) {
            return null;
        }
        JsonNode info;
        try {
            info = JSON.readTree(task.additionalInfo());
        } catch (IOException malformed) {
            return null;
        }
        JsonNode amount = info.path("amount");
        String currency = amount.path("currency").asText("PLN");
        return new PaymentRecord("", "", "", direction(task.type().name()),
            task.type().name(), info.path("counterparty").asText(""),
            amount.path("amount").asLong(0), currency.isEmpty() ? "PLN" : currency, 0,
            info.path("transferredAmount").path("amount").asLong(0),
            info.path("changeReturned").path("amount").asLong(0),
            info.path("coinCount").asInt(0), TaskStatus.FINISHED_ERR,
            info.path("seriesId").asText(""), info.path("title").asText(""),
            document(info.path("description").asText("")), cashier == null ? "" : cashier,
            "", 0, 0);
    }

    /**
     * The record of a payment the desk took part in, once its swap committed; null for one
     * that was voided (nothing moved, and this side had no task to end).
     */
    public static PaymentRecord settled(PaymentDesk.Pending pending, String state,
                                        String cashier, long nowMs) {
        return settled(pending, state, cashier, nowMs, pending.amount());
    }

    /** As above, {@code transferred} being what the registry says the payee gained. */
    static PaymentRecord settled(PaymentDesk.Pending pending, String state, String cashier,
                                 long nowMs, long transferred) {
        if (!state.equals("COMMITTED")) {
            return null;
        }
        PaymentRecord.Direction direction = pending.role() == PaymentWire.Role.COUNTERPARTY_PAYS
            ? PaymentRecord.Direction.OUT : PaymentRecord.Direction.IN;
        return new PaymentRecord(pending.transferId(), "", pending.uniqueTransferId(),
            direction, pending.kind(), pending.from(), pending.amount(), pending.currency(), 0,
            transferred, 0, 0, TaskStatus.FINISHED_OK, pending.seriesId(),
            pending.title(), document(pending.description()), cashier == null ? "" : cashier,
            "", Math.min(pending.receivedMs(), nowMs), nowMs);
    }

    /** IN when the counterparty pays this node's user (a request), OUT when it is paid. */
    static PaymentRecord.Direction direction(String kind) {
        return kind.equals("REQUEST_PAYMENT") || kind.equals("PING_PAYMENT")
            ? PaymentRecord.Direction.IN : PaymentRecord.Direction.OUT;
    }

    /** The purchase a description refunds ({@code related_merchant_unique_purchase_id}), or "". */
    static String related(String description) {
        if (description == null || description.isBlank()) {
            return "";
        }
        try {
            JsonNode parsed = JSON.readTree(description);
            return parsed == null ? "" : parsed.path("related_merchant_unique_purchase_id")
                .asText("");
        } catch (IOException malformed) {
            return "";
        }
    }

    /** A description as a document: the JSON object given, or {@code {}}. */
    static String document(String description) {
        if (description == null || description.isBlank()) {
            return "{}";
        }
        try {
            JsonNode parsed = JSON.readTree(description);
            return parsed != null && parsed.isObject() ? description : "{}";
        } catch (IOException malformed) {
            return "{}";
        }
    }
}
