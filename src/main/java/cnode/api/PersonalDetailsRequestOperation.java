package cnode.api;

import cnode.colony.Username;
import cnode.payment.Payments;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.task.TaskType;
import java.util.List;

/**
 * {@code requestPersonalData(peerLocation, requestDeliveryData, merchantName, antiSpamCode,
 * type, requestInvoiceData, username, seriesId)} (cnode-api §2.19): asks a user for invoice
 * and delivery data; a PERSONAL_DATA_REQUEST or MONEY_COLLECT_REQUEST task whose
 * additionalInfo carries {@code invoiceData} and {@code deliveryData} once the user shared
 * them. Guards, in order: nobody logged in ERR_VUI_NOT_LOGGEDIN; the type
 * ERR_INVALID_PAYMENT_TYPE; the user's name ERR_INVALID_USERNAME; the invoice and delivery
 * options ERR_INVALID_INVOICE_OPTION, ERR_INVALID_DELIVERY_OPTION; a seriesId
 * ERR_INVALID_SERIES_ID (no series runs yet); the peer location ERR_INVALID_PEER_LOCATION.
 */
public final class PersonalDetailsRequestOperation extends DirectOperation {
    private static final OperationSchema SCHEMA = new OperationSchema("requestPersonalData",
        WireType.fields("peerLocation", PaymentParams.USER_LOCATION.ref(),
            "requestDeliveryData", "xsd:string", "merchantName", "xsd:string",
            "antiSpamCode", "xsd:string", "type", "xsd:string",
            "requestInvoiceData", "xsd:string", "username", "xsd:string",
            "seriesId", "xsd:string"),
        Replies.TASK_ID, true, List.of(PaymentParams.LOCATION, PaymentParams.USER_LOCATION,
            Replies.TASK_ID));

    private final UserGate gate;
    private final Payments payments;

    public PersonalDetailsRequestOperation(UserGate gate, Payments payments) {
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
        TaskType taskType = type.isEmpty() || type.equals("PERSONAL_DATA_REQUEST")
            ? TaskType.PERSONAL_DATA_REQUEST
            : type.equals("MONEY_COLLECT_REQUEST") ? TaskType.MONEY_COLLECT_REQUEST : null;
        String username = Params.text(params, "username");
        String invoice = Params.text(params, "requestInvoiceData");
        String delivery = Params.text(params, "requestDeliveryData");
        PaymentParams.Location location = PaymentParams.location(params);
        RequestStatus refusal = taskType == null ? RequestStatus.ERR_INVALID_PAYMENT_TYPE
            : !Username.valid(username) ? RequestStatus.ERR_INVALID_USERNAME
            : !PaymentParams.option(invoice) ? RequestStatus.ERR_INVALID_INVOICE_OPTION
            : !PaymentParams.option(delivery) ? RequestStatus.ERR_INVALID_DELIVERY_OPTION
            : !Params.text(params, "seriesId").isEmpty() ? RequestStatus.ERR_INVALID_SERIES_ID
            : location.malformed() ? RequestStatus.ERR_INVALID_PEER_LOCATION : null;
        if (refusal != null) {
            return Replies.noTask(refusal, refusal.description());
        }
        String merchant = Params.text(params, "merchantName");
        return PaymentStarts.reply(payments.askPersonalData(taskType, username,
            invoice.isEmpty() ? "NOT_NEEDED" : invoice, delivery.isEmpty() ? "NOT_NEEDED"
                : delivery, merchant.isEmpty() ? pass.snapshot().username() : merchant,
            location.address()));
    }
}
