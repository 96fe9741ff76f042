package cnode.api;

import cnode.colony.Username;
import cnode.payment.Payments;
import cnode.payment.SeriesTerms;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.List;

/**
 * {@code startSeriesPayment(requestData, peerLocation, type, seriesData)} (cnode-api §2.17,
 * contract §5): asks a user to accept a series of payments; a MONEY_COLLECT_SERIES task whose
 * id is the {@code seriesId} later requests name. Guards, in order: nobody logged in
 * ERR_VUI_NOT_LOGGEDIN; no requestData ERR_NO_REQUEST_DATA; the type (MONEY_COLLECT_SERIES)
 * ERR_INVALID_PAYMENT_TYPE; the payer's name (requestData's, or seriesData's when that is
 * empty) ERR_INVALID_USERNAME; a malformed uniqueTransferId ERR_INVALID_TRANSFER_ID; a
 * description that is not a JSON object ERR_INVALID_PURCHASE_DOCUMENT; the invoice and delivery
 * options; a maxTotalAmount that is not an amount (absent or 0: no limit) ERR_INVALID_AMOUNT;
 * the peer location ERR_INVALID_PEER_LOCATION; then the uniqueTransferId rule.
 */
public final class StartSeriesPaymentOperation extends DirectOperation {
    static final WireType SERIES_DATA = WireType.struct("paymentSeriesData",
        "maxPaymentsInSeries", "xsd:unsignedInt", "description", "xsd:string",
        "maxTotalAmount", BillonAmount.TYPE.ref(), "plateParameters", "xsd:string",
        "seriesSecondDuration", "xsd:unsignedInt", "username", "xsd:string");
    private static final OperationSchema SCHEMA = new OperationSchema("startSeriesPayment",
        WireType.fields("requestData", RequestPaymentInitiationOperation.REQUEST_DATA.ref(),
            "peerLocation", PaymentParams.USER_LOCATION.ref(), "type", "xsd:string",
            "seriesData", SERIES_DATA.ref()),
        Replies.TASK_ID, true, List.of(RequestPaymentInitiationOperation.REQUEST_DATA,
            PaymentParams.LOCATION, PaymentParams.USER_LOCATION, BillonAmount.TYPE, SERIES_DATA,
            Replies.TASK_ID));

    private final UserGate gate;
    private final Payments payments;

    public StartSeriesPaymentOperation(UserGate gate, Payments payments) {
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
        String type = Params.text(params, "type");
        SoapNode series = params.child("seriesData");
        String payer = Params.text(data, "username");
        if (payer.isEmpty() && series != null) {
            payer = Params.text(series, "username");
        }
        String transferId = Params.text(data, "uniqueTransferId");
        String description = Params.text(data, "description");
        boolean noTotal = series == null || series.child("maxTotalAmount") == null
            || Params.text(series.child("maxTotalAmount"), "amount").matches("0*");
        var total = noTotal ? java.util.Optional.of(new PaymentParams.Amount(0, "PLN"))
            : PaymentParams.amount(series, "maxTotalAmount");
        Long paymentsMax = series == null ? Long.valueOf(0)
            : Params.unsigned(series, "maxPaymentsInSeries", 0, 0xFFFF_FFFFL);
        Long durationS = series == null ? Long.valueOf(0)
            : Params.unsigned(series, "seriesSecondDuration", 0, 0xFFFF_FFFFL);
        PaymentParams.Location location = PaymentParams.location(params);
        RequestStatus refusal = !type.isEmpty() && !type.equals("MONEY_COLLECT_SERIES")
                ? RequestStatus.ERR_INVALID_PAYMENT_TYPE
            : !Username.valid(payer) ? RequestStatus.ERR_INVALID_USERNAME
            : !transferId.isEmpty() && !Params.wellFormedTransferId(transferId)
                ? RequestStatus.ERR_INVALID_TRANSFER_ID
            : !description.isEmpty() && !StartRegisterOperation.isJsonObject(description)
                ? RequestStatus.ERR_INVALID_PURCHASE_DOCUMENT
            : !PaymentParams.option(Params.text(data, "requestInvoiceData"))
                ? RequestStatus.ERR_INVALID_INVOICE_OPTION
            : !PaymentParams.option(Params.text(data, "requestDeliveryData"))
                ? RequestStatus.ERR_INVALID_DELIVERY_OPTION
            : total.isEmpty() ? RequestStatus.ERR_INVALID_AMOUNT
            : paymentsMax == null || durationS == null ? RequestStatus.ERR_INVALID_PARAMETER
            : location.malformed() ? RequestStatus.ERR_INVALID_PEER_LOCATION : null;
        if (refusal != null) {
            return Replies.noTask(refusal, refusal.description());
        }
        String title = Params.text(data, "title");
        String shown = series == null ? "" : Params.text(series, "description");
        SeriesTerms terms = new SeriesTerms(payer, paymentsMax, total.get().billons(),
            total.get().currency(), durationS, title.isEmpty() ? shown : title, shown,
            location.address());
        String fingerprint = PaymentParams.fingerprint("startSeriesPayment", payer,
            Long.toString(paymentsMax), Long.toString(total.get().billons()),
            total.get().currency(), Long.toString(durationS), title, shown);
        return PaymentStarts.reply(payments.startSeries(terms,
            transferId.isEmpty() ? null : transferId, fingerprint));
    }
}
