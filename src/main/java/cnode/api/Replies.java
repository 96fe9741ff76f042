package cnode.api;

import cnode.soap.SoapStruct;

/**
 * The two reply shapes most operations share: a bare status ({@code requestStatus},
 * {@code requestStatusDescription}) and a started task ({@code vuiSoapTaskIdResponse}, the
 * documentation's type for every asynchronous answer). On an error the task id is empty.
 */
final class Replies {
    static final WireType STATUS = WireType.struct("vuiSoapStatusResponse",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");
    static final WireType TASK_ID = WireType.struct("vuiSoapTaskIdResponse",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string",
        "taskId", "xsd:string");

    private Replies() {}

    static SoapStruct status(RequestStatus code, String description) {
        return new SoapStruct(null)
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description);
    }

    static SoapStruct status(RequestStatus code) {
        return status(code, code.description());
    }

    static SoapStruct taskId(RequestStatus code, String description, String taskId) {
        return new SoapStruct(TASK_ID.name())
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description)
            .string("taskId", taskId);
    }

    /** A refused start: the code and its sentence, no task. */
    static SoapStruct noTask(RequestStatus code, String description) {
        return taskId(code, description, "");
    }
}
