package cnode.api;

import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.stdx.Clock;
import cnode.task.TaskEngine;
import java.util.List;

/**
 * {@code cancelTask(taskId)} (a contract addition): ends a task with FINISHED_ERR_CANCELLED
 * while it is before its point of no return; after it, or once finished,
 * ERR_TASK_NOT_CANCELLABLE.
 */
public final class CancelTaskOperation extends DirectOperation {
    static final WireType TYPE = Replies.STATUS;
    private static final OperationSchema SCHEMA = new OperationSchema("cancelTask",
        WireType.fields("taskId", "xsd:string"), TYPE, false, List.of(TYPE));

    private final TaskEngine engine;
    private final Clock clock;

    public CancelTaskOperation(TaskEngine engine, Clock clock) {
        super(SCHEMA);
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        String taskId = Params.text(params, "taskId");
        if (!Params.wellFormedTaskId(taskId)) {
            return reply(RequestStatus.ERR_INVALID_TASK_ID,
                "A task id is 1 to 64 letters and digits; this one is not.");
        }
        return switch (engine.cancel(taskId, clock.nowMs())) {
            case CANCELLED -> reply(RequestStatus.SUCCESS,
                "Request succeeded. The task is cancelled: FINISHED_ERR_CANCELLED.");
            case UNKNOWN_TASK -> reply(RequestStatus.ERR_TASK_DOES_NOT_EXIST,
                RequestStatus.ERR_TASK_DOES_NOT_EXIST.description());
            case NOT_CANCELLABLE -> reply(RequestStatus.ERR_TASK_NOT_CANCELLABLE,
                "The task has finished or passed its point of no return.");
        };
    }

    static SoapStruct reply(RequestStatus code, String description) {
        return Replies.status(code, description);
    }
}
