package cnode.store;

import cnode.task.Task;
import cnode.task.TaskQuery;
import cnode.task.TaskStatus;
import cnode.task.TaskStore;
import cnode.task.TaskType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteDataSource;

/**
 * The task store in one SQLite file (WAL journal, {@code synchronous=FULL}), migrated by
 * Flyway. One writer thread owns the write connection and is the only one that changes the
 * file: it takes queued changes (task writes and forget sweeps) in batches and commits each
 * batch at once (group commit), so a caller's change returns only after the commit holding it is
 * durable, and many callers share one fsync. If a batch fails, it is rolled back and each of its
 * changes is retried alone, so a caller fails only for its own change, and a failed change is
 * never visible. Readers use a small bounded pool of their own query-only connections; each
 * pooled reader keeps its prepared statements, and belongs to the thread that took it from the
 * pool until it is handed back. In WAL mode readers see only committed data and never block the
 * writer.
 *
 * <p>Limits: the write queue holds {@code queueMax} changes (callers wait up to 30 s when it is
 * full), a batch is at most {@code batchMax} changes, a caller waits at most 30 s for its commit
 * (and then fails without knowing whether the commit happened later), and a reader waits at most
 * 30 s for a free connection. After {@link #close} every call fails with {@link StoreFailure}.
 */
public final class SqliteTaskStore implements TaskStore {
    private static final String COLUMNS = "id, type, status, progress, info, transfer_id, "
        + "fingerprint, created_ms, updated_ms, deadline_ms, finished_ms, resume_status, "
        + "past_point, callback";
    private static final String UPSERT = "INSERT INTO task (" + COLUMNS + ") VALUES "
        + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
        + "status = excluded.status, progress = excluded.progress, info = excluded.info, "
        + "updated_ms = excluded.updated_ms, finished_ms = excluded.finished_ms, "
        + "resume_status = excluded.resume_status, past_point = excluded.past_point, "
        + "callback = excluded.callback";
    private static final String INSERT_KEY =
        "INSERT INTO transfer_id (transfer_id, task_id, fingerprint, used_ms) VALUES (?,?,?,?)";
    private static final String FORGET = "DELETE FROM task WHERE id IN (SELECT id FROM task "
        + "WHERE finished_ms > 0 AND finished_ms <= ? ORDER BY finished_ms LIMIT ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM task WHERE id = ?";
    private static final String FIND_KEY =
        "SELECT task_id, fingerprint, used_ms FROM transfer_id WHERE transfer_id = ?";
    private static final String UNFINISHED = "SELECT " + COLUMNS + " FROM task "
        + "WHERE finished_ms = 0 ORDER BY created_ms, id";
    private static final long WAIT_MS = 30_000;
    private static final int READERS = 4;

    private final int batchMax;
    private final BlockingQueue<Change> queue;
    private final BlockingQueue<Reader> readers = new ArrayBlockingQueue<>(READERS);
    private final Connection writeConnection;
    private final PreparedStatement upsert;
    private final PreparedStatement insertKey;
    private final PreparedStatement forget;
    private final Thread writer;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicLong commits = new AtomicLong();

    /** One unit of the writer's queue; {@code done} completes once it is committed, or fails. */
    private sealed interface Change {
        CompletableFuture<Integer> done();
    }

    private record Put(Task task, TransferId key, CompletableFuture<Integer> done)
        implements Change {}

    private record Forget(long finishedBeforeMs, int max, CompletableFuture<Integer> done)
        implements Change {}

    /** Tells the writer to stop once it has committed what it already took. */
    private record Stop(CompletableFuture<Integer> done) implements Change {}

