package cnode.api;

import cnode.colony.Username;
import cnode.node.NodeLife;
import cnode.payment.PaymentOrder;
import cnode.payment.Payments;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.task.TaskType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code giveMoneyRequest(uniqueTransferId, type, peerLocation, amount, seriesId, username,
 * shortDescription, description)} (cnode-api §2.16): pays a user from this node; a GIVE_MONEY
 * or MONEY_COLLECT task. An empty description is filled in with the seller, the user and the
 * amount. Guards, in order: nobody logged in ERR_VUI_NOT_LOGGEDIN; the type
 * ERR_INVALID_PAYMENT_TYPE; the receiver's name ERR_INVALID_USERNAME; a malformed
 * uniqueTransferId ERR_INVALID_TRANSFER_ID; the amount ERR_INVALID_AMOUNT; a description that
 * is not a JSON object ERR_INVALID_PURCHASE_DOCUMENT; a seriesId that is no accepted series
 * with this user ERR_INVALID_SERIES_ID (a refund inside a series uses none of its limits); the
 * peer location ERR_INVALID_PEER_LOCATION; then the uniqueTransferId
 * rule.
 */
public final class GiveMoneyRequestOperation extends DirectOperation {
    private static final OperationSchema SCHEMA = new OperationSchema("giveMoneyRequest",
        WireType.fields("uniqueTransferId", "xsd:string", "type", "xsd:string",
            "peerLocation", PaymentParams.USER_LOCATION.ref(),
            "amount", BillonAmount.TYPE.ref(), "seriesId", "xsd:string",
            "username", "xsd:string", "shortDescription", "xsd:string",
            "description", "xsd:string"),
        Replies.TASK_ID, true, List.of(PaymentParams.LOCATION, PaymentParams.USER_LOCATION,
            BillonAmount.TYPE, Replies.TASK_ID));

    private final UserGate gate;
    private final Payments payments;

    public GiveMoneyRequestOperation(UserGate gate, Payments payments) {
        super(SCHEMA);
        this.gate = gate;
        this.payments = payments;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.readable();
        if (pass.refusal() != null) {
            return Replies.noTask(pass.refusal(), pass.refusal().description());
        }
        String type = Params.text(params, "type");
        TaskType taskType = type.isEmpty() || type.equals("GIVE_MONEY") ? TaskType.GIVE_MONEY
            : type.equals("MONEY_COLLECT") ? TaskType.MONEY_COLLECT : null;
        String receiver = Params.text(params, "username");
        String seriesId = Params.text(params, "seriesId");
        String transferId = Params.text(params, "uniqueTransferId");
        var amount = PaymentParams.amount(params, "amount");
        String description = Params.text(params, "description");
        PaymentParams.Location location = PaymentParams.location(params);
        RequestStatus refusal = taskType == null ? RequestStatus.ERR_INVALID_PAYMENT_TYPE
            : !Username.valid(receiver) ? RequestStatus.ERR_INVALID_USERNAME
            : !transferId.isEmpty() && !Params.wellFormedTransferId(transferId)
                ? RequestStatus.ERR_INVALID_TRANSFER_ID
            : amount.isEmpty() ? RequestStatus.ERR_INVALID_AMOUNT
            : !description.isBlank() && !StartRegisterOperation.isJsonObject(description)
                ? RequestStatus.ERR_INVALID_PURCHASE_DOCUMENT
            : !seriesId.isEmpty() && !payments.seriesRuns(seriesId, receiver)
                ? RequestStatus.ERR_INVALID_SERIES_ID
            : location.malformed() ? RequestStatus.ERR_INVALID_PEER_LOCATION : null;
        if (refusal != null) {
            return Replies.noTask(refusal, refusal.description());
        }
        String title = Params.text(params, "shortDescription");
        String filled = description.isBlank()
            ? filledIn(pass.snapshot(), receiver, amount.get(), transferId) : description;
        String fingerprint = PaymentParams.fingerprint("giveMoneyRequest", taskType.name(),
            receiver, Long.toString(amount.get().billons()), amount.get().currency(), title,
            description, location.address().map(Object::toString).orElse(""), seriesId);
        PaymentOrder order = new PaymentOrder(taskType, receiver, amount.get().billons(),
            amount.get().currency(), title, filled, transferId.isEmpty() ? null : transferId,
            seriesId, location.address(), fingerprint);
        return PaymentStarts.reply(payments.start(order));
    }

    /** The PurchaseDescription the node writes when the call left it empty. */
    private static String filledIn(NodeLife.Snapshot now, String receiver,
                                   PaymentParams.Amount amount, String transferId) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.putObject("sales_document_data").put("seller", now.username())
            .put("buyer", receiver).put("currency", amount.currency());
        document.put("amount", amount.billons())
            .put("merchant_unique_purchase_id", transferId);
        return document.toString();
    }
}
