package cnode.api;

import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.stdx.Clock;
import cnode.task.Task;
import cnode.task.TaskEngine;
import java.util.List;
import java.util.Optional;

/**
 * {@code cancelPaymentRequest(taskId, uniqueTransferId)} (cnode-api §2.14): ends a payment
 * task with FINISHED_ERR_CANCELLED while it is before its point of no return (contract §3:
 * the rule of cancelTask). Guards, in order: a malformed task id ERR_INVALID_TASK_ID; no such
 * task ERR_TASK_DOES_NOT_EXIST; a uniqueTransferId that is not the task's
 * ERR_INVALID_TRANSFER_ID; a finished task, or one past its point of no return,
 * ERR_TASK_NOT_CANCELLABLE.
 */
public final class CancelPaymentRequestOperation extends DirectOperation {
    private static final OperationSchema SCHEMA = new OperationSchema("cancelPaymentRequest",
        WireType.fields("taskId", "xsd:string", "uniqueTransferId", "xsd:string"),
        Replies.STATUS, false, List.of(Replies.STATUS));

    private final TaskEngine engine;
    private final Clock clock;

    public CancelPaymentRequestOperation(TaskEngine engine, Clock clock) {
        super(SCHEMA);
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        String taskId = Params.text(params, "taskId");
        if (!Params.wellFormedTaskId(taskId)) {
            return Replies.status(RequestStatus.ERR_INVALID_TASK_ID);
        }
        Optional<Task> task = engine.find(taskId, clock.nowMs());
        if (task.isEmpty()) {
            return Replies.status(RequestStatus.ERR_TASK_DOES_NOT_EXIST);
        }
        String transferId = Params.text(params, "uniqueTransferId");
        String own = task.get().uniqueTransferId();
        if (!transferId.isEmpty() && own != null && !own.equals(transferId)) {
            return Replies.status(RequestStatus.ERR_INVALID_TRANSFER_ID);
        }
        return switch (engine.cancel(taskId, clock.nowMs())) {
            case CANCELLED -> Replies.status(RequestStatus.SUCCESS,
                "Request succeeded. The payment is cancelled: FINISHED_ERR_CANCELLED.");
            case UNKNOWN_TASK -> Replies.status(RequestStatus.ERR_TASK_DOES_NOT_EXIST);
            case NOT_CANCELLABLE -> Replies.status(RequestStatus.ERR_TASK_NOT_CANCELLABLE,
                "The payment has finished or passed its point of no return.");
        };
    }
}
