package cnode.api;

import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.stdx.Clock;
import cnode.task.PaymentRecord;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import java.util.List;
import java.util.Optional;

/**
 * {@code getPurchaseDocument(uniqueTransferId)} (cnode-api §2.21): the purchase document of a
 * payment that ended {@code FINISHED_OK}, read from the payment history, so it stays readable
 * after its task's TTL. The key is looked up among this node's own tasks first, then among
 * payments whose key the other side's merchant chose (the latest one). Every way of not having
 * a document answers {@code ERR_INVALID_TRANSFER_ID} (the code the documentation gives for a
 * bad uniqueTransferId elsewhere; a NOT_FOUND code comes with a later issue), with a sentence
 * saying which: malformed, unknown, not finished yet, or ended without success. Needs a user
 * whose data the node can read. Stateless beyond the gate and engine it reads; any thread.
 */
public final class GetPurchaseDocumentOperation extends DirectOperation {
    static final WireType TYPE = WireType.struct("vuiSoapGetPurchaseDocumentResponse",
        "purchaseDocument", "xsd:string",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");
    private static final OperationSchema SCHEMA = new OperationSchema("getPurchaseDocument",
        WireType.fields("uniqueTransferId", "xsd:string"), TYPE, false, List.of(TYPE));

    static final String MALFORMED =
        "The uniqueTransferId must be 1 to 64 printable characters.";
    static final String UNKNOWN =
        "No payment with this uniqueTransferId is in this node's history.";
    static final String RUNNING = "The payment with this uniqueTransferId has not finished "
        + "yet; its purchase document is stored when it ends FINISHED_OK.";

    private final UserGate gate;
    private final TaskEngine engine;
    private final Clock clock;

    public GetPurchaseDocumentOperation(UserGate gate, TaskEngine engine, Clock clock) {
        super(SCHEMA);
        this.gate = gate;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.readable();
        if (pass.refusal() != null) {
            return reply("", pass.refusal(), pass.refusal().description());
        }
        String key = Params.text(params, "uniqueTransferId");
        if (!Params.wellFormedTransferId(key)) {
            return reply("", RequestStatus.ERR_INVALID_TRANSFER_ID, MALFORMED);
        }
        Optional<PaymentRecord> payment = engine.payment(key);
        if (payment.isEmpty()) {
            return reply("", RequestStatus.ERR_INVALID_TRANSFER_ID,
                running(key) ? RUNNING : UNKNOWN);
        }
        PaymentRecord found = payment.get();
        if (found.status() != TaskStatus.FINISHED_OK) {
            return reply("", RequestStatus.ERR_INVALID_TRANSFER_ID, "The payment with this "
                + "uniqueTransferId ended " + found.status().name() + "; only a payment that "
                + "ended FINISHED_OK has a purchase document.");
        }
        return reply(found.purchaseDocument(), RequestStatus.SUCCESS,
            RequestStatus.SUCCESS.description());
    }

    /** Whether the key belongs to a task of this node that has not finished. */
    private boolean running(String key) {
        Optional<Task> task = engine.findByTransferId(key, clock.nowMs());
        return task.isPresent() && !task.get().status().terminal();
    }

    private static SoapStruct reply(String document, RequestStatus code, String description) {
        return new SoapStruct(null)
            .string("purchaseDocument", document)
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description);
    }
}
