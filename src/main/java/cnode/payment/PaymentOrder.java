package cnode.payment;

import cnode.peer.PeerAddress;
import cnode.task.TaskType;
import java.util.Optional;

/**
 * What an operation asks the node to do: a payment task of {@code type} with the user
 * {@code counterparty}, checked for shape by the operation. REQUEST_PAYMENT and PING_PAYMENT
 * ask the counterparty to pay this node's user; GIVE_MONEY and MONEY_COLLECT pay the
 * counterparty. A ping's amount is 0: coins of equal value go there and back in one swap.
 *
 * @param fingerprint  a digest of the call's parameters, for the uniqueTransferId rule
 * @param peerHint     where the counterparty's node is, when the call said so
 */
public record PaymentOrder(TaskType type, String counterparty, long amount, String currency,
                           String title, String description, String uniqueTransferId,
                           String seriesId, Optional<PeerAddress> peerHint,
                           String fingerprint) {
    public PaymentOrder {
        if (type == null || counterparty == null || currency == null || amount < 0
            || (amount == 0 && type != TaskType.PING_PAYMENT)) {
            throw new IllegalArgumentException("not a payment order");
        }
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        seriesId = seriesId == null ? "" : seriesId;
    }

    /** Whether the counterparty pays (this node's user receives). */
    public boolean counterpartyPays() {
        return type == TaskType.REQUEST_PAYMENT || type == TaskType.PING_PAYMENT;
    }
}
