package cnode.api;

import cnode.soap.SoapStruct;
import cnode.task.Task;
import cnode.task.TaskEngine;
import java.util.Optional;

/**
 * Finds the task a call names by {@code taskId} and {@code uniqueTransferId}, in the order
 * contract §4 fixes for getTaskStatus (and the same for waitForTask): a malformed id, an
 * unknown or expired id, a transfer id that belongs to another task, a lookup by transfer id
 * alone, and neither given. The answer is either the task or the error reply to send.
 */
final class TaskLookup {
    private TaskLookup() {}

    /** Exactly one of the two is set. */
    record Found(Task task, SoapStruct error) {
        static Found error(RequestStatus code, String description) {
            return new Found(null, TaskStatusReply.error(code, description));
        }
    }

    static Found find(TaskEngine engine, String taskId, String transferId, long nowMs) {
        if (!taskId.isEmpty()) {
            if (!Params.wellFormedTaskId(taskId)) {
                return Found.error(RequestStatus.ERR_INVALID_TASK_ID,
                    "A task id is 1 to 64 letters and digits; this one is not.");
            }
            Optional<Task> task = engine.find(taskId, nowMs);
            if (task.isEmpty()) {
                return Found.error(RequestStatus.ERR_TASK_DOES_NOT_EXIST,
                    RequestStatus.ERR_TASK_DOES_NOT_EXIST.description());
            }
            String own = task.get().uniqueTransferId();
            if (own != null && !transferId.isEmpty() && !own.equals(transferId)) {
                return Found.error(RequestStatus.ERR_INVALID_TRANSFER_ID,
                    "This task was started with another uniqueTransferId.");
            }
            return new Found(task.get(), null);
        }
        if (transferId.isEmpty()) {
            return Found.error(RequestStatus.ERR_INVALID_TASK_ID,
                "Give a taskId, or a uniqueTransferId to find the task it started.");
        }
        return engine.findByTransferId(transferId, nowMs)
            .map(task -> new Found(task, null))
            .orElseGet(() -> Found.error(RequestStatus.ERR_TASK_DOES_NOT_EXIST,
                "No task of this node was started with this uniqueTransferId, or it expired."));
    }
}