    /** Opens (creating and migrating when needed) the store in {@code file}. */
    public SqliteTaskStore(Path file, int queueMax, int batchMax) {
        if (queueMax <= 0 || batchMax <= 0) {
            throw new IllegalArgumentException("queue and batch limits must be positive");
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.batchMax = batchMax;
        this.queue = new ArrayBlockingQueue<>(queueMax);
        checkReadable(url, file);
        migrate(url);
        Connection writing = null;
        try {
            writing = connect(url);
            writing.setAutoCommit(false);
            writeConnection = writing;
            upsert = writing.prepareStatement(UPSERT);
            insertKey = writing.prepareStatement(INSERT_KEY);
            forget = writing.prepareStatement(FORGET);
            for (int i = 0; i < READERS; i++) {
                readers.add(new Reader(connect(url)));
            }
        } catch (SQLException e) {
            closeQuietly(writing);
            readers.forEach(Reader::close);
            throw new StoreFailure("cannot open the task store " + file, e);
        }
        writer = Thread.ofPlatform().name("task-store-writer").daemon().start(this::writeLoop);
    }

    /** Refuses a file that is not a SQLite database at once (Flyway would retry for 10 s). */
    private static void checkReadable(String url, Path file) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT count(*) FROM sqlite_master");
        } catch (SQLException e) {
            throw new StoreFailure("cannot read the task store " + file + ": " + e.getMessage(),
                e);
        }
    }

    private static void migrate(String url) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl(url);
        try {
            Flyway.configure().dataSource(source).locations("classpath:db/node")
                .loggers("slf4j").load().migrate();
        } catch (FlywayException refused) {
            throw new StoreFailure("cannot migrate the task store " + url, refused);
        }
    }

    private static Connection connect(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA busy_timeout=5000");
        }
        return connection;
    }

    /** Transactions the writer has committed since the store opened. */
    public long commits() {
        return commits.get();
    }

    @Override
    public void write(Task task, TransferId key) {
        Objects.requireNonNull(task);
        await(new Put(task, key, new CompletableFuture<>()));
    }

    @Override
    public int forget(long finishedBeforeMs, int max) {
        if (max <= 0) {
            return 0;
        }
        return await(new Forget(finishedBeforeMs, max, new CompletableFuture<>()));
    }

    private int await(Change change) {
        if (!open.get()) {
            throw closed();
        }
        try {
            if (!queue.offer(change, WAIT_MS, TimeUnit.MILLISECONDS)) {
                throw new StoreFailure("the task store's write queue stayed full", null);
            }
            if (!open.get() && queue.remove(change)) {
                throw closed();
            }
            return change.done().get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreFailure("interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreFailure failure) {
                throw failure;
            }
            throw new StoreFailure("the commit failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new StoreFailure("no commit within " + WAIT_MS + " ms", e);
        }
    }

    private static StoreFailure closed() {
        return new StoreFailure("the task store is closed", null);
    }

    private void writeLoop() {
        List<Change> batch = new ArrayList<>(batchMax);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, batchMax - 1);
            stopping = batch.removeIf(change -> change instanceof Stop);
            if (!batch.isEmpty()) {
                commitBatch(batch);
            }
            batch.clear();
        }
    }

    /** Commits the batch at once; if that fails, commits each change alone. Writer thread. */
    private void commitBatch(List<Change> batch) {
        int[] counts;
        try {
            counts = apply(batch);
        } catch (SQLException | RuntimeException failure) {
            rollback();
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(failure);
            } else {
                batch.forEach(change -> commitBatch(List.of(change)));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(counts[i]);
        }
    }

    private int[] apply(List<Change> batch) throws SQLException {
        int[] counts = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            counts[i] = switch (batch.get(i)) {
                case Put put -> put(put);
                case Forget sweep -> sweep(sweep);
                case Stop stop -> throw new IllegalStateException("a stop inside a batch");
            };
        }
        writeConnection.commit();
        commits.incrementAndGet();
        return counts;
    }

    private int put(Put put) throws SQLException {
        if (put.key() != null) {
            bindKey(insertKey, put.key());
            insertKey.executeUpdate();
        }
        bindTask(upsert, put.task());
        return upsert.executeUpdate();
    }

    private int sweep(Forget sweep) throws SQLException {
        forget.setLong(1, sweep.finishedBeforeMs());
        forget.setInt(2, sweep.max());
        return forget.executeUpdate();
    }

    private void rollback() {
        try {
            writeConnection.rollback();
        } catch (SQLException ignored) {
            // The batch already failed and its changes are retried or refused; a broken
            // connection shows up again, with its cause, on the next commit.
        }
    }

    private static void bindTask(PreparedStatement s, Task t) throws SQLException {
        s.setString(1, t.id());
        s.setString(2, t.type().name());
        s.setString(3, t.status().name());
        s.setInt(4, t.progressPercent());
        s.setString(5, t.additionalInfo());
        s.setString(6, t.uniqueTransferId());
        s.setString(7, t.fingerprint());
        s.setLong(8, t.createdMs());
        s.setLong(9, t.updatedMs());
        s.setLong(10, t.deadlineMs());
        s.setLong(11, t.finishedMs());
        s.setString(12, t.resumeStatus() == null ? null : t.resumeStatus().name());
        s.setInt(13, t.pastPointOfNoReturn() ? 1 : 0);
        s.setInt(14, t.callback() ? 1 : 0);
    }

    private static void bindKey(PreparedStatement s, TransferId key) throws SQLException {
        s.setString(1, key.uniqueTransferId());
        s.setString(2, key.taskId());
        s.setString(3, key.fingerprint());
        s.setLong(4, key.usedMs());
    }

    @Override
    public Optional<Task> find(String taskId) {
        return read(reader -> {
            PreparedStatement s = reader.statement(FIND);
            s.setString(1, taskId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(task(rows)) : Optional.empty();
            }
        });
    }

    @Override
    public Optional<TransferId> findTransferId(String uniqueTransferId) {
        return read(reader -> {
            PreparedStatement s = reader.statement(FIND_KEY);
            s.setString(1, uniqueTransferId);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TransferId(uniqueTransferId, rows.getString(1),
                    rows.getString(2), rows.getLong(3)));
            }
        });
    }

    @Override
    public List<Task> unfinished() {
        return query(UNFINISHED);
    }

    @Override
    public List<Task> list(TaskQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM task WHERE "
            + "(created_ms > ? OR (created_ms = ? AND id > ?))");
        List<Object> args = new ArrayList<>(List.of(q.afterCreatedMs(), q.afterCreatedMs(),
            q.afterId()));
        if (q.type() != null) {
            sql.append(" AND type = ?");
            args.add(q.type().name());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        sql.append(" AND created_ms >= ? AND created_ms <= ? ORDER BY created_ms, id LIMIT ?");
        args.add(q.fromMs());
        args.add(q.toMs());
        args.add(q.limit());
        return query(sql.toString(), args.toArray());
    }

    /** Runs one of a few fixed queries, so each reader caches at most a handful of them. */
    private List<Task> query(String sql, Object... args) {
        return read(reader -> {
            PreparedStatement s = reader.statement(sql);
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Task> tasks = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    tasks.add(task(rows));
                }
            }
            return tasks;
        });
    }

    private static Task task(ResultSet r) throws SQLException {
        String resume = r.getString(12);
        return new Task(r.getString(1), TaskType.valueOf(r.getString(2)),
            TaskStatus.valueOf(r.getString(3)), r.getInt(4), r.getString(5), r.getString(6),
            r.getString(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11),
            resume == null ? null : TaskStatus.valueOf(resume), r.getInt(13) != 0,
            r.getInt(14) != 0);
    }

    /**
     * One pooled read connection and the statements prepared on it. Not thread-safe: it belongs
     * to the thread that took it from the pool until that thread hands it back.
     */
    private static final class Reader {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Reader(Connection connection) throws SQLException {
            this.connection = connection;
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only=1");
            } catch (SQLException refused) {
                closeQuietly(connection);
                throw refused;
            }
        }

        PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        void close() {
            statements.values().forEach(SqliteTaskStore::closeQuietly);
            closeQuietly(connection);
        }
    }

    private interface Read<T> {
        T apply(Reader reader) throws SQLException;
    }

    private <T> T read(Read<T> work) {
        Reader reader = takeReader();
        try {
            return work.apply(reader);
        } catch (SQLException e) {
            throw new StoreFailure("the task store refused a read: " + e.getMessage(), e);
        } finally {
            readers.add(reader);
        }
    }

    private Reader takeReader() {
        if (!open.get()) {
            throw closed();
        }
        Reader reader;
        try {
            reader = readers.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreFailure("interrupted while waiting for a reader", e);
        }
        if (reader == null) {
            throw new StoreFailure("no reader was free within " + WAIT_MS + " ms", null);
        }
        if (!open.get()) {
            readers.add(reader);
            throw closed();
        }
        return reader;
    }

    /**
     * Stops the writer after it committed what was queued before, fails whatever came later,
     * and closes every connection once its reader is handed back. Idempotent.
     */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        try {
            if (queue.offer(new Stop(new CompletableFuture<>()), WAIT_MS, TimeUnit.MILLISECONDS)) {
                writer.join(WAIT_MS);
            }
            List<Change> late = new ArrayList<>();
            queue.drainTo(late);
            late.forEach(change -> change.done().completeExceptionally(closed()));
            closeQuietly(upsert);
            closeQuietly(insertKey);
            closeQuietly(forget);
            closeQuietly(writeConnection);
            for (int i = 0; i < READERS; i++) {
                Reader reader = readers.poll(WAIT_MS, TimeUnit.MILLISECONDS);
                if (reader != null) {
                    reader.close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception ignored) {
            // Closing at shutdown: nothing is left to save.
        }
    }
}
