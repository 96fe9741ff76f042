package cnode.api;

import cnode.colony.Username;
import cnode.payment.ExpectWindows;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.stdx.Clock;
import cnode.stdx.Ids;
import java.util.List;

/**
 * {@code expectPaymentRequest(username, amount, timeout)} (cnode-api §2.15, contract §5):
 * opens a single-use window on this merchant node for one incoming transfer from that user of
 * exactly that amount, for {@code timeout} seconds (1 to {@link #TIMEOUT_S_MAX}); answers the
 * {@code requestPaymentIdConfirmation} the sender may quote. Guards, in order: nobody logged
 * in ERR_VUI_NOT_LOGGEDIN; the name ERR_INVALID_USERNAME; the amount ERR_INVALID_AMOUNT; the
 * timeout ERR_INVALID_TIMEOUT; too many windows open ERR_TECHNICAL_PROBLEM.
 */
public final class ExpectPaymentRequestOperation extends DirectOperation {
    static final long TIMEOUT_S_MAX = 86_400;
    static final WireType TYPE = WireType.struct("vuiExpectPaymentRequestResponse",
        "requestPaymentIdConfirmation", "xsd:string",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");
    private static final OperationSchema SCHEMA = new OperationSchema("expectPaymentRequest",
        WireType.fields("username", "xsd:string", "amount", BillonAmount.TYPE.ref(),
            "timeout", "xsd:unsignedInt"),
        TYPE, false, List.of(BillonAmount.TYPE, TYPE));

    private final UserGate gate;
    private final ExpectWindows windows;
    private final Clock clock;
    private final Ids ids = Ids.secure();

    public ExpectPaymentRequestOperation(UserGate gate, ExpectWindows windows, Clock clock) {
        super(SCHEMA);
        this.gate = gate;
        this.windows = windows;
        this.clock = clock;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.readable();
        if (pass.refusal() != null) {
            return reply("", pass.refusal(), pass.refusal().description());
        }
        String username = Params.text(params, "username");
        var amount = PaymentParams.amount(params, "amount");
        Long timeout = Params.unsigned(params, "timeout", 0, TIMEOUT_S_MAX);
        RequestStatus refusal = !Username.valid(username) ? RequestStatus.ERR_INVALID_USERNAME
            : amount.isEmpty() ? RequestStatus.ERR_INVALID_AMOUNT
            : timeout == null || timeout == 0 ? RequestStatus.ERR_INVALID_TIMEOUT : null;
        if (refusal == RequestStatus.ERR_INVALID_TIMEOUT) {
            return reply("", refusal, "The timeout is 1 to " + TIMEOUT_S_MAX + " seconds.");
        }
        if (refusal != null) {
            return reply("", refusal, refusal.description());
        }
        long nowMs = clock.nowMs();
        String confirmation = ids.next();
        boolean opened = windows.open(new ExpectWindows.Window(confirmation, username,
            amount.get().billons(), amount.get().currency(), nowMs + timeout * 1_000), nowMs);
        if (!opened) {
            return reply("", RequestStatus.ERR_TECHNICAL_PROBLEM, "This node holds "
                + ExpectWindows.WINDOWS_MAX + " open windows; wait until some close.");
        }
        return reply(confirmation, RequestStatus.SUCCESS, "Request succeeded. One transfer of "
            + amount.get().billons() + " " + amount.get().currency() + " from " + username
            + " is welcome for " + timeout + " s.");
    }

    private static SoapStruct reply(String confirmation, RequestStatus code,
                                    String description) {
        return new SoapStruct(null)
            .string("requestPaymentIdConfirmation", confirmation)
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description);
    }
}
