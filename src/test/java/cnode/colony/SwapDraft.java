package cnode.colony;

import cnode.money.Currency;
import java.util.ArrayList;
import java.util.List;

/**
 * A swap order being written by a test: sensible defaults, changed field by field, then built.
 * Coin ids are given as the rig's coin numbers. Mutable; one test thread.
 */
final class SwapDraft {
    String transferId = "swap-1";
    String payer;
    String payee;
    Currency currency = Currency.PLN;
    long amount;
    List<String> paid = new ArrayList<>();
    List<String> change = new ArrayList<>();
    long expiresAtMs;

    SwapDraft(String payer, String payee, long amount, long expiresAtMs) {
        this.payer = payer;
        this.payee = payee;
        this.amount = amount;
        this.expiresAtMs = expiresAtMs;
    }

    SwapDraft paid(int... coins) {
        paid = ids(coins);
        return this;
    }

    SwapDraft change(int... coins) {
        change = ids(coins);
        return this;
    }

    SwapDraft id(String id) {
        transferId = id;
        return this;
    }

    static List<String> ids(int... coins) {
        List<String> ids = new ArrayList<>();
        for (int coin : coins) {
            ids.add(RegistryRig.id(coin));
        }
        return ids;
    }

    SwapOrder build() {
        return new SwapOrder(transferId, payer, payee, currency, amount, paid, change,
            expiresAtMs);
    }
}
