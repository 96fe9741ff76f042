package cnode.api;

import cnode.payment.Payments;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.List;

/**
 * {@code endSeriesPayment(seriesId)} (cnode-api §2.18): closes a series (SERIES_FINISHED; a
 * series not yet accepted ends FINISHED_ERR_CANCELLED); requests queued and not yet sent are
 * cancelled, what was sent is not undone. Guards: nobody logged in ERR_VUI_NOT_LOGGEDIN; a
 * malformed id, or no running series of this node with it, ERR_INVALID_TASK_ID.
 */
public final class EndSeriesPaymentOperation extends DirectOperation {
    private static final OperationSchema SCHEMA = new OperationSchema("endSeriesPayment",
        WireType.fields("seriesId", "xsd:string"), Replies.STATUS, false,
        List.of(Replies.STATUS));

    private final UserGate gate;
    private final Payments payments;

    public EndSeriesPaymentOperation(UserGate gate, Payments payments) {
        super(SCHEMA);
        this.gate = gate;
        this.payments = payments;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.loggedIn();
        if (pass.refusal() != null) {
            return Replies.status(pass.refusal());
        }
        String seriesId = Params.text(params, "seriesId");
        if (!Params.wellFormedTaskId(seriesId) || !payments.endSeries(seriesId)) {
            return Replies.status(RequestStatus.ERR_INVALID_TASK_ID,
                "No running series of this node has this id.");
        }
        return Replies.status(RequestStatus.SUCCESS, "Request succeeded. The series ended: "
            + "SERIES_FINISHED.");
    }
}
