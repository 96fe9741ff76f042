package cnode.store;

import cnode.money.Currency;
import cnode.task.PaymentQuery;
import cnode.task.PaymentRecord;
import cnode.task.Task;
import cnode.task.TaskQuery;
import cnode.task.TaskStatus;
import cnode.task.TaskStore;
import cnode.task.TaskType;
import java.sql.Connection;
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

/**
 * The task store over JDBC, the same on SQLite ({@link SqliteTaskStore}) and PostgreSQL
 * ({@link PostgresTaskStore}); a {@link StoreDialect} says what differs, the SQL does not. One
 * writer thread owns the write connection and is the only one that changes the database: it
 * takes queued changes (task writes, payment records and forget sweeps) in batches and commits
 * each batch at once (group commit), so a caller's change returns only after the commit holding
 * it is durable, and many callers share one commit. A task write that carries its payment record
 * is one change: both are in the same commit or neither is. If a batch fails, it is rolled
 * back and each of its changes is tried once more alone, so a caller fails only for its own
 * change, and a failed change is never visible. Readers use a small bounded pool of their own
 * read-only connections; each pooled reader keeps its prepared statements, and belongs to the
 * thread that took it from the pool until it is handed back. Readers see only committed data
 * and never block the writer.
 *
 * <p>A connection that is lost (a database server restarted, a network cut) is replaced: the
 * writer opens a new one after a failed batch and retries the batch's changes on it, a reader
 * after a failed read, which it then runs once more. A connection lost during the commit itself
 * leaves that commit's outcome unknown; its callers may then fail for a change that was kept
 * (as after the 30 s wait below). SQLite never loses its connections this way.
 *
 * <p>Limits: the write queue holds {@code queueMax} changes (callers wait up to 30 s when it is
 * full), a batch is at most {@code batchMax} changes, a caller waits at most 30 s for its commit
 * (and then fails without knowing whether the commit happened later), and a reader waits at most
 * 30 s for a free connection. After {@link #close} every call fails with {@link StoreFailure}.
 */
