package cnode.task;

/**
 * A filter over stored tasks, for {@code listTasks}. Null fields match everything. Pages follow
 * creation order; {@code afterCreatedMs}/{@code afterId} is the cursor (the last task of the
 * previous page), or 0/"" for the first page.
 */
public record TaskQuery(
    TaskType type,
    TaskStatus status,
    long fromMs,
    long toMs,
    long afterCreatedMs,
    String afterId,
    int limit) {

    public TaskQuery {
        if (limit <= 0 || afterId == null) {
            throw new IllegalArgumentException("a query needs a positive limit and a cursor");
        }
    }
}
