package cnode.api;

import cnode.colony.Username;
import cnode.payment.PaymentOrder;
import cnode.payment.Payments;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.task.TaskType;
import java.util.List;

/**
 * {@code requestPingPaymentInitiation(requestData, paymentContext, peerLocation)}
 * (cnode-api §2.13): a PING_PAYMENT task that shows the whole path to a user works. The user's
 * wallet decides as for a request (its policy, or a person); one of its coins goes to this
 * node and coins of exactly the same value come back, in one signed two-phase swap of amount 0
 * (docs/PAYMENTS.md), so the ping costs nobody anything. Guards, in order: nobody logged in
 * ERR_VUI_NOT_LOGGEDIN; no requestData ERR_NO_REQUEST_DATA; the user's name
 * ERR_INVALID_USERNAME; a malformed uniqueTransferId ERR_INVALID_TRANSFER_ID; a description
 * that is not a JSON object ERR_INVALID_PURCHASE_DOCUMENT; the peer location
 * ERR_INVALID_PEER_LOCATION; then the uniqueTransferId rule.
 */
public final class RequestPingPaymentInitiationOperation extends DirectOperation {
    private static final OperationSchema SCHEMA = new OperationSchema(
        "requestPingPaymentInitiation", WireType.fields(
            "requestData", RequestPaymentInitiationOperation.REQUEST_DATA.ref(),
            "paymentContext", "xsd:string", "peerLocation", PaymentParams.USER_LOCATION.ref()),
        Replies.TASK_ID, true, List.of(RequestPaymentInitiationOperation.REQUEST_DATA,
            PaymentParams.LOCATION, PaymentParams.USER_LOCATION, Replies.TASK_ID));

    private final UserGate gate;
    private final Payments payments;

    public RequestPingPaymentInitiationOperation(UserGate gate, Payments payments) {
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
        SoapNode data = params.child("requestData");
        if (data == null || data.children().isEmpty()) {
            return Replies.noTask(RequestStatus.ERR_NO_REQUEST_DATA,
                RequestStatus.ERR_NO_REQUEST_DATA.description());
        }
        String user = Params.text(data, "username");
        String transferId = Params.text(data, "uniqueTransferId");
        String description = Params.text(data, "description");
        PaymentParams.Location location = PaymentParams.location(params);
        RequestStatus refusal = !Username.valid(user) ? RequestStatus.ERR_INVALID_USERNAME
            : !transferId.isEmpty() && !Params.wellFormedTransferId(transferId)
                ? RequestStatus.ERR_INVALID_TRANSFER_ID
            : !description.isEmpty() && !StartRegisterOperation.isJsonObject(description)
                ? RequestStatus.ERR_INVALID_PURCHASE_DOCUMENT
            : location.malformed() ? RequestStatus.ERR_INVALID_PEER_LOCATION : null;
        if (refusal != null) {
            return Replies.noTask(refusal, refusal.description());
        }
        String title = Params.text(data, "title");
        String fingerprint = PaymentParams.fingerprint("requestPingPaymentInitiation", user,
            title, description, location.address().map(Object::toString).orElse(""));
        return PaymentStarts.reply(payments.start(new PaymentOrder(TaskType.PING_PAYMENT, user,
            0, "PLN", title.isEmpty() ? "Ping" : title, description,
            transferId.isEmpty() ? null : transferId, "", location.address(), fingerprint)));
    }
}