public abstract sealed class JdbcTaskStore implements TaskStore
    permits SqliteTaskStore, PostgresTaskStore {
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
    private static final String PAYMENT_COLUMNS = "id, task_id, transfer_id, direction, kind, "
        + "counterparty, amount, currency, colour, transferred, change_returned, coin_count, "
        + "status, series_id, title, document, cashier, invoice_num, created_ms, finished_ms";
    private static final String UPSERT_PAYMENT = "INSERT INTO payment (" + PAYMENT_COLUMNS
        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
        + "task_id = excluded.task_id, transfer_id = excluded.transfer_id, "
        + "direction = excluded.direction, kind = excluded.kind, "
        + "counterparty = excluded.counterparty, amount = excluded.amount, "
        + "currency = excluded.currency, colour = excluded.colour, "
        + "transferred = excluded.transferred, change_returned = excluded.change_returned, "
        + "coin_count = excluded.coin_count, status = excluded.status, "
        + "series_id = excluded.series_id, title = excluded.title, "
        + "document = excluded.document, cashier = excluded.cashier, "
        + "invoice_num = excluded.invoice_num, created_ms = excluded.created_ms, "
        + "finished_ms = excluded.finished_ms";
    /** This node's own task first (task_id not empty), then the latest. */
    private static final String FIND_PAYMENT = "SELECT " + PAYMENT_COLUMNS + " FROM payment "
        + "WHERE transfer_id = ? ORDER BY CASE WHEN task_id = '' THEN 1 ELSE 0 END, "
        + "finished_ms DESC, id DESC LIMIT 1";
    /**
     * The schema's Flyway migrations: one location for both databases, because the store's
     * DDL is portable SQL. Flyway scans it recursively, so a later split into per-database
     * folders must move the shared files out of its root.
     */
    static final String MIGRATIONS = "classpath:db/node";
    private static final long WAIT_MS = 30_000;
    private static final int VALID_CHECK_SECONDS = 2;
    private static final int READERS = 4;

    private final StoreDialect dialect;
    private final int batchMax;
    private final BlockingQueue<Change> queue;
    private final BlockingQueue<Reader> readers = new ArrayBlockingQueue<>(READERS);
    /** The writer thread's; null while a lost connection could not be replaced. */
    private Writes writes;
    private final Thread writer;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicLong commits = new AtomicLong();

    /** One unit of the writer's queue; {@code done} completes once it is committed, or fails. */
    private sealed interface Change {
        CompletableFuture<Integer> done();
    }

    /** A task (or null) with its key (or null) and its payment (or null), in one commit. */
    private record Put(Task task, TransferId key, PaymentRecord payment,
                       CompletableFuture<Integer> done) implements Change {}

    private record Forget(long finishedBeforeMs, int max, CompletableFuture<Integer> done)
        implements Change {}

    /** Tells the writer to stop once it has committed what it already took. */
    private record Stop(CompletableFuture<Integer> done) implements Change {}

    /** Prepares the database (checks, migration) and opens the writer and the readers. */
    JdbcTaskStore(StoreDialect dialect, int queueMax, int batchMax) {
        if (queueMax <= 0 || batchMax <= 0) {
            throw new IllegalArgumentException("queue and batch limits must be positive");
        }
        this.dialect = Objects.requireNonNull(dialect);
        this.batchMax = batchMax;
        this.queue = new ArrayBlockingQueue<>(queueMax);
        dialect.prepare().run();
        try {
            writes = new Writes(dialect.connector().open());
            for (int i = 0; i < READERS; i++) {
                readers.add(openReader());
            }
        } catch (SQLException e) {
            if (writes != null) {
                writes.close();
            }
            readers.forEach(Reader::close);
            throw new StoreFailure("cannot open the task store " + dialect.location() + ": "
                + e.getMessage(), e);
        }
        writer = Thread.ofPlatform().name("task-store-writer").daemon().start(this::writeLoop);
    }

    /** Where the store is, for logs: a file, or a database URL with its password masked. */
    public String location() {
        return dialect.location();
    }

    /** Transactions the writer has committed since the store opened. */
    public long commits() {
        return commits.get();
    }

    @Override
    public void write(Task task, TransferId key, PaymentRecord payment) {
        Objects.requireNonNull(task);
        keyed(payment);
        await(new Put(task, key, payment, new CompletableFuture<>()));
    }

    /**
     * Queues the task's row and returns; the future completes with the commit. The queue's
     * bound holds here too: a full queue waits like a write does (the caller is slowed, not
     * refused at once), and a queue that stays full fails the future.
     */
    @Override
    public CompletableFuture<Void> writeInBackground(Task task) {
        Objects.requireNonNull(task);
        Put put = new Put(task, null, null, new CompletableFuture<>());
        try {
            enqueue(put);
        } catch (StoreFailure failure) {
            put.done().completeExceptionally(failure);
        }
        return put.done().thenApply(rows -> null);
    }

    @Override
    public void record(PaymentRecord payment) {
        keyed(Objects.requireNonNull(payment));
        await(new Put(null, null, payment, new CompletableFuture<>()));
    }

    private static void keyed(PaymentRecord payment) {
        if (payment != null && payment.id().isEmpty()) {
            throw new IllegalArgumentException("a stored payment needs an id");
        }
    }

    @Override
    public int forget(long finishedBeforeMs, int max) {
        if (max <= 0) {
            return 0;
        }
        return await(new Forget(finishedBeforeMs, max, new CompletableFuture<>()));
    }

    /** Puts {@code change} on the writer's queue, waiting for room at most {@code WAIT_MS}. */
    private void enqueue(Change change) {
        if (!open.get()) {
            throw closed();
        }
        try {
            if (!queue.offer(change, WAIT_MS, TimeUnit.MILLISECONDS)) {
                throw new StoreFailure("the task store's write queue stayed full", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreFailure("interrupted while queueing a write", e);
        }
        if (!open.get() && queue.remove(change)) {
            throw closed();
        }
    }

    private int await(Change change) {
        enqueue(change);
        try {
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

    /**
     * Commits the batch at once; if that fails, tries each change once more alone, so only the
     * change at fault fails. Without a connection to try them on, all of them fail. Writer
     * thread.
     */
    private void commitBatch(List<Change> batch) {
        Exception failure = attempt(batch);
        if (failure == null) {
            return;
        }
        for (Change change : batch) {
            if (writes == null) {
                change.done().completeExceptionally(failure);
                continue;
            }
            Exception alone = attempt(List.of(change));
            if (alone != null) {
                change.done().completeExceptionally(alone);
                failure = alone;
            }
        }
    }

    /**
     * Applies and commits the changes and completes them; on failure rolls back, replaces a
     * lost connection, and returns the failure with the changes still pending. Writer thread.
     */
    private Exception attempt(List<Change> changes) {
        int[] counts;
        try {
            counts = apply(changes);
        } catch (SQLException | RuntimeException failure) {
            recover();
            return failure;
        }
        for (int i = 0; i < changes.size(); i++) {
            changes.get(i).done().complete(counts[i]);
        }
        return null;
    }

    private int[] apply(List<Change> batch) throws SQLException {
        if (writes == null) {
            writes = new Writes(dialect.connector().open());
        }
        int[] counts = new int[batch.size()];
        Map<String, Integer> lastWriteOfTask = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof Put put && put.task() != null) {
                lastWriteOfTask.put(put.task().id(), i);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            int index = i;
            counts[i] = switch (batch.get(i)) {
                case Put put when replacedLater(put, index, lastWriteOfTask) -> 0;
                case Put put -> put(put);
                case Forget sweep -> sweep(sweep);
                case Stop stop -> throw new IllegalStateException("a stop inside a batch");
            };
        }
        writes.connection.commit();
        commits.incrementAndGet();
        return counts;
    }

    /**
     * Whether {@code put} (at {@code index} of the batch) only writes a task row that a later
     * write of the same task in this commit replaces: then it is left out, as the contract of
     * {@link #writeInBackground} allows. A write with a key or a payment is always made.
     */
    private static boolean replacedLater(Put put, int index, Map<String, Integer> last) {
        return put.key() == null && put.payment() == null && put.task() != null
            && last.get(put.task().id()) > index;
    }

    private int put(Put put) throws SQLException {
        if (put.key() != null) {
            bindKey(writes.insertKey, put.key());
            writes.insertKey.executeUpdate();
        }
        int rows = 0;
        if (put.task() != null) {
            bindTask(writes.upsert, put.task());
            rows += writes.upsert.executeUpdate();
        }
        if (put.payment() != null) {
            bindPayment(writes.upsertPayment, put.payment());
            rows += writes.upsertPayment.executeUpdate();
        }
        return rows;
    }

    private int sweep(Forget sweep) throws SQLException {
        writes.forget.setLong(1, sweep.finishedBeforeMs());
        writes.forget.setInt(2, sweep.max());
        return writes.forget.executeUpdate();
    }

    /**
     * Rolls back after a failure. A connection that is no longer valid is closed and replaced;
     * if no new one can be had, {@code writes} stays null and the next batch tries again.
     */
    private void recover() {
        if (writes == null) {
            return;
        }
        try {
            writes.connection.rollback();
        } catch (SQLException ignored) {
            // The batch already failed and its changes are retried or refused; whether the
            // connection itself still works is checked next.
        }
        if (valid(writes.connection)) {
            return;
        }
        writes.close();
        writes = null;
        try {
            writes = new Writes(dialect.connector().open());
        } catch (SQLException unreachable) {
            // Left null: the changes waiting now fail with the batch's own failure.
        }
    }

    private static boolean valid(Connection connection) {
        try {
            return connection.isValid(VALID_CHECK_SECONDS);
        } catch (SQLException broken) {
            return false;
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

    private static void bindPayment(PreparedStatement s, PaymentRecord p) throws SQLException {
        s.setString(1, p.id());
        s.setString(2, p.taskId());
        s.setString(3, p.uniqueTransferId());
        s.setString(4, p.direction().name());
        s.setString(5, p.kind());
        s.setString(6, p.counterparty());
        s.setLong(7, p.amount());
        s.setString(8, p.currency());
        s.setLong(9, p.colour());
        s.setLong(10, p.transferredAmount());
        s.setLong(11, p.changeReturned());
        s.setInt(12, p.coinCount());
        s.setString(13, p.status().name());
        s.setString(14, p.seriesId());
        s.setString(15, p.title());
        s.setString(16, p.purchaseDocument());
        s.setString(17, p.cashierName());
        s.setString(18, p.invoiceNum());
        s.setLong(19, p.createdMs());
        s.setLong(20, p.finishedMs());
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

    @Override
    public Optional<PaymentRecord> findPayment(String uniqueTransferId) {
        return read(reader -> {
            PreparedStatement s = reader.statement(FIND_PAYMENT);
            s.setString(1, uniqueTransferId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(payment(rows)) : Optional.empty();
            }
        });
    }

    /**
     * One page of the history. The SQL has one shape per combination of the optional filters
     * (sixteen at most), so each reader caches a bounded number of statements.
     */
    @Override
    public List<PaymentRecord> payments(PaymentQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + PAYMENT_COLUMNS + " FROM payment "
            + "WHERE (finished_ms > ? OR (finished_ms = ? AND id > ?)) "
            + "AND finished_ms >= ? AND finished_ms <= ?");
        List<Object> args = new ArrayList<>(List.of(q.afterFinishedMs(), q.afterFinishedMs(),
            q.afterId(), q.fromMs(), q.toMs()));
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (q.cashierName() != null) {
            sql.append(" AND cashier = ?");
            args.add(q.cashierName());
        }
        if (q.invoiceNum() != null) {
            sql.append(" AND invoice_num = ?");
            args.add(q.invoiceNum());
        }
        Currency currency = q.currency();
        if (currency != null) {
            sql.append(" AND currency = ? AND colour = ? AND amount >= ? AND amount <= ?");
            args.addAll(List.of(currency.code(), q.colour(), q.fromAmount(), q.toAmount()));
        }
        sql.append(" ORDER BY finished_ms, id LIMIT ?");
        args.add(q.limit());
        return read(reader -> {
            PreparedStatement s = reader.statement(sql.toString());
            bind(s, args.toArray());
            List<PaymentRecord> records = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    records.add(payment(rows));
                }
            }
            return records;
        });
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    private static PaymentRecord payment(ResultSet r) throws SQLException {
        return new PaymentRecord(r.getString(1), r.getString(2), r.getString(3),
            PaymentRecord.Direction.valueOf(r.getString(4)), r.getString(5), r.getString(6),
            r.getLong(7), r.getString(8), r.getLong(9), r.getLong(10), r.getLong(11),
            r.getInt(12), TaskStatus.valueOf(r.getString(13)), r.getString(14),
            r.getString(15), r.getString(16), r.getString(17), r.getString(18), r.getLong(19),
            r.getLong(20));
    }

    /** Runs one of a few fixed queries, so each reader caches at most a handful of them. */
    private List<Task> query(String sql, Object... args) {
        return read(reader -> {
            PreparedStatement s = reader.statement(sql);
            bind(s, args);
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
     * The write connection (not auto-committing) and the statements prepared on it. Belongs to
     * the writer thread; {@link #close} of the store touches it only after the writer ended.
     */
    private static final class Writes {
        private final Connection connection;
        private final PreparedStatement upsert;
        private final PreparedStatement insertKey;
        private final PreparedStatement forget;
        private final PreparedStatement upsertPayment;

        Writes(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                connection.setAutoCommit(false);
                upsert = connection.prepareStatement(UPSERT);
                insertKey = connection.prepareStatement(INSERT_KEY);
                forget = connection.prepareStatement(FORGET);
                upsertPayment = connection.prepareStatement(UPSERT_PAYMENT);
            } catch (SQLException refused) {
                closeQuietly(connection);
                throw refused;
            }
        }

        void close() {
            closeQuietly(upsert);
            closeQuietly(insertKey);
            closeQuietly(forget);
            closeQuietly(upsertPayment);
            closeQuietly(connection);
        }
    }

    /**
     * One pooled read connection and the statements prepared on it. Not thread-safe: it belongs
     * to the thread that took it from the pool until that thread hands it back.
     */
    private static final class Reader {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Reader(Connection connection, List<String> readOnlySql) throws SQLException {
            this.connection = connection;
            try (Statement statement = connection.createStatement()) {
                for (String sql : readOnlySql) {
                    statement.execute(sql);
                }
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

        boolean valid() {
            return JdbcTaskStore.valid(connection);
        }

        void close() {
            statements.values().forEach(JdbcTaskStore::closeQuietly);
            closeQuietly(connection);
        }
    }

    private Reader openReader() throws SQLException {
        return new Reader(dialect.connector().open(), dialect.readOnlySql());
    }

    private interface Read<T> {
        T apply(Reader reader) throws SQLException;
    }

    /**
     * Runs a read on a pooled reader. A read that fails on a connection that is no longer valid
     * runs once more on a new connection, which then replaces the old one in the pool; if no
     * new one can be had, the old one goes back and the read fails.
     */
    private <T> T read(Read<T> work) {
        Reader reader = takeReader();
        try {
            try {
                return work.apply(reader);
            } catch (SQLException failure) {
                if (reader.valid()) {
                    throw failure;
                }
                Reader fresh = openReader();
                reader.close();
                reader = fresh;
                return work.apply(reader);
            }
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
            if (writes != null) {
                writes.close();
            }
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

    static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception ignored) {
            // Closing at shutdown or after a loss: nothing is left to save.
        }
    }
}
