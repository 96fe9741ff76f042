package cnode.task;

import cnode.stdx.Ids;
import cnode.stdx.ManualClock;
import cnode.task.TaskEngine.Moved;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A task engine on a manual clock and the in-memory store, with every change it announced, for
 * the engine's tests. {@link #reach} drives a fresh task to any status through the engine's
 * public moves, never by writing a task by hand. Used from the test's thread, except the change
 * log, which any thread may append to.
 */
final class EngineRig {
    static final long START_MS = 1_700_000_000_000L;
    static final long TTL_MS = 60_000;
    static final long DEADLINE_MS = 10_000;
    static final TaskPolicy POLICY = new TaskPolicy(TTL_MS, DEADLINE_MS, 1_000, 100);

    final ManualClock clock = new ManualClock(START_MS);
    final MemoryTaskStore store;
    final TaskEngine engine;
    final ConcurrentLinkedQueue<Task> changes = new ConcurrentLinkedQueue<>();

    EngineRig() {
        this(new MemoryTaskStore(), POLICY);
    }

    EngineRig(MemoryTaskStore store, TaskPolicy policy) {
        this(store, policy, task -> null);
    }

    /** A rig whose engine asks {@code endings} for the record of a task ended without one. */
    EngineRig(MemoryTaskStore store, TaskPolicy policy, Function<Task, PaymentRecord> endings) {
        this.store = store;
        this.engine = new TaskEngine(store, Ids.secure(), policy, changes::add, endings);
    }

    long now() {
        return clock.nowMs();
    }

    Task create() {
        return engine.create(NewTask.of(TaskType.GIVE_MONEY), now()).task();
    }

    /** One move through the engine: a failure through fail(), anything else through advance. */
    Moved step(String taskId, TaskStatus to, int progressPercent) {
        if (to.failure()) {
            return engine.fail(taskId, to, "failed as the test asked", now());
        }
        return engine.advance(taskId, to, progressPercent, null, now());
    }

    /**
     * A new task driven to {@code target} (for WAITING_FOR_RESTART: interrupted in
     * {@code resume}) along a short legal path, each step checked to have moved.
     */
    Task reach(TaskStatus target, TaskStatus resume) {
        Task task = create();
        List<TaskStatus> path = target == TaskStatus.WAITING_FOR_RESTART
            ? new ArrayList<>(pathTo(resume)) : new ArrayList<>(pathTo(target));
        if (target == TaskStatus.WAITING_FOR_RESTART) {
            path.add(TaskStatus.WAITING_FOR_RESTART);
        }
        for (TaskStatus to : path) {
            int progress = to == TaskStatus.TRANSFERRING ? 30
                : to == TaskStatus.WAITING_FOR_VERIFICATION ? 40 : -1;
            Moved moved = step(task.id(), to, progress);
            if (!moved.moved()) {
                throw new AssertionError("could not reach " + target + ": " + moved.reason());
            }
            task = moved.task();
        }
        return task;
    }

    /** The moves from PREPARATION to {@code target}, empty for PREPARATION itself. */
    static List<TaskStatus> pathTo(TaskStatus target) {
        List<TaskStatus> toSeries = List.of(TaskStatus.SEARCHING,
            TaskStatus.WAITING_FOR_USER_DECISION, TaskStatus.SERIES_ACCEPTED);
        return switch (target) {
            case PREPARATION -> List.of();
            case SEARCHING -> List.of(TaskStatus.SEARCHING);
            case WAITING_FOR_USER_DECISION ->
                List.of(TaskStatus.SEARCHING, TaskStatus.WAITING_FOR_USER_DECISION);
            case WAITING_FOR_WRITE_PERMISSION -> List.of(TaskStatus.WAITING_FOR_WRITE_PERMISSION);
            case TRANSFERRING -> List.of(TaskStatus.TRANSFERRING);
            case WAITING_FOR_VERIFICATION ->
                List.of(TaskStatus.TRANSFERRING, TaskStatus.WAITING_FOR_VERIFICATION);
            case SERIES_ACCEPTED -> toSeries;
            case SERIES_FINISHED, FINISHED_REVOKED -> {
                List<TaskStatus> path = new ArrayList<>(toSeries);
                path.add(target);
                yield path;
            }
            case WAITING_FOR_RESTART ->
                throw new IllegalArgumentException("say which status the restart interrupted");
            default -> List.of(target);
        };
    }
}
