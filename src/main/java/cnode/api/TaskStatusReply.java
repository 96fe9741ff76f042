package cnode.api;

import cnode.soap.SoapStruct;
import cnode.task.Task;

/**
 * The {@code vuiSoapGetTaskStatusResponse} shape, shared by getTaskStatus, waitForTask and the
 * items of listTasks. Field order follows the documentation's example response. On an error
 * the task fields are empty ({@code progressPercent} 0, {@code additionalInfo} {@code {}}, so a
 * client that always parses it as JSON still can).
 */
public final class TaskStatusReply {
    public static final WireType TYPE = WireType.struct("vuiSoapGetTaskStatusResponse",
        "type", "xsd:string",
        "progressPercent", "xsd:unsignedInt",
        "status", "xsd:string",
        "additionalInfo", "xsd:string",
        "taskId", "xsd:string",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");

    private TaskStatusReply() {}

    /** A successful reply describing {@code task}. */
    public static SoapStruct of(Task task, String description) {
        return fields(new SoapStruct(TYPE.name()), task, RequestStatus.SUCCESS, description);
    }

    /** The same fields without xsi:type on the element, for list items. */
    public static SoapStruct item(Task task) {
        return fields(new SoapStruct(null), task, RequestStatus.SUCCESS,
            RequestStatus.SUCCESS.description());
    }

    /** A business error: the code, one sentence, and empty task fields. */
    public static SoapStruct error(RequestStatus code, String description) {
        return new SoapStruct(TYPE.name())
            .string("type", "")
            .uint("progressPercent", 0)
            .string("status", "")
            .string("additionalInfo", "{}")
            .string("taskId", "")
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description);
    }

    private static SoapStruct fields(SoapStruct into, Task task, RequestStatus code,
                                     String description) {
        return into
            .string("type", task.type().name())
            .uint("progressPercent", task.progressPercent())
            .string("status", task.status().name())
            .string("additionalInfo", task.additionalInfo())
            .string("taskId", task.id())
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description);
    }
}
