package cnode.colony;

import cnode.money.Currency;

/**
 * One user's money in one currency paid and received on one UTC day ({@code floorDiv(nowMs,
 * 86 400 000)}), counted when a swap is prepared and given back when it is voided or expires,
 * so prepared and committed swaps count and voided ones do not. Only the latest day is kept
 * per user and currency; a row of an earlier day reads as zero and is dropped by
 * {@link Registry#forget}. The registry's record and the store's row; immutable.
 *
 * @param username the user
 * @param currency the currency
 * @param day the UTC day number
 * @param outBillons paid that day (net of change)
 * @param inBillons received that day (net of change)
 */
public record DailyRow(String username, Currency currency, long day, long outBillons,
                       long inBillons) {

    public DailyRow {
        if (outBillons < 0 || inBillons < 0) {
            throw new IllegalArgumentException("daily counters are never negative");
        }
    }

    public DailyKey key() {
        return new DailyKey(username, currency);
    }
}
