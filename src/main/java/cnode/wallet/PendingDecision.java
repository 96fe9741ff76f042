package cnode.wallet;

import cnode.money.Currency;
import java.util.regex.Pattern;

/**
 * One incoming request waiting on the {@link Decisions} desk for a person to accept or reject
 * it on the web page: who asks, for what, how much, and when it arrived. An immutable value;
 * it holds nothing secret, so the default {@code toString} is fine to log.
 *
 * @param id             26 characters of {@code [0-9A-Z]}, as task ids; the page posts it back
 * @param from           the username of the requester
 * @param kind           what is asked, for the page's label
 * @param amountBillons  the amount asked, in billons (0 for a request that moves no money)
 * @param currency       the currency of the amount
 * @param title          a one-line summary the requester gave (may be empty)
 * @param description    the longer text the requester gave (may be empty)
 * @param receivedMs     when the request arrived, milliseconds since the Unix epoch
 */
public record PendingDecision(String id, String from, Kind kind, long amountBillons,
                              Currency currency, String title, String description,
                              long receivedMs) {
    private static final Pattern ID = Pattern.compile("[0-9A-Z]{26}");

    /** What a request asks of the user; only the kinds a person is asked about. */
    public enum Kind {
        PAYMENT_REQUEST("Payment request"),
        SERIES("Series of payments"),
        PING("Ping payment"),
        PERSONAL_DATA("Personal data request");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How the page names this kind to a person. */
        public String label() {
            return label;
        }
    }

    public PendingDecision {
        if (!isId(id) || from == null || from.isBlank() || kind == null || amountBillons < 0
            || currency == null || title == null || description == null || receivedMs < 0) {
            throw new IllegalArgumentException("not a pending decision: id " + id + ", from "
                + from + ", kind " + kind + ", amount " + amountBillons);
        }
    }

    /** Whether {@code text} has the shape of a decision id (the page checks posted paths). */
    public static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }
}
