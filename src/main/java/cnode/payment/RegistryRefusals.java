package cnode.payment;

import cnode.colony.client.Refusal;
import cnode.crypto.SwapPayload;
import cnode.task.TaskStatus;

/**
 * What the registry's refusal of a swap means for the payment task (contract §4.1): a locked
 * account FINISHED_ERR_LOCKED; a limit of this node's user (either direction)
 * FINISHED_ERR_SELLER_LIMITS_EXCEEDED, of the counterparty FINISHED_ERR_BUYER_LIMITS_EXCEEDED
 * (the registry names the side, PAYER_ or PAYEE_, and the task knows which side it is); an
 * expired coin FINISHED_ERR_OUTDATED; coins no longer free FINISHED_ERR_COLLECTING_MONEX_AMOUNT;
 * terms the registry finds inconsistent (a signature, an amount) FINISHED_ERR, since a peer
 * broke the protocol; anything else FINISHED_ERR_INTERNAL_ERROR. Stateless.
 */
final class RegistryRefusals {
    private RegistryRefusals() {}

    static PaymentFlow.Step step(Refusal refusal, String me, SwapPayload terms) {
        String error = refusal.error();
        boolean payerIsMe = terms.payer().equals(me);
        if (error.equals("PAYER_LOCKED") || error.equals("PAYEE_LOCKED")) {
            String who = error.startsWith("PAYER") ? terms.payer() : terms.payee();
            return new PaymentFlow.Step(TaskStatus.FINISHED_ERR_LOCKED,
                "The account of " + who + " is locked in the colony.");
        }
        if (error.endsWith("_EXCEEDED")) {
            boolean mine = error.startsWith("PAYER_") == payerIsMe;
            return new PaymentFlow.Step(mine ? TaskStatus.FINISHED_ERR_SELLER_LIMITS_EXCEEDED
                : TaskStatus.FINISHED_ERR_BUYER_LIMITS_EXCEEDED, "The colony refused the swap: "
                + error + " (" + refusal.message() + ").");
        }
        return switch (error) {
            case "COIN_EXPIRED" -> new PaymentFlow.Step(TaskStatus.FINISHED_ERR_OUTDATED,
                "A coin of the swap expired.");
            case "COIN_RESERVED", "NOT_PAYER_COIN", "NOT_PAYEE_COIN", "COIN_UNKNOWN",
                "COIN_IN_VAULT" -> new PaymentFlow.Step(
                    TaskStatus.FINISHED_ERR_COLLECTING_MONEX_AMOUNT, "The coins chosen are no "
                    + "longer free at the registry (" + error + ").");
            case "SAME_USER" -> new PaymentFlow.Step(TaskStatus.FINISHED_ERR_INVALID_USERNAME,
                "A user cannot pay himself.");
            case "BAD_SIGNATURE", "AMOUNT_MISMATCH", "CHANGE_EXCEEDS_PAYMENT", "MIXED_COINS",
                "DUPLICATE_COIN", "NO_COINS", "TOO_MANY_COINS" -> new PaymentFlow.Step(
                    TaskStatus.FINISHED_ERR, "The registry refused the terms the peers agreed: "
                    + error + ".");
            default -> new PaymentFlow.Step(TaskStatus.FINISHED_ERR_INTERNAL_ERROR,
                "The registry refused the swap: " + error + ".");
        };
    }

    /** A refusal the colony says may be retried. */
    static boolean temporary(Refusal refusal) {
        return switch (refusal.error()) {
            case "BUSY", "STORE_FAILED", "ANSWER_TIMEOUT", "TRANSFERS_FULL" -> true;
            default -> false;
        };
    }
}
