package cnode.api;

import cnode.money.Currency;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.task.PaymentQuery;
import cnode.task.PaymentRecord;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code getPurchaseDocumentList(searchCriteria)} (cnode-api §2.22, contract §3): the purchase
 * documents of the payments that ended {@code FINISHED_OK}, as {@code documents}, a list of
 * {@code {uniqueTransferId, purchaseDocument}} items in finish order. Every criterion is
 * optional and an absent {@code searchCriteria} lists everything. {@code startDate} and
 * {@code endDate} are {@code YYYY-MM-DD hh:mm:ss} in UTC and bound the finish time, both ends
 * included (the end's whole second); {@code cashierName} and {@code invoiceNum} match exactly;
 * {@code fromAmount} and {@code toAmount} bound the amount, both included, in their currency
 * and colour. A {@code billonAmount} whose fields are all empty or zero counts as absent (what
 * generated clients send for "none"). Guards, in order: the user gate; a malformed date, or
 * a start after the end, is {@code ERR_INVALID_DATE}; a malformed amount, an amount without a
 * currency, bounds of different currencies or colours, or a lower bound above the upper one,
 * is {@code ERR_INVALID_AMOUNT}. At most {@link #LISTED_MAX} documents are listed; the
 * description says when the list was cut. Stateless beyond the gate and engine it reads; any
 * thread.
 */
public final class GetPurchaseDocumentListOperation extends DirectOperation {
    /** Most documents one reply lists. */
    static final int LISTED_MAX = 500;

    static final WireType CRITERIA = WireType.struct("documentSearchCriteria",
        "cashierName", "xsd:string",
        "startDate", "xsd:string",
        "endDate", "xsd:string",
        "invoiceNum", "xsd:string",
        "fromAmount", BillonAmount.TYPE.ref(),
        "toAmount", BillonAmount.TYPE.ref());
    static final WireType ITEM = WireType.struct("purchaseDocumentItem",
        "uniqueTransferId", "xsd:string",
        "purchaseDocument", "xsd:string");
    static final WireType LIST = WireType.listOf("purchaseDocumentList", ITEM.ref());
    static final WireType TYPE = WireType.struct("vuiSoapGetPurchaseDocumentListResponse",
        "documents", LIST.ref(),
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");
    private static final OperationSchema SCHEMA = new OperationSchema("getPurchaseDocumentList",
        WireType.fields("searchCriteria", CRITERIA.ref()), TYPE, false,
        List.of(BillonAmount.TYPE, CRITERIA, ITEM, LIST, TYPE));

    private final UserGate gate;
    private final TaskEngine engine;

    public GetPurchaseDocumentListOperation(UserGate gate, TaskEngine engine) {
        super(SCHEMA);
        this.gate = gate;
        this.engine = engine;
    }

    /** One amount bound as read: absent, malformed, or billons of a currency and colour. */
    private record Bound(boolean given, boolean malformed, long billons, String currency,
                         long colour) {
        static final Bound NONE = new Bound(false, false, 0, "", 0);
        static final Bound BAD = new Bound(true, true, 0, "", 0);
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.readable();
        if (pass.refusal() != null) {
            return reply(List.of(), pass.refusal(), pass.refusal().description());
        }
        SoapNode criteria = params.child("searchCriteria");
        Long fromMs = date(text(criteria, "startDate"), Long.MIN_VALUE, 0);
        Long toMs = date(text(criteria, "endDate"), Long.MAX_VALUE, 999);
        if (fromMs == null || toMs == null) {
            return reply(List.of(), RequestStatus.ERR_INVALID_DATE,
                RequestStatus.ERR_INVALID_DATE.description());
        }
        if (fromMs > toMs) {
            return reply(List.of(), RequestStatus.ERR_INVALID_DATE,
                "The startDate is after the endDate.");
        }
        Bound from = bound(criteria, "fromAmount");
        Bound to = bound(criteria, "toAmount");
        String amountError = amountError(from, to);
        if (amountError != null) {
            return reply(List.of(), RequestStatus.ERR_INVALID_AMOUNT, amountError);
        }
        Bound any = from.given() ? from : to;
        PaymentQuery query = new PaymentQuery(TaskStatus.FINISHED_OK,
            exact(text(criteria, "cashierName")), exact(text(criteria, "invoiceNum")),
            fromMs, toMs, any.given() ? new Currency(any.currency()) : null, any.colour(),
            from.given() ? from.billons() : 0, to.given() ? to.billons() : Long.MAX_VALUE,
            Long.MIN_VALUE, "", LISTED_MAX + 1);
        return page(engine.payments(query));
    }

    private static SoapStruct page(List<PaymentRecord> found) {
        List<SoapStruct> items = new ArrayList<>(Math.min(found.size(), LISTED_MAX));
        for (PaymentRecord record : found.subList(0, Math.min(found.size(), LISTED_MAX))) {
            items.add(new SoapStruct(ITEM.name())
                .string("uniqueTransferId", record.uniqueTransferId())
                .string("purchaseDocument", record.purchaseDocument()));
        }
        String description = RequestStatus.SUCCESS.description();
        if (found.size() > LISTED_MAX) {
            description += " Only the first " + LISTED_MAX + " documents in finish order are "
                + "listed; narrow startDate and endDate to see the rest.";
        }
        return reply(items, RequestStatus.SUCCESS, description);
    }

    /** The sentence of an ERR_INVALID_AMOUNT, or null when the bounds can be used. */
    private static String amountError(Bound from, Bound to) {
        if (from.malformed() || to.malformed()) {
            return "An amount bound must be a whole number of billons up to "
                + Long.MAX_VALUE + " with a three-letter currency code and a colour.";
        }
        if (from.given() && to.given()) {
            if (!from.currency().equals(to.currency()) || from.colour() != to.colour()) {
                return "The fromAmount and the toAmount must be of the same currency and "
                    + "colour.";
            }
            if (from.billons() > to.billons()) {
                return "The fromAmount is above the toAmount.";
            }
        }
        return null;
    }

    private static Bound bound(SoapNode criteria, String name) {
        SoapNode amount = criteria == null ? null : criteria.child(name);
        if (amount == null) {
            return Bound.NONE;
        }
        Long billons = unsigned(Params.text(amount, "amount"));
        Long colour = unsigned(Params.text(amount, "colour"));
        String currency = Params.text(amount, "currency");
        if (billons == null || colour == null) {
            return Bound.BAD;
        }
        if (currency.isEmpty()) {
            return billons == 0 && colour == 0 ? Bound.NONE : Bound.BAD;
        }
        return Currency.isCode(currency) ? new Bound(true, false, billons, currency, colour)
            : Bound.BAD;
    }

    /** A whole number from 0 to {@code Long.MAX_VALUE}, 0 when empty, else null. */
    private static Long unsigned(String text) {
        if (text.isEmpty()) {
            return 0L;
        }
        if (text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException aboveLongMax) {
            return null;
        }
    }

    private static String text(SoapNode criteria, String name) {
        return criteria == null ? "" : Params.text(criteria, name);
    }

    /** An exact-match criterion: empty means any. */
    private static String exact(String text) {
        return text.isEmpty() ? null : text;
    }

    /** Epoch ms of the date plus {@code extraMs}, {@code fallback} when empty, null if bad. */
    private static Long date(String text, long fallback, long extraMs) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(text, ListTasksOperation.DATE).toInstant(ZoneOffset.UTC)
                .toEpochMilli() + extraMs;
        } catch (DateTimeParseException malformed) {
            return null;
        }
    }

    private static SoapStruct reply(List<SoapStruct> items, RequestStatus code,
                                    String description) {
        return new SoapStruct(null)
            .list("documents", LIST.name(), items)
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description);
    }
}
