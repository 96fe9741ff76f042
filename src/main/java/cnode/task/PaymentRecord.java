package cnode.task;

import cnode.money.Currency;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One row of the node's payment history: a payment this node's user took part in, as it
 * finished. Kept as long as the history, never forgotten with its task (contract §4), and the
 * source of the purchase documents ({@code getPurchaseDocument}, {@code getPurchaseDocumentList}).
 * A record of a task of this node is committed with the task's terminal row, in one
 * transaction ({@link TaskEngine#finish}); a record without a task (the payer's wallet answering
 * a request, say) alone ({@link TaskEngine#record}). Immutable; the compact constructor checks
 * every field, so a stored record is always well formed.
 *
 * <p>Strings are never null (empty means "none") and hold no NUL character, which PostgreSQL
 * cannot store: both stores keep exactly the same values. Bounded fields are at most
 * {@link #KEY_CHARS_MAX} characters, the document and the title at most
 * {@link #TEXT_CHARS_MAX}.
 *
 * @param id                the history's key: the task's id for a payment with a task here
 *                          ({@link TaskEngine#finish} sets it), else an id the caller chooses
 *                          (stable across retries) or "" for the engine to make one
 * @param taskId            this node's task, or "" for a payment without one
 * @param uniqueTransferId  the idempotency key the payment ran under (this node's, or the one
 *                          the other side's merchant chose), or ""
 * @param direction         which way the money went, seen from this node's user
 * @param kind              the task type's name, or the incoming kind (e.g.
 *                          {@code REQUEST_PAYMENT} answered by a wallet)
 * @param counterparty      the other user's name, or "" when there was none (the bank, the vault)
 * @param amount            the payment's amount in billons
 * @param currency          the amount's currency code
 * @param colour            the amount's colour
 * @param transferredAmount billons that moved to the payee
 * @param changeReturned    billons of change that came back to the payer
 * @param coinCount         coins that changed owner
 * @param status            the terminal status the payment ended in
 * @param seriesId          the series the payment ran in, or ""
 * @param title             the title shown to the payer, or ""
 * @param purchaseDocument  the purchase document, a JSON object ({@code {}} at least)
 * @param cashierName       who took the payment: the node's user, for now
 * @param invoiceNum        the invoice number the caller read from the document, or ""
 * @param createdMs         when the payment started
 * @param finishedMs        when it finished; the history is in this order
 */
public record PaymentRecord(
    String id,
    String taskId,
    String uniqueTransferId,
    Direction direction,
    String kind,
    String counterparty,
    long amount,
    String currency,
    long colour,
    long transferredAmount,
    long changeReturned,
    int coinCount,
    TaskStatus status,
    String seriesId,
    String title,
    String purchaseDocument,
    String cashierName,
    String invoiceNum,
    long createdMs,
    long finishedMs) {

    /** Most characters of an id, key, name, kind or invoice number (the columns' width). */
    public static final int KEY_CHARS_MAX = 64;
    /** Most characters of a title or a purchase document. */
    public static final int TEXT_CHARS_MAX = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Which way the money went, from this node's user's side. */
    public enum Direction { IN, OUT }

    public PaymentRecord {
        if (direction == null || status == null) {
            throw new IllegalArgumentException("a payment record needs a direction and a status");
        }
        bounded("id", id, KEY_CHARS_MAX);
        bounded("taskId", taskId, KEY_CHARS_MAX);
        bounded("uniqueTransferId", uniqueTransferId, KEY_CHARS_MAX);
        bounded("kind", kind, KEY_CHARS_MAX);
        bounded("counterparty", counterparty, KEY_CHARS_MAX);
        bounded("seriesId", seriesId, KEY_CHARS_MAX);
        bounded("cashierName", cashierName, KEY_CHARS_MAX);
        bounded("invoiceNum", invoiceNum, KEY_CHARS_MAX);
        bounded("title", title, TEXT_CHARS_MAX);
        bounded("purchaseDocument", purchaseDocument, TEXT_CHARS_MAX);
        if (kind.isEmpty() || !Currency.isCode(currency)) {
            throw new IllegalArgumentException("a payment record needs a kind and a currency");
        }
        if (!status.terminal()) {
            throw new IllegalArgumentException("a payment is recorded once finished, not in "
                + status);
        }
        if (amount < 0 || colour < 0 || transferredAmount < 0 || changeReturned < 0
            || coinCount < 0) {
            throw new IllegalArgumentException("amounts, colour and coin count are never negative");
        }
        if (createdMs < 0 || finishedMs < createdMs) {
            throw new IllegalArgumentException("a payment finishes after it started");
        }
        if (!jsonObject(purchaseDocument)) {
            throw new IllegalArgumentException("a purchase document is a JSON object");
        }
    }

    private static void bounded(String name, String value, int max) {
        if (value == null || value.length() > max || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " must be text of at most " + max
                + " characters without NUL");
        }
    }

    private static boolean jsonObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject();
        } catch (JsonProcessingException malformed) {
            return false;
        }
    }

    /** The same record under another key. */
    public PaymentRecord withId(String newId) {
        return new PaymentRecord(newId, taskId, uniqueTransferId, direction, kind, counterparty,
            amount, currency, colour, transferredAmount, changeReturned, coinCount, status,
            seriesId, title, purchaseDocument, cashierName, invoiceNum, createdMs, finishedMs);
    }

    /**
     * The record as the end of {@code task}: keyed and linked by the task's id, with its
     * terminal status, start and finish times, and its uniqueTransferId when it has one; every
     * other field as the caller gave it.
     */
    PaymentRecord endOf(Task task) {
        String key = task.uniqueTransferId() == null ? uniqueTransferId : task.uniqueTransferId();
        return new PaymentRecord(task.id(), task.id(), key, direction, kind, counterparty,
            amount, currency, colour, transferredAmount, changeReturned, coinCount,
            task.status(), seriesId, title, purchaseDocument, cashierName, invoiceNum,
            task.createdMs(), task.finishedMs());
    }
}
