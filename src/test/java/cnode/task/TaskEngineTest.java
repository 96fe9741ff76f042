package cnode.task;

import static cnode.task.TaskStatus.FINISHED_ERR_CANCELLED;
import static cnode.task.TaskStatus.FINISHED_ERR_NOT_ENOUGH_MONEY;
import static cnode.task.TaskStatus.FINISHED_ERR_TIMEOUT;
import static cnode.task.TaskStatus.FINISHED_OK;
import static cnode.task.TaskStatus.PREPARATION;
import static cnode.task.TaskStatus.SEARCHING;
import static cnode.task.TaskStatus.SERIES_ACCEPTED;
import static cnode.task.TaskStatus.SERIES_FINISHED;
import static cnode.task.TaskStatus.TRANSFERRING;
import static cnode.task.TaskStatus.WAITING_FOR_RESTART;
import static cnode.task.TaskStatus.WAITING_FOR_USER_DECISION;
import static cnode.task.TaskStatus.WAITING_FOR_VERIFICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.task.TaskEngine.CancelOutcome;
import cnode.task.TaskEngine.Created;
import cnode.task.TaskEngine.MoveOutcome;
import cnode.task.TaskEngine.Moved;
import cnode.task.TaskEngine.Outcome;
import cnode.task.TaskStore.StoreFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The task engine's rules, on a manual clock and the in-memory store: ids, idempotency on
 * uniqueTransferId, deadlines, TTL, cancel, recovery, additionalInfo, change order, limits and
 * store failures. Each test checks outcomes and the state left in the store.
 */
