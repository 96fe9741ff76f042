package cnode.store;

import cnode.stdx.Ids;
import cnode.task.NewTask;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskPolicy;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one {@code find} of a finished task costs on the SQLite task store: the hot path of
 * {@code getTaskStatus} for a task that has left the engine's live map. The store is filled with
 * {@code tasks} finished tasks, each created and finished through the {@link TaskEngine} (never
 * written by hand), from many virtual threads so the fill itself rides on group commit.
 *
 * <p>Public and not final because JMH generates subclasses of it and reads its fields. The
 * smoke test {@code TaskStoreBenchmarkTest} runs it at a tiny size in the normal test run; real
 * figures come from a run by hand (see {@code docs/PERFORMANCE.md}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TaskStoreBenchmark {
    private static final long NOW_MS = 1_700_000_000_000L;
    private static final int FILLERS = 256;

    /** How many finished tasks the store holds while it is measured. */
    @Param("100000")
    public int tasks;

    private Path folder;
    private SqliteTaskStore store;
    private TaskEngine engine;
    private String[] ids;

    /** Each measuring thread walks the ids from its own place, with a stride. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next = (int) (Thread.currentThread().threadId() * 7919);

        int advance(int size) {
            next = (next + 104_729) % size;
            return next;
        }
    }

    @Setup(Level.Trial)
    public void fill() throws Exception {
        folder = Files.createTempDirectory("cnode-bench");
        store = new SqliteTaskStore(folder.resolve("node.db"), 4_096, 512);
        TaskPolicy policy = new TaskPolicy(365L * 86_400_000L, 60_000L, 1_000_000, 1_000);
        engine = new TaskEngine(store, Ids.secure(), policy, task -> { });
        ids = new String[tasks];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?>[] fillers = new Future<?>[FILLERS];
            for (int f = 0; f < FILLERS; f++) {
                int first = f;
                fillers[f] = pool.submit(() -> fillEvery(first));
            }
            for (Future<?> filler : fillers) {
                filler.get();
            }
        }
    }

    private void fillEvery(int first) {
        for (int i = first; i < tasks; i += FILLERS) {
            NewTask request = new NewTask(TaskType.GIVE_MONEY, "bench-" + i, "fp", "{}", null,
                false);
            Task task = engine.create(request, NOW_MS).task();
            engine.advance(task.id(), TaskStatus.FINISHED_OK, 100, null, NOW_MS);
            ids[i] = task.id();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** One lookup of a finished task through the engine, which asks the store. */
    @Benchmark
    public Optional<Task> find(Cursor cursor) {
        return engine.find(ids[cursor.advance(ids.length)], NOW_MS + 1);
    }
}
