package cnode.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task state machine as the tests expect it, written as a scenario table and read by
 * {@link TaskTransitionsTest} (which holds the code to it, pair by pair) and by the property
 * test's reference model. It is deliberately written out by hand, not derived from
 * {@link TaskTransitions}.
 *
 * <p>The rules the table spells out: a terminal status ({@code FINISHED_*},
 * {@code SERIES_FINISHED}) has no exits; every unfinished status may end in every failure;
 * {@code SERIES_FINISHED} and {@code FINISHED_REVOKED} end only an accepted series, so they are
 * reached from {@code SERIES_ACCEPTED}, or from {@code WAITING_FOR_RESTART} when the restart
 * interrupted a {@code SERIES_ACCEPTED} (a series whose time runs out during a restart has still
 * finished, it has not failed). {@code WAITING_FOR_RESTART} has one row per interrupted status:
 * it may go back to that status, or anywhere that status may go, except to
 * {@code WAITING_FOR_RESTART} again.
 */
final class ExpectedTransitions {
    /** Rows: {@code from : exits}; "every failure" stands for all 25 FINISHED_ERR* statuses. */
    private static final String TABLE = """
        PREPARATION                  : SEARCHING, WAITING_FOR_WRITE_PERMISSION, TRANSFERRING,
                                       WAITING_FOR_RESTART, FINISHED_OK, every failure
        SEARCHING                    : WAITING_FOR_USER_DECISION, WAITING_FOR_WRITE_PERMISSION,
                                       TRANSFERRING, WAITING_FOR_RESTART, FINISHED_OK,
                                       every failure
        WAITING_FOR_USER_DECISION    : WAITING_FOR_WRITE_PERMISSION, TRANSFERRING,
                                       SERIES_ACCEPTED, WAITING_FOR_RESTART, FINISHED_OK,
                                       every failure
        WAITING_FOR_WRITE_PERMISSION : TRANSFERRING, WAITING_FOR_RESTART, FINISHED_OK,
                                       every failure
        TRANSFERRING                 : TRANSFERRING, WAITING_FOR_VERIFICATION,
                                       WAITING_FOR_RESTART, FINISHED_OK, every failure
        WAITING_FOR_VERIFICATION     : TRANSFERRING, WAITING_FOR_RESTART, FINISHED_OK,
                                       every failure
        SERIES_ACCEPTED              : SERIES_FINISHED, FINISHED_REVOKED, WAITING_FOR_RESTART,
                                       every failure
        WAITING_FOR_RESTART/PREPARATION : PREPARATION, SEARCHING, WAITING_FOR_WRITE_PERMISSION,
                                       TRANSFERRING, FINISHED_OK, every failure
        WAITING_FOR_RESTART/SEARCHING : SEARCHING, WAITING_FOR_USER_DECISION,
                                       WAITING_FOR_WRITE_PERMISSION, TRANSFERRING, FINISHED_OK,
                                       every failure
        WAITING_FOR_RESTART/WAITING_FOR_USER_DECISION : WAITING_FOR_USER_DECISION,
                                       WAITING_FOR_WRITE_PERMISSION, TRANSFERRING,
                                       SERIES_ACCEPTED, FINISHED_OK, every failure
        WAITING_FOR_RESTART/WAITING_FOR_WRITE_PERMISSION : WAITING_FOR_WRITE_PERMISSION,
                                       TRANSFERRING, FINISHED_OK, every failure
        WAITING_FOR_RESTART/TRANSFERRING : TRANSFERRING, WAITING_FOR_VERIFICATION, FINISHED_OK,
                                       every failure
        WAITING_FOR_RESTART/WAITING_FOR_VERIFICATION : WAITING_FOR_VERIFICATION, TRANSFERRING,
                                       FINISHED_OK, every failure
        WAITING_FOR_RESTART/SERIES_ACCEPTED : SERIES_ACCEPTED, SERIES_FINISHED,
                                       FINISHED_REVOKED, every failure
        SERIES_FINISHED                              : nothing
        FINISHED_OK                                  : nothing
        FINISHED_REVOKED                             : nothing
        FINISHED_ERR                                 : nothing
        FINISHED_ERR_USER_REJECTED                   : nothing
        FINISHED_ERR_TOO_OFTEN                       : nothing
        FINISHED_ERR_LOCKED                          : nothing
        FINISHED_ERR_USER_NOT_FOUND                  : nothing
        FINISHED_ERR_ITEM_NOT_FOUND                  : nothing
        FINISHED_ERR_NOT_FOUND                       : nothing
        FINISHED_ERR_INVALID_USERNAME                : nothing
        FINISHED_ERR_USER_NOT_AUTHENTICATED          : nothing
        FINISHED_ERR_INVALID_DATA                    : nothing
        FINISHED_ERR_INVALID_ACCOUNT_NUMBER          : nothing
        FINISHED_ERR_TIMEOUT                         : nothing
        FINISHED_ERR_SELLER_LIMITS_EXCEEDED          : nothing
        FINISHED_ERR_BUYER_LIMITS_EXCEEDED           : nothing
        FINISHED_ERR_CHANGE_MISMATCH                 : nothing
        FINISHED_ERR_COLLECTING_MONEX_AMOUNT         : nothing
        FINISHED_ERR_NOT_ENOUGH_MONEY                : nothing
        FINISHED_ERR_CANCELLED                       : nothing
        FINISHED_ERR_OUTDATED                        : nothing
        FINISHED_ERR_VERIFICATION_TIMEOUT            : nothing
        FINISHED_ERR_INTERNAL_ERROR                  : nothing
        FINISHED_ERR_SERIES_CONSTRAINTS_EXCEEDED     : nothing
        FINISHED_ERR_OUT_TRANSFERS_LIMIT_EXCEEDED    : nothing
        FINISHED_ERR_CANCELLED_DUE_TO_PREVIOUS_ERROR : nothing
        FINISHED_ERR_USER_TIMEOUT                    : nothing
        """;

