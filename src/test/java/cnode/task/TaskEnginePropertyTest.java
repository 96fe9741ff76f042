package cnode.task;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.task.TaskEngine.CancelOutcome;
import cnode.task.TaskEngine.Created;
import cnode.task.TaskEngine.MoveOutcome;
import cnode.task.TaskEngine.Moved;
import cnode.task.TaskEngine.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of engine operations (create with and without keys, advance, fail, cancel,
 * point of no return, resume, restart with recovery, time passing with ticks) checked against a
 * small reference model: the expected transition table and progress rules of
 * {@link ExpectedTransitions}, plus the rules of keys, deadlines, TTL and the live limit. After
 * every step: no exception was thrown, each known task reads the same from the engine and the
 * store and as the model expects, and a finished task never changed. A failing run prints its
 * seed (jqwik), which reproduces it.
 */
final class TaskEnginePropertyTest {
    private static final TaskPolicy POLICY = new TaskPolicy(5_000, 2_000, 6, 1_000);
    private static final TaskStatus[] MOVES = Arrays.stream(TaskStatus.values())
        .filter(status -> !status.failure()).toArray(TaskStatus[]::new);
    private static final TaskStatus[] FAILURES = Arrays.stream(TaskStatus.values())
        .filter(TaskStatus::failure).toArray(TaskStatus[]::new);
    private static final TaskStatus[] PATH = {TaskStatus.SEARCHING,
        TaskStatus.WAITING_FOR_USER_DECISION, TaskStatus.SERIES_ACCEPTED, TaskStatus.TRANSFERRING,
        TaskStatus.WAITING_FOR_VERIFICATION, TaskStatus.FINISHED_OK, TaskStatus.SERIES_FINISHED};

    /** One operation; {@code task} picks a known task by position, modulo their number. */
    sealed interface Op {}

    record Create(int key, int fingerprint, boolean noDeadline) implements Op {}

    record Advance(int task, TaskStatus to, int progress) implements Op {}

    record Fail(int task, TaskStatus failure) implements Op {}

    record Cancel(int task) implements Op {}

    record PassPoint(int task) implements Op {}

    record Resume(int task) implements Op {}

    record Restart() implements Op {}

    record Pass(long ms) implements Op {}

    @Property(tries = 300)
    void theEngineFollowsTheModel(@ForAll("operations") @Size(max = 80) List<Op> ops) {
        Model model = new Model();
        for (Op op : ops) {
            model.apply(op);
            model.verify();
        }
    }

