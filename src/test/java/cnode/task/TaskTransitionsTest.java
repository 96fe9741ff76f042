package cnode.task;

import static cnode.task.TaskStatus.FINISHED_ERR_TIMEOUT;
import static cnode.task.TaskStatus.FINISHED_OK;
import static cnode.task.TaskStatus.FINISHED_REVOKED;
import static cnode.task.TaskStatus.PREPARATION;
import static cnode.task.TaskStatus.SEARCHING;
import static cnode.task.TaskStatus.SERIES_ACCEPTED;
import static cnode.task.TaskStatus.SERIES_FINISHED;
import static cnode.task.TaskStatus.TRANSFERRING;
import static cnode.task.TaskStatus.WAITING_FOR_RESTART;
import static cnode.task.TaskStatus.WAITING_FOR_VERIFICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import cnode.task.TaskEngine.MoveOutcome;
import cnode.task.TaskEngine.Moved;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link TaskTransitions} and the engine's moves to the scenario table in
 * {@link ExpectedTransitions}, for every pair of the 36 statuses (and, for WAITING_FOR_RESTART,
 * every status a restart can interrupt), first as a static table and then driven through the
 * {@link TaskEngine}, and checks the progress rules.
 */
final class TaskTransitionsTest {

    /** A row of the table: a status, and for WAITING_FOR_RESTART the interrupted status. */
    private record From(TaskStatus status, TaskStatus resume) {
        @Override
        public String toString() {
            return resume == null ? status.name() : status + "/" + resume;
        }
    }

    private static List<From> everyFrom() {
        List<From> rows = new ArrayList<>();
        for (TaskStatus status : TaskStatus.values()) {
            if (status == WAITING_FOR_RESTART) {
                ExpectedTransitions.RESUMABLE.forEach(r -> rows.add(new From(status, r)));
            } else {
                rows.add(new From(status, null));
            }
        }
        return rows;
    }

