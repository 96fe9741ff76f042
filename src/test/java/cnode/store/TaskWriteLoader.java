package cnode.store;

import cnode.stdx.Clock;
import cnode.stdx.Ids;
import cnode.task.NewTask;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskEngine.Moved;
import cnode.task.TaskPolicy;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The program the crash test kills: opens the task store its first argument names (a
 * {@code jdbc:postgresql://} URL, or else a SQLite file), recovers the engine (printing
 * {@code READY <recovered>}), finishes the tasks a previous run left waiting, and then, from
 * several threads, creates tasks and moves each PREPARATION → SEARCHING → TRANSFERRING
 * (10, 50, 90) → FINISHED_OK, every third one with a uniqueTransferId. Only after an engine call
 * has returned does it print {@code ACK <taskId> <status> <progress> <key or -> end} and flush,
 * so every printed line is a change the engine acknowledged. It stops by itself after the
 * milliseconds given as its second argument, or as soon as its standard input closes (its
 * parent is gone).
 */
final class TaskWriteLoader {
    private static final int THREADS = 4;
    private static final PrintStream OUT = System.out;

    private final TaskEngine engine;
    private final Clock clock = Clock.SYSTEM;
    private final long stopAtMs;

    private TaskWriteLoader(TaskEngine engine, long stopAtMs) {
        this.engine = engine;
        this.stopAtMs = stopAtMs;
    }

    public static void main(String[] args) throws Exception {
        long runMs = Long.parseLong(args[1]);
        Thread.ofPlatform().daemon().start(TaskWriteLoader::exitWhenParentGoes);
        JdbcTaskStore store = open(args[0], 1_024, 256);
        TaskPolicy policy = new TaskPolicy(86_400_000L, 3_600_000L, 100_000, 1_000);
        TaskEngine engine = new TaskEngine(store, Ids.secure(), policy, task -> { });
        TaskWriteLoader loader = new TaskWriteLoader(engine, System.currentTimeMillis() + runMs);
        int recovered = engine.recover(loader.clock.nowMs());
        print("READY " + recovered);
        for (Task waiting : engine.waitingForRestart()) {
            loader.finishRecovered(waiting);
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> loader.run(thread)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        store.close();
    }

    /** The store at {@code location}: a PostgreSQL JDBC URL, or else a SQLite file. */
    static JdbcTaskStore open(String location, int queueMax, int batchMax) {
        if (location.startsWith("jdbc:postgresql:")) {
            return new PostgresTaskStore(PostgresLocation.parse(location), queueMax, batchMax);
        }
        return new SqliteTaskStore(Path.of(location), queueMax, batchMax);
    }

    private static void exitWhenParentGoes() {
        try {
            InputStream in = System.in;
            while (in.read() >= 0) {
                continue;
            }
        } catch (IOException gone) {
            // The pipe broke: the parent is gone just the same.
        }
        Runtime.getRuntime().halt(3);
    }

    private void run(int thread) {
        for (int n = 0; clock.nowMs() < stopAtMs; n++) {
            String key = n % 3 == 0 ? "key-" + System.nanoTime() + "-" + thread + "-" + n : null;
            NewTask request = new NewTask(TaskType.GIVE_MONEY, key, key == null ? null : "fp",
                "{}", null, false);
            Task task = engine.create(request, clock.nowMs()).task();
            ack(task, key);
            ack(step(task.id(), TaskStatus.SEARCHING, 0), null);
            for (int progress = 10; progress < 100; progress += 40) {
                ack(step(task.id(), TaskStatus.TRANSFERRING, progress), null);
            }
            ack(step(task.id(), TaskStatus.FINISHED_OK, 100), null);
        }
    }

    private void finishRecovered(Task waiting) {
        Moved resumed = engine.resume(waiting.id(), clock.nowMs());
        ack(resumed.task(), null);
        ack(step(waiting.id(), TaskStatus.FINISHED_OK, 100), null);
    }

    private Task step(String taskId, TaskStatus to, int progress) {
        Moved moved = engine.advance(taskId, to, progress, null, clock.nowMs());
        if (!moved.moved()) {
            throw new IllegalStateException("the loader's move was refused: " + moved.reason());
        }
        return moved.task();
    }

    private static void ack(Task task, String key) {
        print("ACK " + task.id() + " " + task.status() + " " + task.progressPercent() + " "
            + (key == null ? "-" : key) + " end");
    }

    private static void print(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }
}
