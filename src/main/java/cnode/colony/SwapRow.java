package cnode.colony;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A swap the registry prepared, through its end: the order's terms, what the coins are worth,
 * and its state. The registry's own record and the store's row. Immutable; a change of state is
 * a new row.
 *
 * @param transferId the order's transfer id, the swap's key
 * @param payer who pays
 * @param payee who receives and gives the change
 * @param payerCoinIds coins moving from payer to payee
 * @param changeCoinIds coins moving from payee to payer
 * @param kind the kind of money of every coin
 * @param payerBillons what the payer's coins are worth
 * @param changeBillons what the change coins are worth; never above payerBillons
 * @param preparedAtMs when it was prepared: its day is the day its amounts count against limits
 * @param expiresAtMs when its reservation ends
 * @param state where it is
 * @param settledAtMs when it was committed or voided, or its expiry when it expired; 0 while
 *     prepared (0 is also a time: read {@code state} to know which)
 */
public record SwapRow(
        String transferId, String payer, String payee, List<String> payerCoinIds,
        List<String> changeCoinIds, CoinKind kind, long payerBillons, long changeBillons,
        long preparedAtMs, long expiresAtMs, SwapState state, long settledAtMs) {

    public SwapRow {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        payerCoinIds = List.copyOf(payerCoinIds);
        changeCoinIds = List.copyOf(changeCoinIds);
        if (changeBillons < 0 || payerBillons < changeBillons) {
            throw new IllegalArgumentException("a swap never pays back more than it pays");
        }
    }

    /** What the payee gains and the payer loses. */
    public long netBillons() {
        return payerBillons - changeBillons;
    }

    /** The UTC day whose daily counters the swap's amount counts against. */
    public long preparedDay() {
        return Math.floorDiv(preparedAtMs, Registry.DAY_MS);
    }

    /** Every coin of the swap, payer's first. */
    public List<String> coinIds() {
        List<String> all = new ArrayList<>(payerCoinIds.size() + changeCoinIds.size());
        all.addAll(payerCoinIds);
        all.addAll(changeCoinIds);
        return all;
    }

    /** This swap ended in {@code end} at {@code atMs}. */
    SwapRow settled(SwapState end, long atMs) {
        if (state.settled() || !end.settled()) {
            throw new IllegalStateException("swap " + transferId + " cannot go " + state
                + " -> " + end);
        }
        return new SwapRow(transferId, payer, payee, payerCoinIds, changeCoinIds, kind,
            payerBillons, changeBillons, preparedAtMs, expiresAtMs, end, atMs);
    }
}