    /**
     * Operations on a handful of tasks. Moves favour the payment path (so that tasks often get
     * as far as a swap and its point of no return) but may name any status.
     */
    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> task = Arbitraries.integers().between(0, 3);
        Arbitrary<Op> create = Combinators.combine(Arbitraries.integers().between(-1, 3),
            Arbitraries.integers().between(0, 1), Arbitraries.of(true, false, false))
            .as(Create::new);
        Arbitrary<TaskStatus> to = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(PATH)),
            Tuple.of(1, Arbitraries.of(MOVES)));
        Arbitrary<Op> advance = Combinators.combine(task, to,
            Arbitraries.of(-1, 0, 10, 40, 70, 99, 100)).as(Advance::new);
        Arbitrary<Op> fail = Combinators.combine(task, Arbitraries.of(FAILURES)).as(Fail::new);
        return Arbitraries.frequencyOf(
            Tuple.of(3, create),
            Tuple.of(10, advance),
            Tuple.of(1, fail),
            Tuple.of(1, task.map(Cancel::new)),
            Tuple.of(3, task.map(PassPoint::new)),
            Tuple.of(2, task.map(Resume::new)),
            Tuple.of(1, Arbitraries.just(new Restart())),
            Tuple.of(2, Arbitraries.longs().between(0, 1_500).map(Pass::new)))
            .list().ofMinSize(5);
    }

    /** The engine under test, its store, and what the model expects of each task. */
    private static final class Model {
        private final MemoryTaskStore store = new MemoryTaskStore();
        private EngineRig rig = new EngineRig(store, POLICY);
        private final List<String> ids = new ArrayList<>();
        private final Map<String, Task> expected = new HashMap<>();
        private final Map<String, String> keys = new HashMap<>();
        private final Map<String, Integer> fingerprints = new HashMap<>();
        private final Map<String, Task> finished = new HashMap<>();

        void apply(Op op) {
            switch (op) {
                case Create c -> create(c);
                case Advance a -> pick(a.task()).ifPresent(id -> move(id, a.to(), a.progress()));
                case Fail f -> pick(f.task()).ifPresent(id -> move(id, f.failure(), -1));
                case Cancel c -> pick(c.task()).ifPresent(this::cancel);
                case PassPoint p -> pick(p.task()).ifPresent(this::passPoint);
                case Resume r -> pick(r.task()).ifPresent(this::resume);
                case Restart r -> restart();
                case Pass p -> pass(p.ms());
            }
        }

        private Optional<String> pick(int index) {
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(index % ids.size()));
        }

        private long now() {
            return rig.now();
        }

        private boolean visible(String id) {
            Task task = expected.get(id);
            return task != null && !(task.status().terminal()
                && now() - task.finishedMs() >= POLICY.ttlMs());
        }

        private long unfinished() {
            return expected.values().stream().filter(t -> !t.status().terminal()).count();
        }

        private void create(Create c) {
            String key = c.key() < 0 ? null : "key-" + c.key();
            NewTask request = new NewTask(TaskType.GIVE_MONEY, key, "fp-" + c.fingerprint(),
                "{}", c.noDeadline() ? 0L : null, false);
            Created created = rig.engine.create(request, now());
            String earlier = key == null ? null : keys.get(key);
            if (earlier != null) {
                Outcome expect = !visible(earlier) ? Outcome.TRANSFER_ID_EXPIRED
                    : fingerprints.get(key) == c.fingerprint() ? Outcome.REPEATED
                    : Outcome.TRANSFER_ID_CONFLICT;
                assertThat(created.outcome()).isEqualTo(expect);
                if (expect == Outcome.REPEATED) {
                    assertThat(created.task().id()).isEqualTo(earlier);
                }
                return;
            }
            if (unfinished() >= POLICY.liveTasksMax()) {
                assertThat(created.outcome()).isEqualTo(Outcome.TOO_MANY_TASKS);
                return;
            }
            assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
            Task task = created.task();
            assertThat(task.status()).isEqualTo(TaskStatus.PREPARATION);
            assertThat(task.deadlineMs()).isEqualTo(c.noDeadline() ? 0 : now() + 2_000);
            ids.add(task.id());
            expected.put(task.id(), task);
            if (key != null) {
                keys.put(key, task.id());
                fingerprints.put(key, c.fingerprint());
            }
        }

        private void move(String id, TaskStatus to, int progress) {
            Moved moved = to.failure() ? rig.engine.fail(id, to, "model", now())
                : rig.engine.advance(id, to, progress, null, now());
            Task before = expected.get(id);
            if (!visible(id)) {
                assertThat(moved.outcome()).isEqualTo(MoveOutcome.UNKNOWN_TASK);
                return;
            }
            Integer forced = ExpectedTransitions.forcedProgress(before.progressPercent(), to);
            int effective = forced != null && progress == -1 ? forced : progress;
            boolean legal = !before.status().terminal()
                && ExpectedTransitions.legal(before.status(), before.resumeStatus(), to)
                && ExpectedTransitions.progressAllowed(before, to, effective);
            assertThat(moved.moved()).as("%s -> %s at %s", before, to, progress).isEqualTo(legal);
            if (legal) {
                assertThat(moved.task().status()).isEqualTo(to);
                assertThat(moved.task().progressPercent()).isEqualTo(effective);
                assertThat(moved.task().resumeStatus()).isEqualTo(
                    to == TaskStatus.WAITING_FOR_RESTART ? before.status() : null);
                expected.put(id, moved.task());
            }
        }

        private void cancel(String id) {
            CancelOutcome outcome = rig.engine.cancel(id, now());
            Task before = expected.get(id);
            if (!visible(id)) {
                assertThat(outcome).isEqualTo(CancelOutcome.UNKNOWN_TASK);
            } else if (before.status().terminal() || before.pastPointOfNoReturn()) {
                assertThat(outcome).isEqualTo(CancelOutcome.NOT_CANCELLABLE);
            } else {
                assertThat(outcome).isEqualTo(CancelOutcome.CANCELLED);
                expected.put(id, store.find(id).orElseThrow());
                assertThat(expected.get(id).status()).isEqualTo(TaskStatus.FINISHED_ERR_CANCELLED);
            }
        }

        private void passPoint(String id) {
            Moved moved = rig.engine.passPointOfNoReturn(id, now());
            Task before = expected.get(id);
            boolean swapping = before.status() == TaskStatus.TRANSFERRING
                || before.status() == TaskStatus.WAITING_FOR_VERIFICATION;
            if (!visible(id)) {
                assertThat(moved.outcome()).isEqualTo(MoveOutcome.UNKNOWN_TASK);
            } else if (before.pastPointOfNoReturn() && !before.status().terminal()) {
                assertThat(moved.task()).isEqualTo(before);
            } else if (swapping) {
                assertThat(moved.task().pastPointOfNoReturn()).isTrue();
                expected.put(id, moved.task());
            } else {
                assertThat(moved.outcome()).isEqualTo(MoveOutcome.REFUSED);
            }
        }

        private void resume(String id) {
            Moved moved = rig.engine.resume(id, now());
            Task before = expected.get(id);
            if (visible(id) && before.status() == TaskStatus.WAITING_FOR_RESTART) {
                assertThat(moved.task().status()).isEqualTo(before.resumeStatus());
                assertThat(moved.task().progressPercent()).isEqualTo(before.progressPercent());
                expected.put(id, moved.task());
            } else {
                assertThat(moved.moved()).isFalse();
            }
        }

        private void restart() {
            rig = new EngineRig(store, POLICY);
            rig.clock.advanceMs(expected.values().stream().mapToLong(Task::updatedMs)
                .max().orElse(EngineRig.START_MS) - EngineRig.START_MS);
            rig.engine.recover(now());
            for (Task task : List.copyOf(expected.values())) {
                if (!task.status().terminal()) {
                    Task now = store.find(task.id()).orElseThrow();
                    assertThat(now.status()).isEqualTo(TaskStatus.WAITING_FOR_RESTART);
                    assertThat(now.resumeStatus()).isEqualTo(
                        task.status() == TaskStatus.WAITING_FOR_RESTART
                            ? task.resumeStatus() : task.status());
                    expected.put(task.id(), now);
                }
            }
        }

        private void pass(long ms) {
            rig.clock.advanceMs(ms);
            rig.engine.tick(now());
            for (Task task : List.copyOf(expected.values())) {
                boolean due = !task.status().terminal() && task.deadlineMs() != 0
                    && task.deadlineMs() <= now() && !task.pastPointOfNoReturn();
                if (due) {
                    Task ended = store.find(task.id()).orElseThrow();
                    TaskStatus running = task.status() == TaskStatus.WAITING_FOR_RESTART
                        ? task.resumeStatus() : task.status();
                    assertThat(ended.status()).isEqualTo(running == TaskStatus.SERIES_ACCEPTED
                        ? TaskStatus.SERIES_FINISHED : TaskStatus.FINISHED_ERR_TIMEOUT);
                    expected.put(task.id(), ended);
                }
            }
        }

        void verify() {
            for (String id : ids) {
                Task want = expected.get(id);
                Optional<Task> stored = store.find(id);
                if (!visible(id)) {
                    assertThat(rig.engine.find(id, now())).isEmpty();
                    continue;
                }
                assertThat(stored).contains(want);
                assertThat(rig.engine.find(id, now())).contains(want);
                if (want.status().terminal()) {
                    assertThat(finished.computeIfAbsent(id, k -> want)).isEqualTo(want);
                }
            }
            assertThat(rig.engine.liveCount()).isEqualTo((int) unfinished());
        }
    }
}
