package cnode.colony.server;

import cnode.colony.SwapPrepareResult;
import cnode.colony.VaultMoveResult;
import cnode.colony.client.Outcome;

/**
 * The registry's named refusals on the wire: the name is the result's own, and the status
 * says what kind of refusal it is. {@code 400}: the order's shape, which no state of the
 * registry would accept. {@code 409}: a conflict with what the registry holds now (the coins,
 * a transfer id, a lock). {@code 422}: the order is well-formed but its terms fail (unknown
 * users, wrong sums, times, limits). {@code 503}: {@code TRANSFERS_FULL}, try again later.
 * Which side a swap refusal is about is in its name ({@code PAYER_...}, {@code PAYEE_...};
 * {@link SwapPrepareResult#party()}). Stateless.
 */
final class RegistryRefusals {
    private RegistryRefusals() {}

    static <R> Outcome<R> swap(SwapPrepareResult result) {
        int status = switch (result) {
            case BAD_TRANSFER_ID, NO_COINS, TOO_MANY_COINS, DUPLICATE_COIN, NEGATIVE_AMOUNT,
                 SAME_USER -> 400;
            case TRANSFER_ID_REUSED, PAYER_LOCKED, PAYEE_LOCKED, COIN_UNKNOWN, NOT_PAYER_COIN,
                 NOT_PAYEE_COIN, COIN_IN_VAULT, COIN_RESERVED, COIN_EXPIRED -> 409;
            case TRANSFERS_FULL -> 503;
            case PREPARED -> throw new IllegalArgumentException("PREPARED is no refusal");
            default -> 422;
        };
        return Outcome.refused(status, result.name(), swapMessage(result));
    }

    private static String swapMessage(SwapPrepareResult result) {
        return switch (result) {
            case BAD_TRANSFER_ID -> "A transfer id is 1 to 64 characters of A-Z a-z 0-9 . _ : -.";
            case NO_COINS -> "The payer gives no coin.";
            case TOO_MANY_COINS -> "The order names more coins than the registry takes at once.";
            case DUPLICATE_COIN -> "A coin id appears twice in the order.";
            case NEGATIVE_AMOUNT -> "The amount is below zero.";
            case SAME_USER -> "Payer and payee are the same user.";
            case TRANSFER_ID_REUSED -> "The transfer id was used before for something else.";
            case RESERVATION_IN_PAST -> "expiresAtMs is not in the future.";
            case RESERVATION_TOO_LONG -> "The reservation would last longer than the registry"
                + " allows.";
            case TRANSFERS_FULL -> "The registry remembers as many transfer ids as it may; try"
                + " again later.";
            case PAYER_UNKNOWN -> "The payer is not a registered user.";
            case PAYEE_UNKNOWN -> "The payee is not a registered user.";
            case PAYER_LOCKED -> "The payer's account is locked.";
            case PAYEE_LOCKED -> "The payee's account is locked.";
            case COIN_UNKNOWN -> "A coin is not a live coin of the registry.";
            case MIXED_COINS -> "The coins are not all of one kind, or not of the order's"
                + " currency.";
            case NOT_PAYER_COIN -> "A coin the payer gives is not the payer's.";
            case NOT_PAYEE_COIN -> "A change coin is not the payee's.";
            case COIN_IN_VAULT -> "A coin is in its owner's vault; only wallet coins are paid.";
            case COIN_RESERVED -> "A coin is held by another prepared swap.";
            case COIN_EXPIRED -> "A coin is expired, or expires before the reservation ends.";
            case CHANGE_EXCEEDS_PAYMENT -> "The change is worth more than the payer's coins.";
            case AMOUNT_MISMATCH -> "The payer's coins less the change are not the amount.";
            default -> limitMessage(result);
        };
    }

    private static String limitMessage(SwapPrepareResult result) {
        return switch (result) {
            case PAYER_PER_TRANSFER_EXCEEDED -> "The amount is above the payer's per-transfer"
                + " limit.";
            case PAYER_DAILY_OUT_EXCEEDED -> "The amount would take the payer over the daily"
                + " outgoing limit.";
            case PAYEE_PER_TRANSFER_EXCEEDED -> "The amount is above the payee's per-transfer"
                + " limit.";
            case PAYEE_DAILY_IN_EXCEEDED -> "The amount would take the payee over the daily"
                + " incoming limit.";
            case PAYEE_BALANCE_CAP_EXCEEDED -> "The amount would take the payee over the"
                + " balance cap.";
            default -> throw new IllegalArgumentException(result + " is no refusal");
        };
    }

    static <R> Outcome<R> vault(VaultMoveResult result) {
        int status = switch (result) {
            case BAD_TRANSFER_ID, NO_COINS, TOO_MANY_COINS, DUPLICATE_COIN -> 400;
            case TRANSFERS_FULL -> 503;
            case UNKNOWN_USER -> 422;
            case MOVED -> throw new IllegalArgumentException("MOVED is no refusal");
            default -> 409;
        };
        return Outcome.refused(status, result.name(), switch (result) {
            case BAD_TRANSFER_ID -> "A transfer id is 1 to 64 characters of A-Z a-z 0-9 . _ : -.";
            case NO_COINS -> "The move names no coin.";
            case TOO_MANY_COINS -> "The move names more coins than the registry takes at once.";
            case DUPLICATE_COIN -> "A coin id appears twice in the move.";
            case TRANSFER_ID_REUSED -> "The transfer id was used before for something else.";
            case TRANSFERS_FULL -> "The registry remembers as many transfer ids as it may; try"
                + " again later.";
            case UNKNOWN_USER -> "The user is not registered.";
            case USER_LOCKED -> "The user's account is locked.";
            case COIN_UNKNOWN -> "A coin is not a live coin of the registry.";
            case NOT_OWNER -> "A coin is not the user's.";
            case WRONG_PLACE -> "A coin is already where the move would take it.";
            case COIN_RESERVED -> "A coin is held by a prepared swap.";
            case COIN_EXPIRED -> "A coin is expired; only an exchange takes it.";
            case MOVED -> "";
        });
    }
}
