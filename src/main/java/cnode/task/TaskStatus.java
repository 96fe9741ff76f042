package cnode.task;

/**
 * All 36 task statuses of the documentation, in its order. A status is terminal when the task
 * can no longer change: every {@code FINISHED_*} and {@code SERIES_FINISHED}. Which moves between
 * them are legal is decided in one place, {@link TaskTransitions}.
 */
public enum TaskStatus {
    PREPARATION,
    SEARCHING,
    WAITING_FOR_USER_DECISION,
    WAITING_FOR_VERIFICATION,
    WAITING_FOR_WRITE_PERMISSION,
    SERIES_ACCEPTED,
    TRANSFERRING,
    WAITING_FOR_RESTART,
    SERIES_FINISHED,
    FINISHED_OK,
    FINISHED_REVOKED,
    FINISHED_ERR,
    FINISHED_ERR_USER_REJECTED,
    FINISHED_ERR_TOO_OFTEN,
    FINISHED_ERR_LOCKED,
    FINISHED_ERR_USER_NOT_FOUND,
    FINISHED_ERR_ITEM_NOT_FOUND,
    FINISHED_ERR_NOT_FOUND,
    FINISHED_ERR_INVALID_USERNAME,
    FINISHED_ERR_USER_NOT_AUTHENTICATED,
    FINISHED_ERR_INVALID_DATA,
    FINISHED_ERR_INVALID_ACCOUNT_NUMBER,
    FINISHED_ERR_TIMEOUT,
    FINISHED_ERR_SELLER_LIMITS_EXCEEDED,
    FINISHED_ERR_BUYER_LIMITS_EXCEEDED,
    FINISHED_ERR_CHANGE_MISMATCH,
    FINISHED_ERR_COLLECTING_MONEX_AMOUNT,
    FINISHED_ERR_NOT_ENOUGH_MONEY,
    FINISHED_ERR_CANCELLED,
    FINISHED_ERR_OUTDATED,
    FINISHED_ERR_VERIFICATION_TIMEOUT,
    FINISHED_ERR_INTERNAL_ERROR,
    FINISHED_ERR_SERIES_CONSTRAINTS_EXCEEDED,
    FINISHED_ERR_OUT_TRANSFERS_LIMIT_EXCEEDED,
    FINISHED_ERR_CANCELLED_DUE_TO_PREVIOUS_ERROR,
    FINISHED_ERR_USER_TIMEOUT;

    /** True when no further change is possible. */
    public boolean terminal() {
        return this == SERIES_FINISHED || name().startsWith("FINISHED_");
    }

    /** True for the {@code FINISHED_ERR*} outcomes, which carry an error in additionalInfo. */
    public boolean failure() {
        return name().startsWith("FINISHED_ERR");
    }

    /** The status named {@code text}, or null when there is none (names are case-sensitive). */
    public static TaskStatus parse(String text) {
        for (TaskStatus status : values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        return null;
    }
}
