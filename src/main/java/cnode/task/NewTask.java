package cnode.task;

/**
 * What an operation asks the engine to start.
 *
 * @param uniqueTransferId  the idempotency key, or null
 * @param fingerprint       a digest of the call's parameters; the same key with another
 *                          fingerprint is a conflict, not a retry
 * @param additionalInfo    the task's first additionalInfo, a JSON object
 * @param deadlineAfterMs   null for the node's {@code --task-deadline}, 0 for no deadline (a
 *                          series without a duration), or a positive span
 * @param callback          true to subscribe to status notifications
 */
public record NewTask(
    TaskType type,
    String uniqueTransferId,
    String fingerprint,
    String additionalInfo,
    Long deadlineAfterMs,
    boolean callback) {

    public NewTask {
        if (type == null || additionalInfo == null) {
            throw new IllegalArgumentException("a new task needs a type and info");
        }
        if (deadlineAfterMs != null && deadlineAfterMs < 0) {
            throw new IllegalArgumentException("a deadline span cannot be negative");
        }
    }

    /** A task with the node's deadline, no key and empty info. */
    public static NewTask of(TaskType type) {
        return new NewTask(type, null, null, "{}", null, false);
    }
}
