package cnode.task;

/**
 * The task engine's limits, from the command line ({@code --task-ttl}, {@code --task-deadline},
 * {@code --tasks-live-max}, {@code --task-cache-max}). Validated here, once, at start-up: a bad
 * value refuses to start.
 *
 * @param ttlMs             how long a finished task stays readable after it finished
 * @param deadlineMs        how long an unfinished task may run before FINISHED_ERR_TIMEOUT
 * @param liveTasksMax      unfinished tasks held at once; creation beyond it is refused
 * @param forgetBatchMax    expired tasks forgotten per sweep, so one sweep stays short
 * @param finishedCacheMax  finished tasks kept in memory for reads (0: none, every read of a
 *                          finished task goes to the store)
 */
public record TaskPolicy(long ttlMs, long deadlineMs, int liveTasksMax, int forgetBatchMax,
                         int finishedCacheMax) {
    /** The default number of finished tasks kept in memory: about 25 MB at most. */
    public static final int FINISHED_CACHE_DEFAULT = 65_536;

    public TaskPolicy {
        if (ttlMs <= 0 || deadlineMs <= 0 || liveTasksMax <= 0 || forgetBatchMax <= 0
            || finishedCacheMax < 0) {
            throw new IllegalArgumentException("task limits must be positive");
        }
    }

    /** Limits with the default cache of finished tasks. */
    public TaskPolicy(long ttlMs, long deadlineMs, int liveTasksMax, int forgetBatchMax) {
        this(ttlMs, deadlineMs, liveTasksMax, forgetBatchMax, FINISHED_CACHE_DEFAULT);
    }

    /** The contract's defaults: 24 h TTL, 15 min deadline. */
    public static TaskPolicy defaults() {
        return new TaskPolicy(24L * 3_600_000L, 15L * 60_000L, 100_000, 1_000);
    }
}
