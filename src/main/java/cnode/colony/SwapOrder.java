package cnode.colony;

import cnode.crypto.SwapPayload;
import cnode.money.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request to prepare a swap: the payer's coins go to the payee and the change coins, if any,
 * come back from the payee to the payer, once the swap is committed. Its terms are exactly the
 * {@link SwapPayload} that every owner whose coins move signs ({@link #payload()}); the edge
 * verifies those signatures before it hands the order to {@link Registry#prepare}. Coin ids are
 * sets to the signature (the payload sorts them), and so to the registry's memory of transfer
 * ids: the same ids listed in another order are the same request. Immutable.
 *
 * @param transferId the client-chosen id that makes the swap idempotent
 * @param payer the username whose coins are paid
 * @param payee the username who receives them and gives the change
 * @param currency the currency of every coin in the swap
 * @param amountBillons what the payee gains: the payer's coins less the change; never negative
 *     (0 for an even exchange of coins between two users)
 * @param payerCoinIds the coins that move from payer to payee; at least one
 * @param changeCoinIds the coins that move from payee to payer; may be empty
 * @param expiresAtMs when the reservation ends: a swap not committed by then is voided
 */
public record SwapOrder(
        String transferId, String payer, String payee, Currency currency, long amountBillons,
        List<String> payerCoinIds, List<String> changeCoinIds, long expiresAtMs) {

    public SwapOrder {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(currency, "currency");
        payerCoinIds = List.copyOf(payerCoinIds);
        changeCoinIds = List.copyOf(changeCoinIds);
    }

    /**
     * The bytes' source that the payer (and, when there is change, the payee) signs. Only for an
     * order that {@link Registry#prepare} would not refuse by shape: a negative amount or more
     * coins than a payload holds is refused there, by name, and throws here.
     */
    public SwapPayload payload() {
        return new SwapPayload(transferId, payer, payee, currency.code(), amountBillons,
            payerCoinIds, changeCoinIds, expiresAtMs);
    }

    /** Every coin id of the order, payer's first. */
    List<String> coinIds() {
        if (changeCoinIds.isEmpty()) {
            return payerCoinIds;
        }
        List<String> all = new ArrayList<>(payerCoinIds.size() + changeCoinIds.size());
        all.addAll(payerCoinIds);
        all.addAll(changeCoinIds);
        return all;
    }
}
