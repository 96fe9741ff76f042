package cnode.task;

import static cnode.task.TaskStatus.FINISHED_ERR_TIMEOUT;
import static cnode.task.TaskStatus.FINISHED_OK;
import static cnode.task.TaskStatus.PREPARATION;
import static cnode.task.TaskStatus.SEARCHING;
import static cnode.task.TaskStatus.TRANSFERRING;
import static cnode.task.TaskStatus.WAITING_FOR_RESTART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.money.Currency;
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
    void backgroundWritesCommitInOrderAndAForegroundWriteAfterThem() throws Exception {
        Task first = task(id(1), PREPARATION, T0);
        store.write(first, new TransferId("k", first.id(), null, T0));
        List<java.util.concurrent.CompletableFuture<Void>> done = new java.util.ArrayList<>();
        Task last = first;
        for (int i = 1; i <= 20; i++) {
            last = new Task(first.id(), first.type(), i % 2 == 0 ? SEARCHING : TRANSFERRING,
                i % 2 == 0 ? 0 : i,
                "{\"step\":" + i + "}", null, null, T0, T0 + i, T0 + 60_000, 0, null, false,
                false);
            done.add(store.writeInBackground(last));
        }
        Task other = task(id(2), PREPARATION, T0);
        store.write(other, null);

        for (var future : done) {
            assertThat(future).as("completed before the later write returned").isDone();
            future.get();
        }
        assertThat(store.find(first.id())).contains(last);
        assertThat(store.find(other.id())).contains(other);
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

    /** A finished incoming payment of {@code amount} PLN billons, taken by cashier "shop". */
    protected static PaymentRecord payment(String id, String taskId, String key, long amount,
                                           long finishedMs) {
        return new PaymentRecord(id, taskId, key, PaymentRecord.Direction.IN,
            "REQUEST_PAYMENT", "bruno", amount, "PLN", 0, amount, 0, 1, FINISHED_OK, "", "",
            "{}", "shop", "", T0, finishedMs);
    }

    @Test
    void aPaymentWrittenWithItsTaskReadsBackEqualInEveryField() {
        Task done = task(id(1), TaskType.GIVE_MONEY, FINISHED_OK, T0, T0 + 9);
        PaymentRecord full = new PaymentRecord(done.id(), done.id(), "key-1",
            PaymentRecord.Direction.OUT, "GIVE_MONEY", "zoë.b", 12_340, "EUR", 7, 12_000, 340,
            5, FINISHED_OK, "S1", "Zoë's coffee 💶 ☕",
            "{\"sales_document_data\":{\"lines\":[\"żółw\"]},\"amount\":12340}", "shop",
            "FV/2024/7", T0, T0 + 9);

        store.write(done, new TransferId("key-1", done.id(), null, T0), full);
        store.record(payment("P2", "", "", 0, T0 + 10));

        assertThat(store.find(done.id())).contains(done);
        assertThat(store.findPayment("key-1")).contains(full);
        assertThat(store.history(10)).containsExactly(full, payment("P2", "", "", 0, T0 + 10));
    }

    @Test
    void aPaymentNeedsAnId() {
        Task done = task(id(1), FINISHED_OK, T0);
        assertThatThrownBy(() -> store.write(done, null, payment("", done.id(), "k", 1, T0)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.record(payment("", "", "k", 1, T0)))
            .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.find(done.id())).isEmpty();
        assertThat(store.history(10)).isEmpty();
    }

    @Test
    void aRecordWithAKnownIdReplacesTheEarlierOne() {
        store.record(payment("P1", "", "k", 100, T0 + 1));
        PaymentRecord again = payment("P1", "", "k", 200, T0 + 2);

        store.record(again);

        assertThat(store.history(10)).containsExactly(again);
    }

    @Test
    void aWriteWhoseKeyIsTakenKeepsNeitherTheTaskNorItsPayment() {
        Task first = task(id(1), PREPARATION, T0);
        store.write(first, new TransferId("k", first.id(), "a", T0));
        Task second = task(id(2), FINISHED_OK, T0 + 1);

        assertThatThrownBy(() -> store.write(second, new TransferId("k", second.id(), "b", T0),
            payment(second.id(), second.id(), "k", 5, T0 + 1)))
            .isInstanceOf(StoreFailure.class);

        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.findPayment("k")).isEmpty();
        assertThat(store.history(10)).isEmpty();
    }

    @Test
    void forgettingTasksKeepsTheirPayments() {
        Task done = task(id(1), TaskType.GIVE_MONEY, FINISHED_OK, T0, T0 + 5);
        PaymentRecord paid = payment(done.id(), done.id(), "k", 5, T0 + 5);
        store.write(done, new TransferId("k", done.id(), null, T0), paid);

        assertThat(store.forget(Long.MAX_VALUE, 10)).isEqualTo(1);

        assertThat(store.find(done.id())).isEmpty();
        assertThat(store.findPayment("k")).contains(paid);
        assertThat(store.history(10)).containsExactly(paid);
    }

    @Test
    void findPaymentPrefersThisNodesOwnTaskThenTheLatest() {
        PaymentRecord theirs = payment("A1", "", "shared", 1, T0 + 1);
        PaymentRecord theirsLater = payment("A2", "", "shared", 2, T0 + 2);
        PaymentRecord ours = payment(id(3), id(3), "shared", 3, T0);
        store.record(theirs);
        store.record(theirsLater);

        assertThat(store.findPayment("shared")).contains(theirsLater);
        store.write(task(id(3), FINISHED_OK, T0), null, ours);
        assertThat(store.findPayment("shared")).contains(ours);
        assertThat(store.findPayment("other")).isEmpty();
    }

    @Test
    void paymentsFilterByEveryCriterionWithBothEndsIncluded() {
        store.record(payment("P1", "", "k1", 100, T0 + 10));
        store.record(payment("P2", "", "k2", 200, T0 + 20));
        store.record(new PaymentRecord("P3", "", "k3", PaymentRecord.Direction.OUT, "GIVE_MONEY",
            "bruno", 200, "EUR", 0, 200, 0, 1, FINISHED_OK, "", "", "{}", "till-2", "FV/1",
            T0, T0 + 30));
        store.record(new PaymentRecord("P4", "", "k4", PaymentRecord.Direction.IN,
            "REQUEST_PAYMENT", "bruno", 300, "PLN", 5, 0, 0, 0,
            TaskStatus.FINISHED_ERR_USER_REJECTED, "", "", "{}", "shop", "FV/1", T0, T0 + 40));

        assertThat(ids(query(null, null, null, T0 + 10, T0 + 30, null, 0, 0, Long.MAX_VALUE)))
            .containsExactly("P1", "P2", "P3");
        assertThat(ids(query(FINISHED_OK, null, null, Long.MIN_VALUE, Long.MAX_VALUE, null, 0,
            0, Long.MAX_VALUE))).containsExactly("P1", "P2", "P3");
        assertThat(ids(query(null, "shop", null, Long.MIN_VALUE, Long.MAX_VALUE, null, 0, 0,
            Long.MAX_VALUE))).containsExactly("P1", "P2", "P4");
        assertThat(ids(query(null, "sho", null, Long.MIN_VALUE, Long.MAX_VALUE, null, 0, 0,
            Long.MAX_VALUE))).isEmpty();
        assertThat(ids(query(null, null, "FV/1", Long.MIN_VALUE, Long.MAX_VALUE, null, 0, 0,
            Long.MAX_VALUE))).containsExactly("P3", "P4");
        assertThat(ids(query(null, null, null, Long.MIN_VALUE, Long.MAX_VALUE, "PLN", 0, 100,
            200))).containsExactly("P1", "P2");
        assertThat(ids(query(null, null, null, Long.MIN_VALUE, Long.MAX_VALUE, "PLN", 0, 101,
            Long.MAX_VALUE))).containsExactly("P2");
        assertThat(ids(query(null, null, null, Long.MIN_VALUE, Long.MAX_VALUE, "PLN", 5, 0,
            Long.MAX_VALUE))).containsExactly("P4");
        assertThat(ids(query(null, "till-2", "FV/1", T0 + 30, T0 + 30, "EUR", 0, 200, 200)))
            .containsExactly("P3");
    }

    private List<PaymentRecord> query(TaskStatus status, String cashier, String invoice,
                                      long fromMs, long toMs, String currency, long colour,
                                      long fromAmount, long toAmount) {
        return store.payments(new PaymentQuery(status, cashier, invoice, fromMs, toMs,
            currency == null ? null : new Currency(currency), colour, fromAmount,
            toAmount, Long.MIN_VALUE, "", 100));
    }

    private static List<String> ids(List<PaymentRecord> records) {
        return records.stream().map(PaymentRecord::id).toList();
    }

    @Test
    void paymentsPageInFinishOrderThenById() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "P" + (9 - i);
            store.record(payment(id, "", "", i, T0 + i / 3));
        }
        expected.addAll(List.of("P7", "P8", "P9", "P4", "P5", "P6", "P3"));

        List<String> seen = new ArrayList<>();
        PaymentQuery page = PaymentQuery.all(2);
        for (int round = 0; round < 10; round++) {
            List<PaymentRecord> records = store.payments(page);
            assertThat(records.size()).isLessThanOrEqualTo(2);
            if (records.isEmpty()) {
                break;
            }
            seen.addAll(ids(records));
            page = page.after(records.getLast());
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(ids(store.history(4))).containsExactlyElementsOf(expected.subList(0, 4));
    }

    @Test
    void theHistoryReadsMoreThanOnePage() throws Exception {
        int count = TaskStore.HISTORY_PAGE + 20;
        List<Future<?>> writes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                PaymentRecord record = payment(String.format("P%04d", i), "", "", i, T0 + i);
                writes.add(pool.submit(() -> store.record(record)));
            }
        }
        for (Future<?> write : writes) {
            write.get();
        }

        List<PaymentRecord> history = store.history(count + 100);
        assertThat(history).hasSize(count);
        assertThat(history).extracting(PaymentRecord::finishedMs).isSorted();
        assertThat(store.history(count - 1)).hasSize(count - 1);
    }

    private static TaskQuery everything(int limit) {
        return new TaskQuery(null, null, 0, Long.MAX_VALUE, 0, "", limit);
    }
}
