package cnode.api;

import cnode.colony.Username;
import cnode.payment.PaymentOrder;
import cnode.payment.Payments;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.task.TaskType;
import java.util.List;

/**
 * {@code requestPaymentInitiation(type, amount, seriesId, requestData, paymentContext,
 * peerLocation)} (cnode-api §2.12): asks a user to pay this node's user; a REQUEST_PAYMENT task
 * (contract §4.1 for its statuses). Guards, in order: nobody logged in ERR_VUI_NOT_LOGGEDIN;
 * a type other than NORMAL ERR_INVALID_PAYMENT_TYPE; no requestData ERR_NO_REQUEST_DATA; a
 * malformed payer name ERR_INVALID_USERNAME; a malformed uniqueTransferId
 * ERR_INVALID_TRANSFER_ID; the amount ERR_INVALID_AMOUNT; a description that is not a JSON
 * object ERR_INVALID_PURCHASE_DOCUMENT; the invoice and delivery options; a seriesId that is
 * no accepted series of this node with this payer ERR_INVALID_SERIES_ID; a malformed
 * peerLocation ERR_INVALID_PEER_LOCATION; then the uniqueTransferId rule.
 */
public final class RequestPaymentInitiationOperation extends DirectOperation {
    static final WireType REQUEST_DATA = WireType.struct("paymentRequestData",
        "username", "xsd:string", "uniqueTransferId", "xsd:string", "title", "xsd:string",
        "description", "xsd:string", "channelInfo", "xsd:string",
        "requestInvoiceData", "xsd:string", "requestDeliveryData", "xsd:string",
        "antiSpamCode", "xsd:string");
    private static final OperationSchema SCHEMA = new OperationSchema(
        "requestPaymentInitiation", WireType.fields("type", "xsd:string",
            "amount", BillonAmount.TYPE.ref(), "seriesId", "xsd:string",
            "requestData", REQUEST_DATA.ref(), "paymentContext", "xsd:string",
            "peerLocation", PaymentParams.USER_LOCATION.ref()),
        Replies.TASK_ID, true, List.of(BillonAmount.TYPE, REQUEST_DATA, PaymentParams.LOCATION,
            PaymentParams.USER_LOCATION, Replies.TASK_ID));

    private final UserGate gate;
    private final Payments payments;

    public RequestPaymentInitiationOperation(UserGate gate, Payments payments) {
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
        if (!type.isEmpty() && !type.equals("NORMAL")) {
            return Replies.noTask(RequestStatus.ERR_INVALID_PAYMENT_TYPE,
                "requestPaymentInitiation takes the type NORMAL.");
        }
        SoapNode data = params.child("requestData");
        if (data == null || data.children().isEmpty()) {
            return Replies.noTask(RequestStatus.ERR_NO_REQUEST_DATA,
                RequestStatus.ERR_NO_REQUEST_DATA.description());
        }
        return checked(params, data);
    }

    private SoapStruct checked(SoapNode params, SoapNode data) {
        String payer = Params.text(data, "username");
        String seriesId = Params.text(params, "seriesId");
        String transferId = Params.text(data, "uniqueTransferId");
        var amount = PaymentParams.amount(params, "amount");
        String description = Params.text(data, "description");
        PaymentParams.Location location = PaymentParams.location(params);
        RequestStatus refusal = !Username.valid(payer) ? RequestStatus.ERR_INVALID_USERNAME
            : !transferId.isEmpty() && !Params.wellFormedTransferId(transferId)
                ? RequestStatus.ERR_INVALID_TRANSFER_ID
            : amount.isEmpty() ? RequestStatus.ERR_INVALID_AMOUNT
            : !description.isEmpty() && !StartRegisterOperation.isJsonObject(description)
                ? RequestStatus.ERR_INVALID_PURCHASE_DOCUMENT
            : !PaymentParams.option(Params.text(data, "requestInvoiceData"))
                ? RequestStatus.ERR_INVALID_INVOICE_OPTION
            : !PaymentParams.option(Params.text(data, "requestDeliveryData"))
                ? RequestStatus.ERR_INVALID_DELIVERY_OPTION
            : !seriesId.isEmpty() && !payments.seriesRuns(seriesId, payer)
                ? RequestStatus.ERR_INVALID_SERIES_ID
            : location.malformed() ? RequestStatus.ERR_INVALID_PEER_LOCATION : null;
        if (refusal != null) {
            return Replies.noTask(refusal, refusal.description());
        }
        String title = Params.text(data, "title");
        String fingerprint = PaymentParams.fingerprint("requestPaymentInitiation", payer,
            Long.toString(amount.get().billons()), amount.get().currency(), title, description,
            location.address().map(Object::toString).orElse(""), seriesId);
        PaymentOrder order = new PaymentOrder(TaskType.REQUEST_PAYMENT, payer,
            amount.get().billons(), amount.get().currency(), title, description,
            transferId.isEmpty() ? null : transferId, seriesId, location.address(),
            fingerprint);
        return PaymentStarts.reply(payments.start(order));
    }
}
