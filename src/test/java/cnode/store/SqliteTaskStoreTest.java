package cnode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.task.PaymentRecord;
import cnode.task.Task;
import cnode.task.TaskStatus;
import cnode.task.TaskStore.StoreFailure;
import cnode.task.TaskStore.TransferId;
import cnode.task.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * What the SQLite store promises beyond the shared contract: group commit (many concurrent
 * writers share few commits, and every acknowledged write is there), a file that reopens with
 * everything in it and is migrated once, a failed change that fails only its own writer, forget
 * sweeps that run on the one writer alongside other writes, a file of the first schema that
 * gains the payment history on its next start, and a clean close.
 */
final class SqliteTaskStoreTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path folder;

    private SqliteTaskStore open() {
        return new SqliteTaskStore(folder.resolve("node.db"), 1_024, 256);
    }

    private static Task task(String id, TaskStatus status, long createdMs) {
        long finished = status.terminal() ? createdMs : 0;
        return new Task(id, TaskType.GIVE_MONEY, status, status == TaskStatus.FINISHED_OK ? 100 : 0,
            "{}", null, null, createdMs, createdMs, createdMs + 60_000, finished, null, false,
            false);
    }

    private static String id(int n) {
        return String.format("S%025d", n);
    }

    @Test
    void concurrentWritersShareCommitsAndEveryWriteIsReadable() throws Exception {
        int threads = 32;
        int each = 500;
        try (SqliteTaskStore store = open()) {
            long commitsBefore = store.commits();
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < each; i++) {
                            store.write(task(id(thread * 10_000 + i), TaskStatus.SEARCHING,
                                T0 + i), null);
                        }
                        return null;
                    });
                }
                start.countDown();
            }
            long commits = store.commits() - commitsBefore;
            int writes = threads * each;

            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < each; i++) {
                    assertThat(store.find(id(t * 10_000 + i))).isPresent();
                }
            }
            assertThat(store.unfinished()).hasSize(writes);
            assertThat(commits).isPositive().isLessThan(writes / 2);
        }
    }

    @Test
    void aReopenedFileHasEverythingAndIsMigratedOnce() throws Exception {
        Task running = task(id(1), TaskStatus.TRANSFERRING, T0);
        Task done = task(id(2), TaskStatus.FINISHED_OK, T0 + 1);
        try (SqliteTaskStore store = open()) {
            store.write(running, new TransferId("k1", running.id(), "fp", T0));
            store.write(done, null);
        }
        try (SqliteTaskStore store = open()) {
            assertThat(store.find(running.id())).contains(running);
            assertThat(store.find(done.id())).contains(done);
            assertThat(store.findTransferId("k1"))
                .contains(new TransferId("k1", running.id(), "fp", T0));
            assertThat(store.unfinished()).containsExactly(running);
        }
        open().close();

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(
            "node.db")); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery(
                 "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
            List<String> history = new ArrayList<>();
            while (rows.next()) {
                history.add(rows.getString(1) + ":" + rows.getInt(2));
            }
            assertThat(history).containsExactly("1:1", "2:1");
        }
    }

    @Test
    void aFileOfTheFirstSchemaGainsTheHistoryAndKeepsItsTasks() throws Exception {
        Path file = folder.resolve("node.db");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(source).locations(JdbcTaskStore.MIGRATIONS).target("1")
            .loggers("slf4j").load().migrate();
        Task old = task(id(1), TaskStatus.FINISHED_OK, T0);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO task VALUES ('" + old.id() + "', 'GIVE_MONEY', "
                + "'FINISHED_OK', 100, '{}', NULL, NULL, " + T0 + ", " + T0 + ", "
                + (T0 + 60_000) + ", " + T0 + ", NULL, 0, 0)");
        }
        PaymentRecord paid = new PaymentRecord(old.id(), old.id(), "k", PaymentRecord.Direction.IN,
            "REQUEST_PAYMENT", "bruno", 5, "PLN", 0, 5, 0, 1, TaskStatus.FINISHED_OK, "", "",
            "{}", "shop", "", T0, T0);

        try (SqliteTaskStore store = open()) {
            assertThat(store.find(old.id())).contains(old);
            store.write(old, null, paid);
            assertThat(store.findPayment("k")).contains(paid);
        }
    }

    @Test
    void aFailingChangeFailsOnlyItsOwnWriter() throws Exception {
        try (SqliteTaskStore store = open()) {
            Task owner = task(id(0), TaskStatus.PREPARATION, T0);
            store.write(owner, new TransferId("taken", owner.id(), null, T0));
            int threads = 48;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 1; t <= threads; t++) {
                    Task task = task(id(t), TaskStatus.PREPARATION, T0 + t);
                    String key = t % 8 == 0 ? "taken" : "free-" + t;
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            store.write(task, new TransferId(key, task.id(), null, T0));
                            return true;
                        } catch (StoreFailure refused) {
                            return false;
                        }
                    }));
                }
                start.countDown();
            }

            for (int t = 1; t <= threads; t++) {
                boolean duplicate = t % 8 == 0;
                assertThat(results.get(t - 1).get()).as("writer %d", t).isEqualTo(!duplicate);
                assertThat(store.find(id(t)).isPresent()).as("task %d", t).isEqualTo(!duplicate);
            }
            assertThat(store.findTransferId("taken").orElseThrow().taskId()).isEqualTo(owner.id());
        }
    }

    @Test
    void forgetSweepsRunOnTheWriterAlongsideWrites() throws Exception {
        int writers = 8;
        int each = 100;
        AtomicInteger forgotten = new AtomicInteger();
        try (SqliteTaskStore store = open()) {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            TaskStatus status = i % 2 == 0 ? TaskStatus.FINISHED_OK
                                : TaskStatus.SEARCHING;
                            store.write(task(id(writer * 1_000 + i), status, T0 + i), null);
                        }
                        return null;
                    });
                }
                pool.submit(() -> {
                    for (int sweep = 0; sweep < 50; sweep++) {
                        forgotten.addAndGet(store.forget(Long.MAX_VALUE, 7));
                    }
                    return null;
                });
            }
            forgotten.addAndGet(store.forget(Long.MAX_VALUE, 1_000_000));

            assertThat(forgotten.get()).isEqualTo(writers * each / 2);
            assertThat(store.unfinished()).hasSize(writers * each / 2);
            assertThat(store.forget(Long.MAX_VALUE, 10)).isZero();
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAsAStoreFailure() throws Exception {
        Files.writeString(folder.resolve("node.db"), "not a database ".repeat(500));

        assertThatThrownBy(this::open).isInstanceOf(StoreFailure.class)
            .hasMessageContaining("node.db");
    }

    @Test
    void aClosedStoreRefusesEveryCallAndClosesOnce() {
        SqliteTaskStore store = open();
        store.write(task(id(1), TaskStatus.PREPARATION, T0), null);
        store.close();
        store.close();

        assertThatThrownBy(() -> store.write(task(id(2), TaskStatus.PREPARATION, T0), null))
            .isInstanceOf(StoreFailure.class);
        assertThatThrownBy(() -> store.find(id(1))).isInstanceOf(StoreFailure.class);
        assertThatThrownBy(() -> store.forget(T0, 1)).isInstanceOf(StoreFailure.class);
        try (SqliteTaskStore again = open()) {
            assertThat(again.find(id(1))).isPresent();
        }
    }
}