    @Test
    void theExpectedTableHasOneRowPerStatusAndPerInterruptedStatus() {
        Set<String> expected = new HashSet<>();
        everyFrom().forEach(from -> expected.add(from.toString()));

        assertThat(TaskStatus.values()).hasSize(36);
        assertThat(ExpectedTransitions.rowNames()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyPairOfStatusesIsLegalExactlyWhenTheTableSaysSo() {
        List<String> wrong = new ArrayList<>();
        int pairs = 0;
        for (From from : everyFrom()) {
            Set<TaskStatus> exits = TaskTransitions.next(from.status(), from.resume());
            for (TaskStatus to : TaskStatus.values()) {
                pairs++;
                boolean expected = ExpectedTransitions.legal(from.status(), from.resume(), to);
                if (exits.contains(to) != expected) {
                    wrong.add(from + " -> " + to + " should be "
                        + (expected ? "legal" : "illegal"));
                }
            }
        }

        assertThat(pairs).isEqualTo((35 + 7) * 36);
        assertThat(wrong).isEmpty();
    }

    @Test
    void checkAllowsEveryPairWithRightProgressExactlyWhenTheTableSaysSo() {
        List<String> wrong = new ArrayList<>();
        for (From from : everyFrom()) {
            Task task = taskIn(from);
            for (TaskStatus to : TaskStatus.values()) {
                Integer forced = ExpectedTransitions.forcedProgress(task.progressPercent(), to);
                int progress = forced != null ? forced : task.progressPercent() + 1;
                boolean expected = ExpectedTransitions.legal(from.status(), from.resume(), to);
                TaskTransitions.Verdict verdict = TaskTransitions.check(task, to, progress);
                if (verdict.allowed() != expected) {
                    wrong.add(from + " -> " + to + ": " + verdict);
                }
                if (!verdict.allowed()) {
                    assertThat(verdict.reason()).isNotBlank();
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void terminalStatusesHaveNoExitsAndEveryUnfinishedStatusMayFail() {
        for (From from : everyFrom()) {
            Set<TaskStatus> exits = TaskTransitions.next(from.status(), from.resume());
            if (from.status().terminal()) {
                assertThat(exits).as("exits of %s", from).isEmpty();
            } else {
                Set<TaskStatus> failures = EnumSet.noneOf(TaskStatus.class);
                Arrays.stream(TaskStatus.values()).filter(TaskStatus::failure)
                    .forEach(failures::add);
                assertThat(failures).hasSize(25);
                assertThat(exits).as("exits of %s", from).containsAll(failures);
            }
        }
    }

    @Test
    void aSeriesEndsOnlyFromAnAcceptedSeriesOrARestartThatInterruptedOne() {
        Set<String> intoSeriesEnd = new HashSet<>();
        for (From from : everyFrom()) {
            Set<TaskStatus> exits = TaskTransitions.next(from.status(), from.resume());
            if (exits.contains(SERIES_FINISHED) || exits.contains(FINISHED_REVOKED)) {
                intoSeriesEnd.add(from.toString());
            }
        }

        assertThat(intoSeriesEnd).containsExactlyInAnyOrder(
            "SERIES_ACCEPTED", "WAITING_FOR_RESTART/SERIES_ACCEPTED");
    }

    @Test
    void progressIsZeroBeforeTransferring() {
        EngineRig rig = new EngineRig();
        Task task = rig.create();

        assertThat(task.progressPercent()).isZero();
        assertThat(rig.step(task.id(), SEARCHING, 5).outcome()).isEqualTo(MoveOutcome.REFUSED);
        assertThat(rig.step(task.id(), SEARCHING, 0).task().progressPercent()).isZero();
        assertThat(rig.step(task.id(), TRANSFERRING, 12).task().progressPercent()).isEqualTo(12);
    }

    @Test
    void progressNeverFallsDuringTransferringAndVerification() {
        EngineRig rig = new EngineRig();
        String id = rig.reach(TRANSFERRING, null).id();
        rig.step(id, TRANSFERRING, 50);

        assertThat(rig.step(id, TRANSFERRING, 49).moved()).isFalse();
        assertThat(rig.step(id, WAITING_FOR_VERIFICATION, 49).moved()).isFalse();
        assertThat(rig.step(id, TRANSFERRING, 50).moved()).isTrue();
        assertThat(rig.step(id, WAITING_FOR_VERIFICATION, 70).moved()).isTrue();
        assertThat(rig.step(id, TRANSFERRING, 69).moved()).isFalse();
        assertThat(rig.step(id, TRANSFERRING, 100).moved()).isFalse();
        assertThat(rig.engine.find(id, rig.now()).orElseThrow().progressPercent()).isEqualTo(70);
    }

    @Test
    void progressIsHundredAtFinishedOkOnly() {
        EngineRig rig = new EngineRig();
        String id = rig.reach(TRANSFERRING, null).id();

        assertThat(rig.step(id, FINISHED_OK, 99).moved()).isFalse();
        assertThat(rig.step(id, FINISHED_OK, 100).task().progressPercent()).isEqualTo(100);
        String other = rig.create().id();
        assertThat(rig.step(other, FINISHED_OK, -1).task().progressPercent()).isEqualTo(100);
    }

    @Test
    void failuresRestartsAndResumesKeepProgress() {
        EngineRig rig = new EngineRig();
        String id = rig.reach(TRANSFERRING, null).id();
        rig.step(id, TRANSFERRING, 40);

        assertThat(rig.step(id, WAITING_FOR_RESTART, 0).moved()).isFalse();
        Task waiting = rig.step(id, WAITING_FOR_RESTART, -1).task();
        assertThat(waiting.progressPercent()).isEqualTo(40);
        assertThat(rig.step(id, TRANSFERRING, 39).moved()).isFalse();
        assertThat(rig.engine.resume(id, rig.now()).task().progressPercent()).isEqualTo(40);
        assertThat(rig.step(id, FINISHED_ERR_TIMEOUT, 0).task().progressPercent()).isEqualTo(40);
    }

    @Test
    void aRestartNeverSendsATaskBackToAnEarlierStep() {
        EngineRig rig = new EngineRig();
        String id = rig.reach(WAITING_FOR_RESTART, TRANSFERRING).id();

        Moved back = rig.step(id, PREPARATION, 0);

        assertThat(back.outcome()).isEqualTo(MoveOutcome.REFUSED);
        assertThat(back.reason()).contains("interrupted in TRANSFERRING");
    }

    @Test
    void everyLegalMoveMovesThroughTheEngine() {
        List<String> wrong = new ArrayList<>();
        for (From from : everyFrom()) {
            EngineRig rig = bigRig();
            for (TaskStatus to : TaskStatus.values()) {
                if (!ExpectedTransitions.legal(from.status(), from.resume(), to)) {
                    continue;
                }
                Task task = rig.reach(from.status(), from.resume());
                Moved moved = rig.step(task.id(), to, progressFor(task, to));
                Optional<Task> stored = rig.store.find(task.id());
                if (!moved.moved() || stored.isEmpty() || stored.get().status() != to
                    || !stored.equals(rig.engine.find(task.id(), rig.now()))) {
                    wrong.add(from + " -> " + to + ": " + moved.reason());
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void everyIllegalMoveIsRefusedAndLeavesTheTaskAsItWas() {
        List<String> wrong = new ArrayList<>();
        int refused = 0;
        for (From from : everyFrom()) {
            EngineRig rig = bigRig();
            for (TaskStatus to : TaskStatus.values()) {
                if (ExpectedTransitions.legal(from.status(), from.resume(), to)) {
                    continue;
                }
                Task before = rig.reach(from.status(), from.resume());
                int changes = rig.changes.size();
                Moved moved = rig.step(before.id(), to, progressFor(before, to));
                refused++;
                if (moved.outcome() != MoveOutcome.REFUSED
                    || !rig.store.find(before.id()).equals(Optional.of(before))
                    || !rig.engine.find(before.id(), rig.now()).equals(Optional.of(before))
                    || rig.changes.size() != changes) {
                    wrong.add(from + " -> " + to + ": " + moved);
                }
            }
        }

        assertThat(refused).isGreaterThan(1_000);
        assertThat(wrong).isEmpty();
    }

    private static EngineRig bigRig() {
        return new EngineRig(new MemoryTaskStore(),
            new TaskPolicy(EngineRig.TTL_MS, EngineRig.DEADLINE_MS, 100_000, 100));
    }

    /** A progress the rules accept for a move to {@code to}, where any would do. */
    private static int progressFor(Task task, TaskStatus to) {
        Integer forced = ExpectedTransitions.forcedProgress(task.progressPercent(), to);
        return forced != null ? -1 : task.progressPercent() + 5;
    }

    /** A task value in {@code from}, for the static checks (the engine is not involved). */
    private static Task taskIn(From from) {
        TaskStatus counted = from.resume() != null ? from.resume() : from.status();
        int progress = counted == TRANSFERRING || counted == WAITING_FOR_VERIFICATION ? 40 : 0;
        if (from.status() == FINISHED_OK) {
            progress = 100;
        }
        long finished = from.status().terminal() ? 2 : 0;
        return new Task("T".repeat(26), TaskType.MONEY_COLLECT_SERIES, from.status(), progress,
            "{}", null, null, 1, 2, 0, finished, from.resume(), false, false);
    }

    @Test
    void theStaticTableRefusesAWaitingRowWithoutAnInterruptedStatus() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> TaskTransitions.next(WAITING_FOR_RESTART, null));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> TaskTransitions.next(WAITING_FOR_RESTART, SERIES_FINISHED));
        assertThat(TaskTransitions.next(SERIES_ACCEPTED, null)).contains(SERIES_FINISHED);
    }
}
