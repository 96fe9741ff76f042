package cnode.api;

import cnode.soap.SoapStruct;
import cnode.task.TaskEngine;
import java.time.Instant;

/**
 * The reply to starting a payment task, shared by the payment operations: the task's id for a
 * new task and for a repeat of the same call (the uniqueTransferId rule of contract §4), or
 * ERR_INVALID_TRANSFER_ID saying when the id was used, or a technical problem when the node
 * holds as many unfinished tasks as it may. Stateless.
 */
final class PaymentStarts {
    private PaymentStarts() {}

    static SoapStruct reply(TaskEngine.Created created) {
        return switch (created.outcome()) {
            case CREATED -> Replies.taskId(RequestStatus.SUCCESS,
                RequestStatus.SUCCESS.description(), created.task().id());
            case REPEATED -> Replies.taskId(RequestStatus.SUCCESS, "Request succeeded. The "
                + "same uniqueTransferId with the same parameters: the task started then.",
                created.task().id());
            case TRANSFER_ID_CONFLICT -> Replies.noTask(RequestStatus.ERR_INVALID_TRANSFER_ID,
                "This uniqueTransferId was used on " + used(created) + " for a call with other "
                    + "parameters.");
            case TRANSFER_ID_EXPIRED -> Replies.noTask(RequestStatus.ERR_INVALID_TRANSFER_ID,
                "This uniqueTransferId was used on " + used(created) + " by a task that has "
                    + "expired.");
            case TOO_MANY_TASKS -> Replies.noTask(RequestStatus.ERR_TECHNICAL_PROBLEM,
                "The node runs as many tasks as it may; try again shortly.");
        };
    }

    private static String used(TaskEngine.Created created) {
        return created.earlier() == null ? "an earlier day"
            : Instant.ofEpochMilli(created.earlier().usedMs()).toString();
    }
}
