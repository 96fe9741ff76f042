package cnode.api;

import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.stdx.Clock;
import cnode.task.TaskEngine;
import java.util.List;

/**
 * {@code getTaskStatus(taskId, uniqueTransferId, callback)}: the seed page of this project.
 * Looks the task up by the rules of {@link TaskLookup}; with {@code callback=true} it subscribes
 * the task to notifications, and while no callback URL is configured the description says so.
 */
public final class GetTaskStatusOperation extends DirectOperation {
    static final String CALLBACKS_OFF = "Request succeeded. Callbacks are off on this node "
        + "(no --callback-url is configured), so no notifications will be sent.";

    private static final OperationSchema SCHEMA = new OperationSchema("getTaskStatus",
        WireType.fields("taskId", "xsd:string", "uniqueTransferId", "xsd:string",
            "callback", "xsd:boolean"),
        TaskStatusReply.TYPE, true, List.of(TaskStatusReply.TYPE));

    private final TaskEngine engine;
    private final Clock clock;

    public GetTaskStatusOperation(TaskEngine engine, Clock clock) {
        super(SCHEMA);
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        Boolean callback = Params.bool(params, "callback", false);
        if (callback == null) {
            return TaskStatusReply.error(RequestStatus.ERR_INVALID_PARAMETER,
                "callback must be true or false.");
        }
        long nowMs = clock.nowMs();
        TaskLookup.Found found = TaskLookup.find(engine, Params.text(params, "taskId"),
            Params.text(params, "uniqueTransferId"), nowMs);
        if (found.error() != null) {
            return found.error();
        }
        if (!callback) {
            return TaskStatusReply.of(found.task(), RequestStatus.SUCCESS.description());
        }
        return TaskStatusReply.of(engine.subscribe(found.task().id(), nowMs)
            .orElse(found.task()), CALLBACKS_OFF);
    }
}
