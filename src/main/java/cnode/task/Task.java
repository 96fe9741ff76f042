package cnode.task;

/**
 * One task as it was last committed. Immutable: every change makes a new value through
 * {@link TaskEngine}, which commits it before anyone can read it.
 *
 * @param id                   26 characters of {@code [0-9A-Z]}
 * @param uniqueTransferId     the merchant's idempotency key, or null
 * @param fingerprint          digest of the starting call's parameters, for idempotency, or null
 * @param additionalInfo       a JSON object, {@code {}} at least
 * @param deadlineMs           when an unfinished task times out; 0 for never
 * @param finishedMs           when it reached a terminal status; 0 while unfinished
 * @param resumeStatus         the status interrupted by a restart, while WAITING_FOR_RESTART;
 *                             null in every other status
 * @param pastPointOfNoReturn  true once the registry was asked to commit a swap
 * @param callback             true when the client subscribed to status notifications
 */
public record Task(
    String id,
    TaskType type,
    TaskStatus status,
    int progressPercent,
    String additionalInfo,
    String uniqueTransferId,
    String fingerprint,
    long createdMs,
    long updatedMs,
    long deadlineMs,
    long finishedMs,
    TaskStatus resumeStatus,
    boolean pastPointOfNoReturn,
    boolean callback) {

    public Task {
        if (id == null || type == null || status == null || additionalInfo == null) {
            throw new IllegalArgumentException("a task needs an id, a type, a status and info");
        }
        if (progressPercent < 0 || progressPercent > 100) {
            throw new IllegalArgumentException("progress " + progressPercent + " out of range");
        }
        if (status.terminal() != (finishedMs != 0)) {
            throw new IllegalArgumentException("finishedMs must be set exactly when terminal");
        }
        boolean waiting = status == TaskStatus.WAITING_FOR_RESTART;
        if (waiting != (resumeStatus != null)
            || (waiting && !TaskTransitions.resumable(resumeStatus))) {
            throw new IllegalArgumentException("a task waiting for a restart, and only such a "
                + "task, names the unfinished status it resumes into, not " + resumeStatus);
        }
    }

    Task moved(TaskStatus to, int progress, String info, long nowMs) {
        TaskStatus resume = to == TaskStatus.WAITING_FOR_RESTART ? status : null;
        long finished = to.terminal() ? nowMs : 0;
        return new Task(id, type, to, progress, info, uniqueTransferId, fingerprint, createdMs,
            nowMs, deadlineMs, finished, resume, pastPointOfNoReturn, callback);
    }

    Task withPointOfNoReturn(long nowMs) {
        return new Task(id, type, status, progressPercent, additionalInfo, uniqueTransferId,
            fingerprint, createdMs, nowMs, deadlineMs, finishedMs, resumeStatus, true, callback);
    }

    Task withCallback(long nowMs) {
        return new Task(id, type, status, progressPercent, additionalInfo, uniqueTransferId,
            fingerprint, createdMs, nowMs, deadlineMs, finishedMs, resumeStatus,
            pastPointOfNoReturn, true);
    }
}
