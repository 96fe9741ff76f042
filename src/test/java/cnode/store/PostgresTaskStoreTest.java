package cnode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.task.Task;
import cnode.task.TaskStatus;
import cnode.task.TaskStore.StoreFailure;
import cnode.task.TaskStore.TransferId;
import cnode.task.TaskType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL store promises beyond the shared contract: group commit, a failed change
 * that fails only its own writer, tables in their own schema (so a node and a colony, or two
 * nodes, share one database), a schema migrated once, connections that are replaced after the
 * server ended them, and a clean close. One database for the class, created by the first test
 * (so that without a server each test reports itself skipped or failed); each test starts from
 * an empty schema.
 */
final class PostgresTaskStoreTest {
    private static final long T0 = 1_700_000_000_000L;
    private static PostgresTestDatabase database;

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptySchemas() throws SQLException {
        if (database == null) {
            database = PostgresTestDatabase.create("store");
        }
        database.reset();
        database.execute("DROP SCHEMA IF EXISTS shop CASCADE");
    }

    private static PostgresTaskStore open() {
        return new PostgresTaskStore(database.location(), 1_024, 256);
    }

    private static Task task(String id, TaskStatus status, long createdMs) {
        long finished = status.terminal() ? createdMs : 0;
        return new Task(id, TaskType.GIVE_MONEY, status, status == TaskStatus.FINISHED_OK ? 100 : 0,
            "{}", null, null, createdMs, createdMs, createdMs + 60_000, finished, null, false,
            false);
    }

    private static String id(int n) {
        return String.format("P%025d", n);
    }

    private static List<String> column(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(database.url());
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** Sessions a store holds open on the test database, as the server counts them. */
    private static int storeSessions() throws SQLException {
        return Integer.parseInt(column("SELECT count(*) FROM pg_stat_activity WHERE "
            + "application_name = 'cnode node' AND datname = current_database()").getFirst());
    }

    @Test
    void concurrentWritersShareCommitsAndEveryWriteIsReadable() throws Exception {
        int threads = 32;
        int each = 100;
        try (PostgresTaskStore store = open()) {
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
    void aFailingChangeFailsOnlyItsOwnWriter() throws Exception {
        try (PostgresTaskStore store = open()) {
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
    void tablesLiveInSchemaNodeWhichIsMigratedOnce() throws Exception {
        Task running = task(id(1), TaskStatus.TRANSFERRING, T0);
        try (PostgresTaskStore store = open()) {
            store.write(running, new TransferId("k1", running.id(), "fp", T0));
        }
        try (PostgresTaskStore store = open()) {
            assertThat(store.find(running.id())).contains(running);
            assertThat(store.location()).endsWith("?user=cnode_test&password=***");
        }

        assertThat(column("SELECT table_schema || '.' || table_name FROM information_schema"
            + ".tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
            + "ORDER BY 1")).containsExactly("node.flyway_schema_history", "node.payment",
            "node.task", "node.transfer_id");
        assertThat(column("SELECT version FROM node.flyway_schema_history WHERE success "
            + "AND version IS NOT NULL ORDER BY installed_rank")).containsExactly("1", "2");
    }

    @Test
    void storesInTwoSchemasOfOneDatabaseDoNotSeeEachOther() {
        PostgresLocation shop = PostgresLocation.parse(database.url() + "&currentSchema=shop");
        Task nodeTask = task(id(1), TaskStatus.PREPARATION, T0);
        Task shopTask = task(id(2), TaskStatus.PREPARATION, T0);
        try (PostgresTaskStore node = open();
             PostgresTaskStore other = new PostgresTaskStore(shop, 64, 64)) {
            node.write(nodeTask, new TransferId("same-key", nodeTask.id(), null, T0));
            other.write(shopTask, new TransferId("same-key", shopTask.id(), null, T0));

            assertThat(node.find(shopTask.id())).isEmpty();
            assertThat(other.find(nodeTask.id())).isEmpty();
            assertThat(node.findTransferId("same-key").orElseThrow().taskId())
                .isEqualTo(nodeTask.id());
            assertThat(other.findTransferId("same-key").orElseThrow().taskId())
                .isEqualTo(shopTask.id());
        }
    }

    @Test
    void connectionsTheServerEndedAreReplacedWithoutFailingCallers() throws Exception {
        try (PostgresTaskStore store = open()) {
            store.write(task(id(1), TaskStatus.PREPARATION, T0), null);
            for (int i = 0; i < 8; i++) {
                assertThat(store.find(id(1))).isPresent();
            }

            database.endConnections();

            store.write(task(id(2), TaskStatus.PREPARATION, T0 + 1), null);
            for (int i = 0; i < 8; i++) {
                assertThat(store.find(id(2))).as("read %d after the loss", i).isPresent();
            }
            assertThat(store.unfinished()).hasSize(2);
            assertThat(storeSessions()).isEqualTo(5);
        }
    }

    @Test
    void aClosedStoreRefusesEveryCallAndClosesOnce() throws Exception {
        PostgresTaskStore store = open();
        store.write(task(id(1), TaskStatus.PREPARATION, T0), null);
        store.close();
        store.close();

        assertThatThrownBy(() -> store.write(task(id(2), TaskStatus.PREPARATION, T0), null))
            .isInstanceOf(StoreFailure.class);
        assertThatThrownBy(() -> store.find(id(1))).isInstanceOf(StoreFailure.class);
        assertThatThrownBy(() -> store.forget(T0, 1)).isInstanceOf(StoreFailure.class);
        long giveUpMs = System.currentTimeMillis() + 10_000;
        while (storeSessions() > 0 && System.currentTimeMillis() < giveUpMs) {
            Thread.sleep(20);
        }
        assertThat(storeSessions()).isZero();
        try (PostgresTaskStore again = open()) {
            assertThat(again.find(id(1))).isPresent();
        }
    }
}
