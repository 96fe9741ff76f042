package cnode.task;

import static cnode.task.TaskStatus.FINISHED_OK;
import static cnode.task.TaskStatus.FINISHED_REVOKED;
import static cnode.task.TaskStatus.PREPARATION;
import static cnode.task.TaskStatus.SEARCHING;
import static cnode.task.TaskStatus.SERIES_ACCEPTED;
import static cnode.task.TaskStatus.SERIES_FINISHED;
import static cnode.task.TaskStatus.TRANSFERRING;
import static cnode.task.TaskStatus.WAITING_FOR_RESTART;
import static cnode.task.TaskStatus.WAITING_FOR_USER_DECISION;
import static cnode.task.TaskStatus.WAITING_FOR_VERIFICATION;
import static cnode.task.TaskStatus.WAITING_FOR_WRITE_PERMISSION;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one legal-transition table of the task state machine, and the rules on
 * {@code progressPercent} that go with it. {@link TaskEngine} consults it on every move; nothing
 * else changes a status. The diagram of this table is in {@code docs/ARCHITECTURE.md}; later
 * flows extend the table here, never around it.
 *
 * <p>Every unfinished status may end in any {@code FINISHED_ERR*} (a failure can strike at any
 * step, and a deadline or a restart can interrupt any step). Terminal statuses have no exits.
 * {@code SERIES_FINISHED} and {@code FINISHED_REVOKED} end only an accepted series.
 * {@code WAITING_FOR_RESTART} has no row of its own: a task waiting for a restart may go back to
 * the status the restart interrupted ({@code resumeStatus}), or anywhere that status may go (as
 * if resumed and moved at once), and its progress rules are those of that status. So a restart
 * never lets a task skip back to an earlier step, nor lose progress.
 * Immutable; safe from any thread.
 */
public final class TaskTransitions {
    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = table();

    private TaskTransitions() {}

    /** A decision on one requested move: allowed, or refused with the reason. */
    public record Verdict(boolean allowed, String reason) {
        static final Verdict ALLOWED = new Verdict(true, "");

        static Verdict refused(String reason) {
            return new Verdict(false, reason);
        }
    }

    /**
     * The statuses a task in {@code from} may move to next. For {@code WAITING_FOR_RESTART} the
     * answer depends on {@code resumeStatus}, the status the restart interrupted, which is
     * ignored for every other status.
     */
    public static Set<TaskStatus> next(TaskStatus from, TaskStatus resumeStatus) {
        if (from != WAITING_FOR_RESTART) {
            return NEXT.get(from);
        }
        if (!resumable(resumeStatus)) {
            throw new IllegalArgumentException("no task waits to resume into " + resumeStatus);
        }
        EnumSet<TaskStatus> exits = EnumSet.copyOf(NEXT.get(resumeStatus));
        exits.add(resumeStatus);
        exits.remove(WAITING_FOR_RESTART);
        return Collections.unmodifiableSet(exits);
    }

    /**
     * Checks a move of {@code task} to {@code to} with a new progress. The rules, in order: a
     * finished task never moves; the move must be in the table; progress is 0 before
     * TRANSFERRING, never falls during TRANSFERRING and WAITING_FOR_VERIFICATION, stays below 100
     * until FINISHED_OK (which is 100), and is kept unchanged by failures and restarts.
     */
    public static Verdict check(Task task, TaskStatus to, int progressPercent) {
        TaskStatus from = task.status();
        if (from.terminal()) {
            return Verdict.refused("task " + task.id() + " already finished as " + from);
        }
        if (!next(from, task.resumeStatus()).contains(to)) {
            String resume = from == WAITING_FOR_RESTART ? " (interrupted in "
                + task.resumeStatus() + ")" : "";
            return Verdict.refused("no move from " + from + resume + " to " + to);
        }
        String progressRefusal = progressRefusal(task, to, progressPercent);
        if (progressRefusal != null) {
            return Verdict.refused(progressRefusal);
        }
        return Verdict.ALLOWED;
    }

    /** The progress a move to {@code to} must carry, or null when the caller chooses it. */
    static Integer forcedProgress(Task task, TaskStatus to) {
        if (to == FINISHED_OK) {
            return 100;
        }
        if (to.terminal() || to == WAITING_FOR_RESTART) {
            return task.progressPercent();
        }
        if (!countsProgress(to)) {
            return 0;
        }
        return null;
    }

    private static String progressRefusal(Task task, TaskStatus to, int progressPercent) {
        Integer forced = forcedProgress(task, to);
        if (forced != null) {
            return forced == progressPercent ? null
                : "progress of a move to " + to + " must be " + forced + ", not " + progressPercent;
        }
        if (progressPercent < 0 || progressPercent > 99) {
            return "progress " + progressPercent + " is outside 0..99 before FINISHED_OK";
        }
        TaskStatus counted = task.status() == WAITING_FOR_RESTART
            ? task.resumeStatus() : task.status();
        if (countsProgress(counted) && progressPercent < task.progressPercent()) {
            return "progress may not fall from " + task.progressPercent() + " to "
                + progressPercent;
        }
        return null;
    }

    /** True when a task interrupted in {@code status} can wait for a restart and resume. */
    static boolean resumable(TaskStatus status) {
        return status != null && !status.terminal() && status != WAITING_FOR_RESTART;
    }

    private static boolean countsProgress(TaskStatus status) {
        return status == TRANSFERRING || status == WAITING_FOR_VERIFICATION;
    }

    private static Map<TaskStatus, Set<TaskStatus>> table() {
        EnumSet<TaskStatus> failures = EnumSet.noneOf(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            if (status.failure()) {
                failures.add(status);
            }
        }
        Map<TaskStatus, Set<TaskStatus>> next = new EnumMap<>(TaskStatus.class);
        put(next, failures, PREPARATION,
            SEARCHING, WAITING_FOR_WRITE_PERMISSION, TRANSFERRING, WAITING_FOR_RESTART,
            FINISHED_OK);
        put(next, failures, SEARCHING,
            WAITING_FOR_USER_DECISION, WAITING_FOR_WRITE_PERMISSION, TRANSFERRING,
            WAITING_FOR_RESTART, FINISHED_OK);
        put(next, failures, WAITING_FOR_USER_DECISION,
            WAITING_FOR_WRITE_PERMISSION, TRANSFERRING, SERIES_ACCEPTED, WAITING_FOR_RESTART,
            FINISHED_OK);
        put(next, failures, WAITING_FOR_WRITE_PERMISSION,
            TRANSFERRING, WAITING_FOR_RESTART, FINISHED_OK);
        put(next, failures, TRANSFERRING,
            TRANSFERRING, WAITING_FOR_VERIFICATION, WAITING_FOR_RESTART, FINISHED_OK);
        put(next, failures, WAITING_FOR_VERIFICATION,
            TRANSFERRING, WAITING_FOR_RESTART, FINISHED_OK);
        put(next, failures, SERIES_ACCEPTED,
            SERIES_FINISHED, FINISHED_REVOKED, WAITING_FOR_RESTART);
        for (TaskStatus status : TaskStatus.values()) {
            if (status.terminal()) {
                next.put(status, Collections.emptySet());
            }
        }
        return Collections.unmodifiableMap(next);
    }

    private static void put(Map<TaskStatus, Set<TaskStatus>> next, EnumSet<TaskStatus> failures,
                            TaskStatus from, TaskStatus... to) {
        EnumSet<TaskStatus> allowed = EnumSet.copyOf(failures);
        allowed.addAll(List.of(to));
        next.put(from, Collections.unmodifiableSet(allowed));
    }
}