final class TaskEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static NewTask keyed(String key, String fingerprint) {
        return new NewTask(TaskType.GIVE_MONEY, key, fingerprint, "{\"amount\":5}", null, false);
    }

    @Test
    void idsAreTwentySixCharactersOfDigitsAndCapitalsAndUnique() {
        EngineRig rig = new EngineRig();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            ids.add(rig.create().id());
        }

        assertThat(ids).hasSize(500).allMatch(id -> id.matches("[0-9A-Z]{26}"));
    }

    @Test
    void aNewTaskIsCommittedInPreparationWithTheNodeDeadline() {
        EngineRig rig = new EngineRig();

        Created created = rig.engine.create(keyed("k1", "fp"), rig.now());

        Task task = created.task();
        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(task.status()).isEqualTo(PREPARATION);
        assertThat(task.deadlineMs()).isEqualTo(rig.now() + EngineRig.DEADLINE_MS);
        assertThat(rig.store.find(task.id())).contains(task);
        assertThat(rig.store.findTransferId("k1").orElseThrow().taskId()).isEqualTo(task.id());
        assertThat(rig.changes).containsExactly(task);
    }

    @Test
    void theSameKeyAndParametersRepeatTheTaskWithoutWriting() {
        EngineRig rig = new EngineRig();
        Task first = rig.engine.create(keyed("k1", "fp"), rig.now()).task();
        int writes = rig.store.writes();
        rig.clock.advanceMs(1_000);

        Created again = rig.engine.create(keyed("k1", "fp"), rig.now());

        assertThat(again.outcome()).isEqualTo(Outcome.REPEATED);
        assertThat(again.task()).isEqualTo(first);
        assertThat(rig.store.writes()).isEqualTo(writes);
        assertThat(rig.engine.liveCount()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithOtherParametersIsAConflict() {
        EngineRig rig = new EngineRig();
        long usedMs = rig.now();
        Task first = rig.engine.create(keyed("k1", "fp"), usedMs).task();

        Created other = rig.engine.create(keyed("k1", "other"), usedMs + 5);
        Created otherType = rig.engine.create(
            new NewTask(TaskType.REQUEST_PAYMENT, "k1", "fp", "{}", null, false), usedMs + 5);

        assertThat(other.outcome()).isEqualTo(Outcome.TRANSFER_ID_CONFLICT);
        assertThat(other.task()).isNull();
        assertThat(other.earlier().taskId()).isEqualTo(first.id());
        assertThat(other.earlier().usedMs()).isEqualTo(usedMs);
        assertThat(otherType.outcome()).isEqualTo(Outcome.TRANSFER_ID_CONFLICT);
        assertThat(rig.store.writes()).isEqualTo(1);
    }

    @Test
    void aKeyWhoseTaskExpiredAnswersExpiredWithTheEarlierUse() {
        EngineRig rig = new EngineRig();
        long usedMs = rig.now();
        Task task = rig.engine.create(keyed("k1", "fp"), usedMs).task();
        rig.step(task.id(), FINISHED_OK, -1);
        rig.clock.advanceMs(EngineRig.TTL_MS);

        Created late = rig.engine.create(keyed("k1", "fp"), rig.now());

        assertThat(late.outcome()).isEqualTo(Outcome.TRANSFER_ID_EXPIRED);
        assertThat(late.task()).isNull();
        assertThat(late.earlier().usedMs()).isEqualTo(usedMs);
        assertThat(late.earlier().taskId()).isEqualTo(task.id());
    }

    @Test
    void concurrentCreatesWithOneKeyMakeExactlyOneTask() throws Exception {
        EngineRig rig = new EngineRig();
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Created>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return rig.engine.create(keyed("shared", "fp"), rig.now());
                }));
            }
            start.countDown();
        }
        List<Created> created = new ArrayList<>();
        for (Future<Created> answer : answers) {
            created.add(answer.get());
        }

        assertThat(created).filteredOn(c -> c.outcome() == Outcome.CREATED).hasSize(1);
        assertThat(created).filteredOn(c -> c.outcome() == Outcome.REPEATED)
            .hasSize(threads - 1);
        assertThat(created).extracting(c -> c.task().id()).containsOnly(
            created.getFirst().task().id());
        assertThat(rig.store.writes()).isEqualTo(1);
    }

    @Test
    void tickEndsATaskAtItsDeadlineAndNotBefore() {
        EngineRig rig = new EngineRig();
        Task task = rig.create();

        rig.clock.advanceMs(EngineRig.DEADLINE_MS - 1);
        assertThat(rig.engine.tick(rig.now())).isZero();
        assertThat(rig.engine.find(task.id(), rig.now()).orElseThrow().status())
            .isEqualTo(PREPARATION);

        rig.clock.advanceMs(1);
        assertThat(rig.engine.tick(rig.now())).isEqualTo(1);
        Task ended = rig.store.find(task.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(FINISHED_ERR_TIMEOUT);
        assertThat(ended.finishedMs()).isEqualTo(rig.now());
        assertThat(error(ended).get("code").asText()).isEqualTo("FINISHED_ERR_TIMEOUT");
        assertThat(rig.engine.liveCount()).isZero();
    }

    @Test
    void aTaskWithoutADeadlineNeverTimesOut() {
        EngineRig rig = new EngineRig();
        Task task = rig.engine.create(
            new NewTask(TaskType.MONEY_COLLECT_SERIES, null, null, "{}", 0L, false), rig.now())
            .task();
        rig.clock.advanceMs(365L * 86_400_000L);

        assertThat(rig.engine.tick(rig.now())).isZero();
        assertThat(task.deadlineMs()).isZero();
        assertThat(rig.engine.find(task.id(), rig.now()).orElseThrow().status())
            .isEqualTo(PREPARATION);
    }

    @Test
    void aTaskWaitingForARestartAlsoTimesOut() {
        EngineRig rig = new EngineRig();
        Task task = rig.reach(WAITING_FOR_RESTART, SEARCHING);
        rig.clock.advanceMs(EngineRig.DEADLINE_MS);

        rig.engine.tick(rig.now());

        assertThat(rig.store.find(task.id()).orElseThrow().status())
            .isEqualTo(FINISHED_ERR_TIMEOUT);
    }

    @Test
    void anAcceptedSeriesThatUsedUpItsTimeFinishesEvenDuringARestart() {
        EngineRig rig = new EngineRig();
        Task accepted = rig.reach(SERIES_ACCEPTED, null);
        Task waiting = rig.reach(WAITING_FOR_RESTART, SERIES_ACCEPTED);
        Task undecided = rig.reach(WAITING_FOR_USER_DECISION, null);
        rig.clock.advanceMs(EngineRig.DEADLINE_MS);

        assertThat(rig.engine.tick(rig.now())).isEqualTo(3);

        assertThat(rig.store.find(accepted.id()).orElseThrow().status())
            .isEqualTo(SERIES_FINISHED);
        assertThat(rig.store.find(waiting.id()).orElseThrow().status())
            .isEqualTo(SERIES_FINISHED);
        assertThat(rig.store.find(undecided.id()).orElseThrow().status())
            .isEqualTo(FINISHED_ERR_TIMEOUT);
    }

    @Test
    void theDeadlineLeavesATaskPastItsPointOfNoReturnToItsFlow() {
        EngineRig rig = new EngineRig();
        Task task = rig.reach(WAITING_FOR_VERIFICATION, null);
        rig.engine.passPointOfNoReturn(task.id(), rig.now());
        rig.clock.advanceMs(EngineRig.DEADLINE_MS * 2);

        assertThat(rig.engine.tick(rig.now())).isZero();

        assertThat(rig.store.find(task.id()).orElseThrow().status())
            .isEqualTo(WAITING_FOR_VERIFICATION);
        assertThat(rig.step(task.id(), FINISHED_OK, -1).moved()).isTrue();
    }

    @Test
    void aFinishedTaskIsReadableUntilItsTtlThenForgottenWhileItsKeyStays() {
        EngineRig rig = new EngineRig();
        Task task = rig.engine.create(keyed("k1", "fp"), rig.now()).task();
        rig.clock.advanceMs(100);
        long finishedMs = rig.now();
        rig.step(task.id(), FINISHED_OK, -1);

        rig.clock.advanceMs(EngineRig.TTL_MS - 1);
        assertThat(rig.engine.find(task.id(), rig.now())).isPresent();
        assertThat(rig.engine.findByTransferId("k1", rig.now())).isPresent();
        assertThat(rig.engine.tick(rig.now())).isZero();

        rig.clock.advanceMs(1);
        assertThat(rig.engine.find(task.id(), rig.now())).isEmpty();
        assertThat(rig.engine.findByTransferId("k1", rig.now())).isEmpty();
        assertThat(rig.store.find(task.id())).isPresent();

        assertThat(rig.engine.tick(rig.now())).isEqualTo(1);
        assertThat(rig.store.find(task.id())).isEmpty();
        assertThat(rig.engine.transferId("k1").orElseThrow().taskId()).isEqualTo(task.id());
        assertThat(rig.now() - finishedMs).isEqualTo(EngineRig.TTL_MS);
    }

    @Test
    void oneTickForgetsAtMostOneBatch() {
        EngineRig rig = new EngineRig(new MemoryTaskStore(),
            new TaskPolicy(EngineRig.TTL_MS, EngineRig.DEADLINE_MS, 1_000, 3));
        for (int i = 0; i < 7; i++) {
            rig.step(rig.create().id(), FINISHED_OK, -1);
        }
        rig.clock.advanceMs(EngineRig.TTL_MS);

        assertThat(rig.engine.tick(rig.now())).isEqualTo(3);
        assertThat(rig.engine.tick(rig.now())).isEqualTo(3);
        assertThat(rig.engine.tick(rig.now())).isEqualTo(1);
        assertThat(rig.engine.tick(rig.now())).isZero();
    }

    @Test
    void cancelBeforeThePointOfNoReturnEndsTheTaskWithAnError() throws Exception {
        EngineRig rig = new EngineRig();
        Task task = rig.reach(TRANSFERRING, null);

        assertThat(rig.engine.cancel(task.id(), rig.now())).isEqualTo(CancelOutcome.CANCELLED);

        Task cancelled = rig.store.find(task.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(FINISHED_ERR_CANCELLED);
        assertThat(cancelled.progressPercent()).isEqualTo(task.progressPercent());
        JsonNode error = error(cancelled);
        assertThat(error.get("code").asText()).isEqualTo("FINISHED_ERR_CANCELLED");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(rig.engine.cancel(task.id(), rig.now()))
            .isEqualTo(CancelOutcome.NOT_CANCELLABLE);
    }

    @Test
    void cancelAfterThePointOfNoReturnIsRefusedAndChangesNothing() {
        EngineRig rig = new EngineRig();
        Task task = rig.reach(TRANSFERRING, null);
        Task past = rig.engine.passPointOfNoReturn(task.id(), rig.now()).task();

        assertThat(rig.engine.cancel(task.id(), rig.now()))
            .isEqualTo(CancelOutcome.NOT_CANCELLABLE);
        assertThat(rig.store.find(task.id())).contains(past);
        assertThat(past.pastPointOfNoReturn()).isTrue();
    }

    @Test
    void cancelOfAnUnknownTaskSaysSo() {
        EngineRig rig = new EngineRig();

        assertThat(rig.engine.cancel("0".repeat(26), rig.now()))
            .isEqualTo(CancelOutcome.UNKNOWN_TASK);
    }

    @Test
    void thePointOfNoReturnIsPassedOnlyWithASwapUnderWayAndOnlyOnce() {
        EngineRig rig = new EngineRig();
        Task early = rig.reach(SEARCHING, null);
        Task swapping = rig.reach(TRANSFERRING, null);

        Moved refused = rig.engine.passPointOfNoReturn(early.id(), rig.now());
        Moved passed = rig.engine.passPointOfNoReturn(swapping.id(), rig.now());
        int changes = rig.changes.size();
        Moved again = rig.engine.passPointOfNoReturn(swapping.id(), rig.now() + 5);

        assertThat(refused.outcome()).isEqualTo(MoveOutcome.REFUSED);
        assertThat(rig.store.find(early.id())).contains(early);
        assertThat(passed.task().pastPointOfNoReturn()).isTrue();
        assertThat(again.task()).isEqualTo(passed.task());
        assertThat(rig.changes).hasSize(changes);
        assertThat(rig.engine.passPointOfNoReturn("Z".repeat(26), rig.now()).outcome())
            .isEqualTo(MoveOutcome.UNKNOWN_TASK);
    }

    @Test
    void aBackgroundMoveShowsOnceCommittedAndTheNextMoveStartsFromIt() {
        EngineRig rig = new EngineRig();
        Task task = rig.create();
        int changes = rig.changes.size();
        int writes = rig.store.writes();
        rig.store.holdBackground();

        Moved searching = rig.engine.advanceInBackground(task.id(), SEARCHING, -1, null,
            rig.now());
        Moved deciding = rig.engine.advanceInBackground(task.id(), WAITING_FOR_USER_DECISION,
            -1, null, rig.now());

        assertThat(searching.moved()).isTrue();
        assertThat(deciding.moved()).as("checked against SEARCHING, not yet committed").isTrue();
        assertThat(rig.engine.find(task.id(), rig.now()).orElseThrow().status())
            .as("readers see only what is committed").isEqualTo(PREPARATION);
        assertThat(rig.store.find(task.id()).orElseThrow().status()).isEqualTo(PREPARATION);
        assertThat(rig.changes).hasSize(changes);
        assertThat(rig.store.writes()).as("nothing written before the tick").isEqualTo(writes);

        rig.engine.tick(rig.now());
        assertThat(rig.engine.find(task.id(), rig.now()).orElseThrow().status())
            .as("queued by the tick, not committed yet").isEqualTo(PREPARATION);
        rig.store.releaseBackground(false);
        assertThat(rig.engine.find(task.id(), rig.now()).orElseThrow().status())
            .isEqualTo(WAITING_FOR_USER_DECISION);
        assertThat(rig.changes).as("only the latest of the two steps was written")
            .extracting(Task::status).endsWith(PREPARATION, WAITING_FOR_USER_DECISION);
        assertThat(rig.store.writes()).isEqualTo(writes + 1);
        assertThat(rig.engine.cancel(task.id(), rig.now())).isEqualTo(CancelOutcome.CANCELLED);
    }

    @Test
    void aForegroundWriteCommitsAfterTheBackgroundOnesAndAFailedOneIsCarriedByTheNext() {
        EngineRig rig = new EngineRig();
        Task task = rig.create();
        rig.store.holdBackground();
        rig.engine.advanceInBackground(task.id(), SEARCHING, -1, null, rig.now());
        rig.engine.tick(rig.now());
        rig.store.releaseBackground(true);
        assertThat(rig.engine.find(task.id(), rig.now()).orElseThrow().status())
            .as("the failed change never shows").isEqualTo(PREPARATION);

        Moved transferring = rig.engine.advance(task.id(), WAITING_FOR_USER_DECISION, -1, null,
            rig.now());
        assertThat(transferring.moved()).as("moved on from the uncommitted SEARCHING").isTrue();
        assertThat(rig.store.find(task.id()).orElseThrow().status())
            .isEqualTo(WAITING_FOR_USER_DECISION);

        rig.store.holdBackground();
        rig.engine.advanceInBackground(task.id(), TRANSFERRING, 20, null, rig.now());
        rig.engine.tick(rig.now());
        Moved done = rig.engine.advance(task.id(), FINISHED_OK, -1, null, rig.now());
        assertThat(done.moved()).isTrue();
        assertThat(rig.changes).as("the queued step commits before the later write")
            .extracting(Task::status).endsWith(TRANSFERRING, FINISHED_OK);
        int writes = rig.store.writes();
        Task other = rig.create();
        rig.engine.advanceInBackground(other.id(), SEARCHING, -1, null, rig.now());
        rig.engine.fail(other.id(), FINISHED_ERR_CANCELLED, "stopped", rig.now());
        rig.engine.tick(rig.now());
        assertThat(rig.store.writes()).as("a step a later write carried is not written again")
            .isEqualTo(writes + 2);
        assertThat(rig.engine.find(task.id(), rig.now()).orElseThrow().status())
            .isEqualTo(FINISHED_OK);
        assertThatThrownBy(() -> rig.engine.advanceInBackground(task.id(), FINISHED_OK, 100,
            null, rig.now())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMoveAndThePointOfNoReturnCanBeOneCommit() {
        EngineRig rig = new EngineRig();
        Task swapping = rig.reach(TRANSFERRING, null);
        Task early = rig.reach(SEARCHING, null);
        int changes = rig.changes.size();

        Moved moved = rig.engine.advancePastPointOfNoReturn(swapping.id(),
            TaskStatus.WAITING_FOR_VERIFICATION, 60, rig.now());
        Moved refused = rig.engine.advancePastPointOfNoReturn(early.id(),
            TaskStatus.WAITING_FOR_VERIFICATION, 60, rig.now());

        assertThat(moved.task().status()).isEqualTo(TaskStatus.WAITING_FOR_VERIFICATION);
        assertThat(moved.task().progressPercent()).isEqualTo(60);
        assertThat(moved.task().pastPointOfNoReturn()).isTrue();
        assertThat(rig.store.find(swapping.id())).contains(moved.task());
        assertThat(rig.changes).as("one change for both").hasSize(changes + 1);
        assertThat(rig.engine.cancel(swapping.id(), rig.now()))
            .isEqualTo(CancelOutcome.NOT_CANCELLABLE);
        assertThat(refused.outcome()).as("SEARCHING may not jump to verification")
            .isEqualTo(MoveOutcome.REFUSED);
        assertThat(rig.store.find(early.id())).contains(early);
        assertThatThrownBy(() -> rig.engine.advancePastPointOfNoReturn(early.id(),
            TaskStatus.FINISHED_OK, 100, rig.now())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recoverPutsEveryRunningTaskIntoWaitingForRestartAndResumeTakesItBack() {
        MemoryTaskStore store = new MemoryTaskStore();
        EngineRig before = new EngineRig(store, EngineRig.POLICY);
        Task transferring = before.reach(TRANSFERRING, null);
        before.step(transferring.id(), TRANSFERRING, 55);
        Task searching = before.reach(SEARCHING, null);
        Task finished = before.reach(FINISHED_OK, null);

        EngineRig after = new EngineRig(store, EngineRig.POLICY);
        assertThat(after.engine.recover(after.now())).isEqualTo(2);

        Task waiting = store.find(transferring.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(WAITING_FOR_RESTART);
        assertThat(waiting.resumeStatus()).isEqualTo(TRANSFERRING);
        assertThat(waiting.progressPercent()).isEqualTo(55);
        assertThat(store.find(searching.id()).orElseThrow().resumeStatus()).isEqualTo(SEARCHING);
        assertThat(store.find(finished.id())).contains(finished);
        assertThat(after.engine.waitingForRestart()).hasSize(2);
        assertThat(after.engine.liveCount()).isEqualTo(2);

        Task resumed = after.engine.resume(transferring.id(), after.now()).task();
        assertThat(resumed.status()).isEqualTo(TRANSFERRING);
        assertThat(resumed.progressPercent()).isEqualTo(55);
        assertThat(resumed.resumeStatus()).isNull();
        assertThat(store.find(transferring.id())).contains(resumed);
        assertThat(after.engine.resume(transferring.id(), after.now()).outcome())
            .isEqualTo(MoveOutcome.REFUSED);
    }

    @Test
    void concurrentResumesOfOneTaskMoveItOnce() throws Exception {
        MemoryTaskStore store = new MemoryTaskStore();
        EngineRig rig = new EngineRig(store, EngineRig.POLICY);
        Task waiting = rig.reach(WAITING_FOR_RESTART, TRANSFERRING);
        store.slowWrites(20);
        int changes = rig.changes.size();
        List<Future<Moved>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> rig.engine.resume(waiting.id(), rig.now())));
            }
        }
        int moved = 0;
        for (Future<Moved> answer : answers) {
            moved += answer.get().moved() ? 1 : 0;
        }

        assertThat(moved).isEqualTo(1);
        assertThat(rig.changes).hasSize(changes + 1);
        assertThat(store.find(waiting.id()).orElseThrow().status()).isEqualTo(TRANSFERRING);
    }

    @Test
    void recoveringTwiceLeavesWaitingTasksWaiting() {
        MemoryTaskStore store = new MemoryTaskStore();
        Task task = new EngineRig(store, EngineRig.POLICY).reach(TRANSFERRING, null);
        new EngineRig(store, EngineRig.POLICY).engine.recover(EngineRig.START_MS);
        Task waiting = store.find(task.id()).orElseThrow();

        EngineRig third = new EngineRig(store, EngineRig.POLICY);
        third.engine.recover(EngineRig.START_MS + 10);

        assertThat(store.find(task.id())).contains(waiting);
        assertThat(third.changes).isEmpty();
    }

    @Test
    void additionalInfoIsAlwaysAJsonObjectAndMergesPatches() throws Exception {
        EngineRig rig = new EngineRig();
        Task plain = rig.engine.create(NewTask.of(TaskType.LOGIN), rig.now()).task();
        Task task = rig.engine.create(new NewTask(TaskType.GIVE_MONEY, null, null,
            "{\"amount\":5,\"counterparty\":\"ann\"}", null, false), rig.now()).task();

        rig.engine.advance(task.id(), TRANSFERRING, 10, "{\"amount\":7,\"coinCount\":3}",
            rig.now());

        assertThat(JSON.readTree(plain.additionalInfo()).isObject()).isTrue();
        assertThat(plain.additionalInfo()).isEqualTo("{}");
        JsonNode info = JSON.readTree(rig.store.find(task.id()).orElseThrow().additionalInfo());
        assertThat(info).isEqualTo(JSON.readTree(
            "{\"amount\":7,\"counterparty\":\"ann\",\"coinCount\":3}"));
    }

    @Test
    void aPatchThatIsNotAJsonObjectIsRefusedAndChangesNothing() {
        EngineRig rig = new EngineRig();
        Task task = rig.create();

        for (String bad : List.of("[1]", "7", "\"text\"", "{", "{} {}", "null", "")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(
                () -> rig.engine.advance(task.id(), SEARCHING, 0, bad, rig.now()));
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> rig.engine.create(
                new NewTask(TaskType.GIVE_MONEY, null, null, bad, null, false), rig.now()));
        }

        assertThat(rig.store.find(task.id())).contains(task);
        assertThat(rig.engine.liveCount()).isEqualTo(1);
    }

    @Test
    void aFailureCarriesItsCodeAndMessageAndKeepsEarlierInfo() throws Exception {
        EngineRig rig = new EngineRig();
        Task task = rig.engine.create(keyed(null, null), rig.now()).task();

        Task failed = rig.engine.fail(task.id(), FINISHED_ERR_NOT_ENOUGH_MONEY,
            "Not enough money.", rig.now()).task();

        JsonNode info = JSON.readTree(failed.additionalInfo());
        assertThat(info.get("amount").asInt()).isEqualTo(5);
        assertThat(info.get("error").get("code").asText())
            .isEqualTo("FINISHED_ERR_NOT_ENOUGH_MONEY");
        assertThat(info.get("error").get("message").asText()).isEqualTo("Not enough money.");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> rig.engine.fail(task.id(), FINISHED_OK, "no", rig.now()));
        assertThatIllegalArgumentException().isThrownBy(
            () -> rig.engine.advance(task.id(), FINISHED_ERR_TIMEOUT, -1, null, rig.now()));
    }

    @Test
    void theListenerSeesEachTasksChangesInCommitOrder() throws Exception {
        EngineRig rig = new EngineRig();
        int tasks = 64;
        List<TaskStatus> path = List.of(PREPARATION, SEARCHING, TRANSFERRING, TRANSFERRING,
            WAITING_FOR_VERIFICATION, FINISHED_OK);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < tasks; i++) {
                pool.submit(() -> {
                    String id = rig.create().id();
                    rig.step(id, SEARCHING, -1);
                    rig.step(id, TRANSFERRING, 10);
                    rig.step(id, TRANSFERRING, 20);
                    rig.step(id, WAITING_FOR_VERIFICATION, 30);
                    rig.step(id, FINISHED_OK, -1);
                    return id;
                });
            }
        }
        Map<String, List<Task>> byTask = new ConcurrentHashMap<>();
        rig.changes.forEach(t -> byTask.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(t));

        assertThat(byTask).hasSize(tasks);
        for (List<Task> seen : byTask.values()) {
            assertThat(seen).extracting(Task::status).containsExactlyElementsOf(path);
            assertThat(seen).extracting(Task::progressPercent)
                .containsExactly(0, 0, 10, 20, 30, 100);
            assertThat(rig.store.find(seen.getFirst().id())).contains(seen.getLast());
        }
    }

    @Test
    void creationBeyondTheLiveLimitIsRefusedUntilATaskFinishes() {
        EngineRig rig = new EngineRig(new MemoryTaskStore(),
            new TaskPolicy(EngineRig.TTL_MS, EngineRig.DEADLINE_MS, 3, 10));
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(rig.create());
        }

        Created refused = rig.engine.create(keyed("k1", "fp"), rig.now());
        assertThat(refused.outcome()).isEqualTo(Outcome.TOO_MANY_TASKS);
        assertThat(rig.store.findTransferId("k1")).isEmpty();
        assertThat(rig.store.writes()).isEqualTo(3);

        rig.step(tasks.getFirst().id(), FINISHED_OK, -1);
        assertThat(rig.engine.create(keyed("k1", "fp"), rig.now()).outcome())
            .isEqualTo(Outcome.CREATED);
    }

    @Test
    void concurrentCreationNeverPassesTheLiveLimit() throws Exception {
        int limit = 10;
        MemoryTaskStore store = new MemoryTaskStore();
        store.slowWrites(20);
        EngineRig rig = new EngineRig(store,
            new TaskPolicy(EngineRig.TTL_MS, EngineRig.DEADLINE_MS, limit, 10));
        List<Future<Created>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                answers.add(pool.submit(() -> rig.engine.create(
                    NewTask.of(TaskType.PING_PAYMENT), rig.now())));
            }
        }
        int created = 0;
        for (Future<Created> answer : answers) {
            created += answer.get().outcome() == Outcome.CREATED ? 1 : 0;
        }

        assertThat(created).isEqualTo(limit);
        assertThat(rig.engine.liveCount()).isEqualTo(limit);
        assertThat(rig.store.writes()).isEqualTo(limit);
    }

    @Test
    void aStoreFailurePropagatesAndTheLastCommittedStateStays() {
        EngineRig rig = new EngineRig();
        Task task = rig.reach(TRANSFERRING, null);
        int changes = rig.changes.size();
        rig.store.refuseWrites(true);

        assertThatThrownBy(() -> rig.step(task.id(), FINISHED_OK, -1))
            .isInstanceOf(StoreFailure.class);
        assertThatThrownBy(() -> rig.engine.create(keyed("k9", "fp"), rig.now()))
            .isInstanceOf(StoreFailure.class);
        assertThatThrownBy(() -> rig.engine.cancel(task.id(), rig.now()))
            .isInstanceOf(StoreFailure.class);

        assertThat(rig.engine.find(task.id(), rig.now())).contains(task);
        assertThat(rig.store.find(task.id())).contains(task);
        assertThat(rig.store.findTransferId("k9")).isEmpty();
        assertThat(rig.engine.liveCount()).isEqualTo(1);
        assertThat(rig.changes).hasSize(changes);

        rig.store.refuseWrites(false);
        assertThat(rig.step(task.id(), FINISHED_OK, -1).moved()).isTrue();
        assertThat(rig.engine.create(keyed("k9", "fp"), rig.now()).outcome())
            .isEqualTo(Outcome.CREATED);
        assertThat(rig.engine.liveCount()).isEqualTo(1);
    }

    @Test
    void subscribingIsCommittedOnceAndAFinishedTaskIsOnlyRead() {
        EngineRig rig = new EngineRig();
        Task task = rig.create();

        Task subscribed = rig.engine.subscribe(task.id(), rig.now()).orElseThrow();
        int writes = rig.store.writes();
        Task again = rig.engine.subscribe(task.id(), rig.now()).orElseThrow();
        rig.step(task.id(), FINISHED_OK, -1);

        assertThat(subscribed.callback()).isTrue();
        assertThat(again).isEqualTo(subscribed);
        assertThat(rig.store.writes()).isEqualTo(writes + 1);
        assertThat(rig.engine.subscribe(task.id(), rig.now()).orElseThrow().status())
            .isEqualTo(FINISHED_OK);
        assertThat(rig.engine.subscribe("Q".repeat(26), rig.now())).isEmpty();
    }

    @Test
    void aMoveOfAnUnknownTaskSaysSoAndAMoveOfAFinishedOneIsRefused() {
        EngineRig rig = new EngineRig();
        Task done = rig.reach(FINISHED_OK, null);

        assertThat(rig.step("A".repeat(26), SEARCHING, 0).outcome())
            .isEqualTo(MoveOutcome.UNKNOWN_TASK);
        Moved refused = rig.step(done.id(), SEARCHING, 0);
        assertThat(refused.outcome()).isEqualTo(MoveOutcome.REFUSED);
        assertThat(refused.task()).isEqualTo(done);
    }

    @Test
    void listLeavesOutExpiredTasks() {
        EngineRig rig = new EngineRig();
        Task old = rig.reach(FINISHED_OK, null);
        rig.clock.advanceMs(EngineRig.TTL_MS);
        Task fresh = rig.create();

        List<Task> page = rig.engine.list(
            new TaskQuery(null, null, 0, Long.MAX_VALUE, 0, "", 10), rig.now());

        assertThat(page).containsExactly(fresh);
        assertThat(rig.store.find(old.id())).isPresent();
        assertThat(Optional.of(fresh)).isEqualTo(rig.engine.find(fresh.id(), rig.now()));
    }

    private static JsonNode error(Task task) {
        try {
            return JSON.readTree(task.additionalInfo()).get("error");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
