package cnode.task;

import cnode.money.Currency;

/**
 * A filter over the payment history, for {@code getPurchaseDocumentList} (and later the history
 * report). Null fields match everything; every bound is included. Pages follow finish order
 * ({@code finishedMs}, then {@code id}); {@code afterFinishedMs}/{@code afterId} is the cursor
 * (the last record of the previous page), or {@code Long.MIN_VALUE}/"" for the first page.
 *
 * @param status       only records that ended so, or null
 * @param cashierName  exact match, or null
 * @param invoiceNum   exact match, or null
 * @param fromMs       earliest finish time
 * @param toMs         latest finish time
 * @param currency     only amounts of this currency and {@code colour}, or null for any (then
 *                     the amount bounds must be 0 and {@code Long.MAX_VALUE})
 * @param fromAmount   smallest amount, in billons
 * @param toAmount     largest amount, in billons
 * @param limit        most records on a page, 1 to {@link #LIMIT_MAX}
 */
public record PaymentQuery(
    TaskStatus status,
    String cashierName,
    String invoiceNum,
    long fromMs,
    long toMs,
    Currency currency,
    long colour,
    long fromAmount,
    long toAmount,
    long afterFinishedMs,
    String afterId,
    int limit) {

    /** Most records one page may ask for. */
    public static final int LIMIT_MAX = 10_000;

    public PaymentQuery {
        if (limit <= 0 || limit > LIMIT_MAX || afterId == null) {
            throw new IllegalArgumentException("a query needs a limit of 1 to " + LIMIT_MAX
                + " and a cursor");
        }
        if (colour < 0 || fromAmount < 0 || toAmount < 0) {
            throw new IllegalArgumentException("amounts and colours are never negative");
        }
        if (currency == null && (colour != 0 || fromAmount != 0 || toAmount != Long.MAX_VALUE)) {
            throw new IllegalArgumentException("amount bounds need a currency");
        }
    }

    /** Every record, from the first, {@code limit} at a time. */
    public static PaymentQuery all(int limit) {
        return new PaymentQuery(null, null, null, Long.MIN_VALUE, Long.MAX_VALUE, null, 0, 0,
            Long.MAX_VALUE, Long.MIN_VALUE, "", limit);
    }

    /** The same filter, for the page after {@code last}. */
    public PaymentQuery after(PaymentRecord last) {
        return new PaymentQuery(status, cashierName, invoiceNum, fromMs, toMs, currency, colour,
            fromAmount, toAmount, last.finishedMs(), last.id(), limit);
    }
}