    /** The statuses a restart can interrupt, i.e. the possible resumeStatus values. */
    static final List<TaskStatus> RESUMABLE = List.of(TaskStatus.PREPARATION,
        TaskStatus.SEARCHING, TaskStatus.WAITING_FOR_USER_DECISION,
        TaskStatus.WAITING_FOR_WRITE_PERMISSION, TaskStatus.TRANSFERRING,
        TaskStatus.WAITING_FOR_VERIFICATION, TaskStatus.SERIES_ACCEPTED);

    private static final Map<String, Set<TaskStatus>> ROWS = parse();

    private ExpectedTransitions() {}

    /** Every row's name: a status, or {@code WAITING_FOR_RESTART/<interrupted status>}. */
    static Set<String> rowNames() {
        return ROWS.keySet();
    }

    /** The exits of {@code from}; {@code resume} matters only for WAITING_FOR_RESTART. */
    static Set<TaskStatus> exits(TaskStatus from, TaskStatus resume) {
        String row = from == TaskStatus.WAITING_FOR_RESTART ? from + "/" + resume : from.name();
        Set<TaskStatus> exits = ROWS.get(row);
        if (exits == null) {
            throw new IllegalArgumentException("no row " + row + " in the expected table");
        }
        return exits;
    }

    static boolean legal(TaskStatus from, TaskStatus resume, TaskStatus to) {
        return exits(from, resume).contains(to);
    }

    /**
     * The reference statement of the progress rules: the progress a move to {@code to} must
     * carry, or null when the caller chooses one in 0..99 (and then it may not fall while the
     * task counts progress, which a task waiting for a restart does when its interrupted status
     * did).
     */
    static Integer forcedProgress(int progressNow, TaskStatus to) {
        if (to == TaskStatus.FINISHED_OK) {
            return 100;
        }
        if (to.terminal() || to == TaskStatus.WAITING_FOR_RESTART) {
            return progressNow;
        }
        return to == TaskStatus.TRANSFERRING || to == TaskStatus.WAITING_FOR_VERIFICATION
            ? null : 0;
    }

    static boolean progressAllowed(Task task, TaskStatus to, int progress) {
        Integer forced = forcedProgress(task.progressPercent(), to);
        if (forced != null) {
            return forced == progress;
        }
        TaskStatus counted = task.status() == TaskStatus.WAITING_FOR_RESTART
            ? task.resumeStatus() : task.status();
        boolean counts = counted == TaskStatus.TRANSFERRING
            || counted == TaskStatus.WAITING_FOR_VERIFICATION;
        return progress >= 0 && progress <= 99 && (!counts || progress >= task.progressPercent());
    }

    private static Map<String, Set<TaskStatus>> parse() {
        List<String> rows = new ArrayList<>();
        for (String line : TABLE.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                rows.set(rows.size() - 1, rows.getLast() + " " + line.strip());
            } else {
                rows.add(line.strip());
            }
        }
        Map<String, Set<TaskStatus>> parsed = new LinkedHashMap<>();
        for (String row : rows) {
            String[] sides = row.split(":", 2);
            String name = sides[0].strip();
            if (parsed.put(name, exitsOf(sides[1])) != null) {
                throw new IllegalStateException("row " + name + " appears twice");
            }
        }
        return Collections.unmodifiableMap(parsed);
    }

    private static Set<TaskStatus> exitsOf(String text) {
        EnumSet<TaskStatus> exits = EnumSet.noneOf(TaskStatus.class);
        for (String word : text.split(",")) {
            String exit = word.strip();
            if (exit.equals("nothing")) {
                continue;
            }
            if (exit.equals("every failure")) {
                for (TaskStatus status : TaskStatus.values()) {
                    if (status.name().startsWith("FINISHED_ERR")) {
                        exits.add(status);
                    }
                }
                continue;
            }
            TaskStatus status = TaskStatus.parse(exit);
            if (status == null) {
                throw new IllegalStateException("the expected table names no status " + exit);
            }
            exits.add(status);
        }
        return Collections.unmodifiableSet(exits);
    }
}
