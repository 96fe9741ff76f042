package cnode.task;

import static cnode.task.TaskStatus.FINISHED_ERR_TIMEOUT;
import static cnode.task.TaskStatus.FINISHED_OK;
import static cnode.task.TaskStatus.PREPARATION;
import static cnode.task.TaskStatus.SEARCHING;
import static cnode.task.TaskStatus.TRANSFERRING;
import static cnode.task.TaskStatus.WAITING_FOR_RESTART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.task.TaskStore.StoreFailure;
import cnode.task.TaskStore.TransferId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link TaskStore} contract, run against every implementation: each subclass only says how
 * to open a fresh, empty store ({@link #open}). Written against the interface alone, so that a
 * new store (PostgreSQL) gets the same suite by adding one subclass. Each test gets its own store
 * and closes it.
 */
public abstract class TaskStoreContract {
    private static final long T0 = 1_700_000_000_000L;

    protected TaskStore store;

    /** A new, empty store; the suite closes it after the test. */
    protected abstract TaskStore open() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        store = open();
    }

    /** Null-safe: a store that could not be opened (a test skipped for want of it) has none. */
    @AfterEach
    final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** A valid task value: terminal statuses get a finish time, WAITING_FOR_RESTART a resume. */
    protected static Task task(String id, TaskStatus status, long createdMs) {
        return task(id, TaskType.GIVE_MONEY, status, createdMs, status.terminal() ? createdMs : 0);
    }

    protected static Task task(String id, TaskType type, TaskStatus status, long createdMs,
                               long finishedMs) {
        TaskStatus resume = status == WAITING_FOR_RESTART ? TRANSFERRING : null;
        int progress = status == FINISHED_OK ? 100 : 0;
        return new Task(id, type, status, progress, "{}", null, null, createdMs, createdMs,
            createdMs + 60_000, finishedMs, resume, false, false);
    }

    /** A 26-character id that sorts by {@code n}. */
    protected static String id(int n) {
        return String.format("T%025d", n);
    }

    @Test
    void aWrittenTaskReadsBackEqualInEveryField() {
        Task full = new Task(id(1), TaskType.MONEY_COLLECT_SERIES, WAITING_FOR_RESTART, 42,
            "{\"counterparty\":\"Zoë 💶\",\"amount\":{\"value\":\"12.34\"}}", "key-1",
            "f".repeat(64), T0, T0 + 1, T0 + 2, 0, TRANSFERRING, true, true);
        Task bare = new Task(id(2), TaskType.LOGIN, FINISHED_ERR_TIMEOUT, 0, "{}", null, null,
            T0, T0, 0, T0 + 9, null, false, false);

        store.write(full, new TransferId("key-1", full.id(), full.fingerprint(), T0));
        store.write(bare, null);

        assertThat(store.find(full.id())).contains(full);
        assertThat(store.find(bare.id())).contains(bare);
        assertThat(store.findTransferId("key-1"))
            .contains(new TransferId("key-1", full.id(), full.fingerprint(), T0));
    }

    @Test
    void unknownIdsAndKeysAreEmpty() {
        store.write(task(id(1), PREPARATION, T0), null);

        assertThat(store.find(id(2))).isEmpty();
        assertThat(store.findTransferId("never-used")).isEmpty();
        assertThat(store.forget(T0 + 1_000, 10)).isZero();
    }

    @Test
    void aLaterWriteReplacesTheTask() {
        Task first = task(id(1), PREPARATION, T0);
        store.write(first, new TransferId("k", first.id(), null, T0));
        Task moved = new Task(first.id(), first.type(), TRANSFERRING, 30, "{\"a\":1}", null,
            null, T0, T0 + 5, first.deadlineMs(), 0, null, true, true);

        store.write(moved, null);

        assertThat(store.find(first.id())).contains(moved);
        assertThat(store.list(everything(10))).containsExactly(moved);
        assertThat(store.findTransferId("k").orElseThrow().taskId()).isEqualTo(first.id());
    }

    @Test
    void aSecondUseOfAKeyFailsAndNothingOfThatWriteIsVisible() {
        Task first = task(id(1), PREPARATION, T0);
        Task second = task(id(2), PREPARATION, T0 + 1);
        store.write(first, new TransferId("k", first.id(), "a", T0));

        assertThatThrownBy(() -> store.write(second, new TransferId("k", second.id(), "b", T0)))
            .isInstanceOf(StoreFailure.class);

        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.findTransferId("k")).contains(new TransferId("k", first.id(), "a", T0));
        Task third = task(id(3), PREPARATION, T0 + 2);
        store.write(third, null);
        assertThat(store.find(third.id())).contains(third);
    }

    @Test
    void unfinishedAreTheTasksNotYetTerminalOldestFirst() {
        store.write(task(id(5), TRANSFERRING, T0 + 3), null);
        store.write(task(id(1), FINISHED_OK, T0), null);
        store.write(task(id(4), PREPARATION, T0 + 1), null);
        store.write(task(id(3), WAITING_FOR_RESTART, T0 + 1), null);
        store.write(task(id(2), FINISHED_ERR_TIMEOUT, T0 + 2), null);

        assertThat(store.unfinished()).extracting(Task::id)
            .containsExactly(id(3), id(4), id(5));
    }

    @Test
    void listPagesThroughTasksInCreationOrder() {
        List<Task> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Task task = task(id(100 - i), SEARCHING, T0 + i / 3);
            all.add(task);
            store.write(task, null);
        }
        all.sort(java.util.Comparator.comparingLong(Task::createdMs).thenComparing(Task::id));

        List<Task> seen = new ArrayList<>();
        TaskQuery page = everything(3);
        for (int round = 0; round < 10; round++) {
            List<Task> tasks = store.list(page);
            assertThat(tasks.size()).isLessThanOrEqualTo(3);
            if (tasks.isEmpty()) {
                break;
            }
            seen.addAll(tasks);
            Task last = tasks.getLast();
            page = new TaskQuery(null, null, 0, Long.MAX_VALUE, last.createdMs(), last.id(), 3);
        }

        assertThat(seen).containsExactlyElementsOf(all);
    }

    @Test
    void listFiltersByTypeStatusAndCreationTime() {
        store.write(task(id(1), TaskType.LOGIN, PREPARATION, T0, 0), null);
        store.write(task(id(2), TaskType.GIVE_MONEY, PREPARATION, T0 + 10, 0), null);
        store.write(task(id(3), TaskType.GIVE_MONEY, FINISHED_OK, T0 + 20, T0 + 21), null);
        store.write(task(id(4), TaskType.GIVE_MONEY, PREPARATION, T0 + 30, 0), null);

        assertThat(store.list(new TaskQuery(TaskType.GIVE_MONEY, null, 0, Long.MAX_VALUE, 0, "",
            10))).extracting(Task::id).containsExactly(id(2), id(3), id(4));
        assertThat(store.list(new TaskQuery(null, FINISHED_OK, 0, Long.MAX_VALUE, 0, "", 10)))
            .extracting(Task::id).containsExactly(id(3));
        assertThat(store.list(new TaskQuery(TaskType.GIVE_MONEY, PREPARATION, T0 + 10, T0 + 30,
            0, "", 10))).extracting(Task::id).containsExactly(id(2), id(4));
        assertThat(store.list(new TaskQuery(null, null, T0 + 1, T0 + 29, 0, "", 10)))
            .extracting(Task::id).containsExactly(id(2), id(3));
    }

    @Test
    void forgetRemovesOnlyTasksFinishedByTheCutoffAtMostMaxAndKeepsTheirKeys() {
        for (int i = 0; i < 5; i++) {
            Task done = task(id(i), TaskType.GIVE_MONEY, FINISHED_OK, T0, T0 + i * 10);
            store.write(done, new TransferId("k" + i, done.id(), null, T0));
        }
        store.write(task(id(9), TRANSFERRING, T0), null);

        assertThat(store.forget(T0 + 25, 2)).isEqualTo(2);
        assertThat(store.forget(T0 + 25, 10)).isEqualTo(1);
        assertThat(store.forget(T0 + 25, 10)).isZero();
        assertThat(store.forget(T0 + 1_000, 0)).isZero();

        assertThat(store.find(id(0))).isEmpty();
        assertThat(store.find(id(2))).isEmpty();
        assertThat(store.find(id(3))).isPresent();
        assertThat(store.find(id(4))).isPresent();
        assertThat(store.find(id(9))).isPresent();
        assertThat(store.findTransferId("k0").orElseThrow().taskId()).isEqualTo(id(0));
        assertThat(store.forget(Long.MAX_VALUE, 100)).isEqualTo(2);
        assertThat(store.unfinished()).extracting(Task::id).containsExactly(id(9));
    }

    @Test
    void concurrentWritersEachReadTheirOwnWrites() throws Exception {
        int writers = 16;
        int each = 40;
        List<Future<Integer>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> writeAndReadBack(writer, each)));
            }
        }
        int confirmed = 0;
        for (Future<Integer> writer : done) {
            confirmed += writer.get();
        }

        assertThat(confirmed).isEqualTo(writers * each);
        assertThat(store.list(everything(1_000))).hasSize(writers * each);
    }

    private int writeAndReadBack(int writer, int count) {
        int confirmed = 0;
        for (int i = 0; i < count; i++) {
            Task task = task(id(writer * 1_000 + i), PREPARATION, T0 + i);
            String key = "w" + writer + "-" + i;
            store.write(task, new TransferId(key, task.id(), null, T0));
            Task moved = new Task(task.id(), task.type(), SEARCHING, 0, "{}", null, null,
                task.createdMs(), task.createdMs() + 1, task.deadlineMs(), 0, null, false, false);
            store.write(moved, null);
            boolean seen = store.find(task.id()).equals(Optional.of(moved))
                && store.findTransferId(key).orElseThrow().taskId().equals(task.id());
            confirmed += seen ? 1 : 0;
        }
        return confirmed;
    }

    @Test
    void everyReadAfterAWriteSeesIt() throws Exception {
        Task task = task(id(1), TRANSFERRING, T0);
        store.write(task, null);
        for (int progress = 1; progress <= 30; progress++) {
            Task next = new Task(task.id(), task.type(), TRANSFERRING, progress, "{}", null,
                null, T0, T0 + progress, task.deadlineMs(), 0, null, false, false);
            store.write(next, null);
            List<Future<Optional<Task>>> reads = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int r = 0; r < 8; r++) {
                    reads.add(pool.submit(() -> store.find(task.id())));
                }
            }
            for (Future<Optional<Task>> read : reads) {
                assertThat(read.get()).contains(next);
            }
        }
    }

    private static TaskQuery everything(int limit) {
        return new TaskQuery(null, null, 0, Long.MAX_VALUE, 0, "", limit);
    }
}
