package cnode.task;

import static cnode.task.TaskStatus.FINISHED_ERR_CANCELLED;
import static cnode.task.TaskStatus.FINISHED_ERR_NOT_ENOUGH_MONEY;
import static cnode.task.TaskStatus.FINISHED_ERR_TIMEOUT;
import static cnode.task.TaskStatus.FINISHED_OK;
import static cnode.task.TaskStatus.PREPARATION;
import static cnode.task.TaskStatus.SERIES_FINISHED;
import static cnode.task.TaskStatus.TRANSFERRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cnode.task.PaymentRecord.Direction;
import cnode.task.TaskEngine.MoveOutcome;
import cnode.task.TaskEngine.Moved;
import cnode.task.TaskStore.StoreFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of the payment history: {@link TaskEngine#finish} ends a task and commits
 * its record in the same write, under the same rules as advance and fail; {@link
 * TaskEngine#record} enters a payment without a task; the endings function gives a record to a
 * payment the engine ends itself; and records outlive the TTL sweep. On the in-memory store,
 * whose write counter shows that a task and its record are one commit.
 */
final class TaskEnginePaymentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a flow knows of its payment; id, status and times are the engine's to fill in. */
    private static PaymentRecord draft(String document) {
        return new PaymentRecord("", "", "", Direction.OUT, "GIVE_MONEY", "bruno", 1_500, "PLN",
            0, 1_500, 0, 3, FINISHED_OK, "", "Coffee", document, "shop", "FV/1", 0, 0);
    }

    private static Task keyedTask(EngineRig rig, String key) {
        return rig.engine.create(new NewTask(TaskType.GIVE_MONEY, key, "fp", "{}", null, false),
            rig.now()).task();
    }

    @Test
    void finishCommitsTheTaskAndItsRecordInOneWrite() throws Exception {
        EngineRig rig = new EngineRig();
        Task task = keyedTask(rig, "order-7");
        rig.step(task.id(), TRANSFERRING, 40);
        rig.clock.advanceMs(250);
        int writes = rig.store.writes();

        Moved moved = rig.engine.finish(task.id(), FINISHED_OK, "{\"coinCount\":3}",
            draft("{\"amount\":1500}"), rig.now());

        assertThat(moved.moved()).isTrue();
        assertThat(rig.store.writes()).isEqualTo(writes + 1);
        Task done = rig.store.find(task.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(FINISHED_OK);
        assertThat(done.progressPercent()).isEqualTo(100);
        assertThat(JSON.readTree(done.additionalInfo()).get("coinCount").asInt()).isEqualTo(3);
        PaymentRecord stored = rig.store.findPayment("order-7").orElseThrow();
        assertThat(stored).isEqualTo(new PaymentRecord(task.id(), task.id(), "order-7",
            Direction.OUT, "GIVE_MONEY", "bruno", 1_500, "PLN", 0, 1_500, 0, 3, FINISHED_OK,
            "", "Coffee", "{\"amount\":1500}", "shop", "FV/1", task.createdMs(), rig.now()));
        assertThat(rig.engine.history(10)).containsExactly(stored);
        assertThat(rig.changes).last().isEqualTo(done);
    }

    @Test
    void finishWithAFailureGoesThroughTheFailRules() throws Exception {
        EngineRig rig = new EngineRig();
        Task task = rig.reach(TRANSFERRING, null);

        Moved moved = rig.engine.finish(task.id(), FINISHED_ERR_NOT_ENOUGH_MONEY,
            "The payer has not enough money.", draft("{}"), rig.now());

        assertThat(moved.moved()).isTrue();
        JsonNode error = JSON.readTree(moved.task().additionalInfo()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("FINISHED_ERR_NOT_ENOUGH_MONEY");
        assertThat(error.get("message").asText()).isEqualTo("The payer has not enough money.");
        assertThat(moved.task().progressPercent()).isEqualTo(task.progressPercent());
        assertThat(rig.engine.history(10)).singleElement()
            .satisfies(record -> {
                assertThat(record.status()).isEqualTo(FINISHED_ERR_NOT_ENOUGH_MONEY);
                assertThat(record.taskId()).isEqualTo(task.id());
                assertThat(record.uniqueTransferId()).isEmpty();
            });
    }

    @Test
    void aRefusedFinishWritesNeitherTheTaskNorItsRecord() {
        EngineRig rig = new EngineRig();
        Task task = rig.create();
        int writes = rig.store.writes();

        Moved moved = rig.engine.finish(task.id(), SERIES_FINISHED, null, draft("{}"),
            rig.now());
        Moved unknown = rig.engine.finish("NOSUCHTASK", FINISHED_OK, null, draft("{}"),
            rig.now());

        assertThat(moved.outcome()).isEqualTo(MoveOutcome.REFUSED);
        assertThat(unknown.outcome()).isEqualTo(MoveOutcome.UNKNOWN_TASK);
        assertThat(rig.store.writes()).isEqualTo(writes);
        assertThat(rig.store.find(task.id()).orElseThrow().status()).isEqualTo(PREPARATION);
        assertThat(rig.engine.history(10)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() ->
            rig.engine.finish(task.id(), TRANSFERRING, null, draft("{}"), rig.now()));
        assertThat(rig.engine.finish(task.id(), FINISHED_OK, null, draft("{}"), rig.now())
            .moved()).isTrue();
        assertThat(rig.engine.finish(task.id(), FINISHED_OK, null, draft("{}"), rig.now())
            .outcome()).isEqualTo(MoveOutcome.REFUSED);
        assertThat(rig.engine.history(10)).hasSize(1);
    }

    @Test
    void aStoreThatRefusesTheFinishKeepsTheTaskRunningAndNoRecord() {
        EngineRig rig = new EngineRig();
        Task task = rig.reach(TRANSFERRING, null);
        rig.store.refuseWrites(true);

        assertThatThrownBy(() -> rig.engine.finish(task.id(), FINISHED_OK, null, draft("{}"),
            rig.now())).isInstanceOf(StoreFailure.class);

        assertThat(rig.engine.find(task.id(), rig.now())).contains(task);
        assertThat(rig.engine.history(10)).isEmpty();
        rig.store.refuseWrites(false);
        assertThat(rig.engine.finish(task.id(), FINISHED_OK, null, draft("{}"), rig.now())
            .moved()).isTrue();
        assertThat(rig.engine.history(10)).hasSize(1);
    }

    @Test
    void recordsOutliveTheirTasksTtl() {
        EngineRig rig = new EngineRig();
        Task task = keyedTask(rig, "k1");
        rig.engine.finish(task.id(), FINISHED_OK, null, draft("{}"), rig.now());
        rig.clock.advanceMs(EngineRig.TTL_MS);

        assertThat(rig.engine.tick(rig.now())).isEqualTo(1);

        assertThat(rig.store.find(task.id())).isEmpty();
        assertThat(rig.engine.payment("k1").orElseThrow().taskId()).isEqualTo(task.id());
    }

    @Test
    void aPaymentWithoutATaskGetsAnIdOrKeepsTheOneGiven() {
        EngineRig rig = new EngineRig();
        PaymentRecord incoming = new PaymentRecord("", "", "their-key", Direction.OUT,
            "REQUEST_PAYMENT", "shop", 700, "PLN", 0, 700, 0, 1, FINISHED_OK, "", "Tea", "{}",
            "wanda", "", 10, 20);

        PaymentRecord made = rig.engine.record(incoming);
        PaymentRecord stable = rig.engine.record(incoming.withId("IN-swap-1"));
        rig.engine.record(incoming.withId("IN-swap-1"));

        assertThat(made.id()).matches("[0-9A-Z]{26}");
        assertThat(made.withId("")).isEqualTo(incoming);
        assertThat(stable.id()).isEqualTo("IN-swap-1");
        assertThat(rig.engine.history(10)).containsExactlyInAnyOrder(made, stable);
        assertThatIllegalArgumentException().isThrownBy(() -> rig.engine.record(
            new PaymentRecord("", "SOMETASK", "", Direction.IN, "GIVE_MONEY", "bruno", 1,
                "PLN", 0, 1, 0, 1, FINISHED_OK, "", "", "{}", "shop", "", 0, 0)));
    }

    @Test
    void theEndingsFunctionRecordsWhatTheEngineEndsItself() {
        EngineRig rig = new EngineRig(new MemoryTaskStore(), EngineRig.POLICY,
            task -> task.type() == TaskType.GIVE_MONEY ? draft("{}") : null);
        Task cancelled = rig.reach(TRANSFERRING, null);
        Task timedOut = rig.create();
        Task notAPayment = rig.engine.create(NewTask.of(TaskType.LOGIN), rig.now()).task();

        rig.engine.cancel(cancelled.id(), rig.now());
        rig.clock.advanceMs(EngineRig.DEADLINE_MS);
        assertThat(rig.engine.tick(rig.now())).isEqualTo(2);

        assertThat(rig.engine.history(10))
            .extracting(PaymentRecord::taskId, PaymentRecord::status)
            .containsExactlyInAnyOrder(
                tuple(cancelled.id(), FINISHED_ERR_CANCELLED),
                tuple(timedOut.id(), FINISHED_ERR_TIMEOUT));
        assertThat(rig.store.find(notAPayment.id()).orElseThrow().status())
            .isEqualTo(FINISHED_ERR_TIMEOUT);
    }

    @Test
    void anEndingsFunctionThatThrowsLeavesTheTaskEndedWithoutARecord() {
        EngineRig rig = new EngineRig(new MemoryTaskStore(), EngineRig.POLICY, task -> {
            throw new IllegalStateException("a bug in the flow's record");
        });
        Task task = rig.reach(TRANSFERRING, null);

        assertThat(rig.step(task.id(), FINISHED_ERR_NOT_ENOUGH_MONEY, -1).moved()).isTrue();

        assertThat(rig.store.find(task.id()).orElseThrow().status())
            .isEqualTo(FINISHED_ERR_NOT_ENOUGH_MONEY);
        assertThat(rig.engine.history(10)).isEmpty();
    }
}
