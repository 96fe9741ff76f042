package cnode.bench;

import cnode.stdx.Ids;
import cnode.store.SqliteTaskStore;
import cnode.task.NewTask;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskPolicy;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Fills a node's data folder with finished tasks for the HTTP benchmark
 * ({@code scripts/bench-http.sh}): {@code TaskLoader DIR COUNT IDS_FILE} opens
 * {@code DIR/node.db} through {@link SqliteTaskStore}, creates COUNT tasks through a
 * {@link TaskEngine} and finishes each one through it too (never a row written by hand), then
 * writes a random sample of at most {@value #SAMPLE_MAX} of their ids to IDS_FILE, one a line.
 *
 * <p>The tasks are mixed: every type, a quarter with a uniqueTransferId, and four endings
 * (straight to FINISHED_OK, through TRANSFERRING to FINISHED_OK, two failures). Every store
 * write blocks until its group commit, so the load runs {@value #IN_FLIGHT} tasks at once on
 * virtual threads, which lets each commit carry a large batch. The main thread fixes the sample
 * plan before the load and never changes it; each loading thread writes only its own slots of
 * the sample.
 */
final class TaskLoader {
    static final int SAMPLE_MAX = 10_000;
    private static final int IN_FLIGHT = 512;
    private static final long TTL_MS = 3_650L * 86_400_000L;
    private static final long DEADLINE_MS = 15L * 60_000L;

    private final TaskEngine engine;
    private final int count;
    /** Task number to its slot in {@link #sample}, fixed before the load starts. */
    private final Map<Integer, Integer> sampleSlots;
    private final AtomicReferenceArray<String> sample;
    private final String runId;
    private final AtomicLong done = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    private TaskLoader(TaskEngine engine, int count, Random random) {
        this.engine = engine;
        this.count = count;
        this.sampleSlots = samplePlan(count, random);
        this.sample = new AtomicReferenceArray<>(sampleSlots.size());
        this.runId = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[1].matches("[1-9][0-9]{0,8}")) {
            System.err.println("usage: TaskLoader DIR COUNT IDS_FILE");
            System.exit(2);
        }
        Result result = load(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
        System.out.printf("loaded %d tasks in %.1f s: %.0f tasks/s, %d commits%n",
            result.tasks(), result.seconds(), result.tasks() / result.seconds(),
            result.commits());
        System.out.printf("LOADER tasks=%d seconds=%.2f rate=%.0f%n", result.tasks(),
            result.seconds(), result.tasks() / result.seconds());
    }

    /** What one load did. */
    record Result(int tasks, double seconds, long commits, List<String> sampledIds) {}

    /** Loads {@code count} finished tasks into {@code dir/node.db}; throws if any failed. */
    static Result load(Path dir, int count, Path idsFile) throws Exception {
        Files.createDirectories(dir);
        SqliteTaskStore store = new SqliteTaskStore(dir.resolve("node.db"), 8_192, 1_024);
        try {
            TaskPolicy policy = new TaskPolicy(TTL_MS, DEADLINE_MS, 1_000_000, 1_000);
            TaskEngine engine = new TaskEngine(store, Ids.secure(), policy, task -> { });
            TaskLoader loader = new TaskLoader(engine, count, new SecureRandom());
            long startNs = System.nanoTime();
            loader.run();
            double seconds = (System.nanoTime() - startNs) / 1e9;
            List<String> ids = new ArrayList<>(loader.sample.length());
            for (int slot = 0; slot < loader.sample.length(); slot++) {
                ids.add(loader.sample.get(slot));
            }
            Collections.shuffle(ids);
            Files.write(idsFile, ids, StandardCharsets.US_ASCII);
            return new Result(count, seconds, store.commits(), List.copyOf(ids));
        } finally {
            store.close();
        }
    }

    /** Picks which task numbers go into the sample, each to its own slot. */
    private static Map<Integer, Integer> samplePlan(int count, Random random) {
        int size = Math.min(count, SAMPLE_MAX);
        int[] picked = count <= SAMPLE_MAX ? IntStream.range(0, count).toArray()
            : random.ints(0, count).distinct().limit(size).toArray();
        Map<Integer, Integer> slots = new HashMap<>(size * 2);
        for (int slot = 0; slot < picked.length; slot++) {
            slots.put(picked[slot], slot);
        }
        return Map.copyOf(slots);
    }

    private void run() throws InterruptedException {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        long step = Math.max(1, count / 10);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count && firstFailure.get() == null; i++) {
                permits.acquire();
                int number = i;
                pool.execute(() -> {
                    try {
                        loadOne(number);
                    } catch (RuntimeException failure) {
                        firstFailure.compareAndSet(null, "task " + number + ": " + failure);
                    } finally {
                        permits.release();
                        progress(done.incrementAndGet(), step);
                    }
                });
            }
        }
        if (firstFailure.get() != null) {
            throw new IllegalStateException("the load failed: " + firstFailure.get());
        }
    }

    private void progress(long finished, long step) {
        if (finished % step == 0 || finished == count) {
            System.out.printf("loaded %d of %d tasks (%d%%)%n", finished, count,
                finished * 100 / count);
        }
    }

    /** Creates task {@code number} and drives it to its end, by the shape its number picks. */
    private void loadOne(int number) {
        TaskType type = TaskType.values()[number % TaskType.values().length];
        String key = number % 4 == 0 ? "bench-" + runId + "-" + number : null;
        String info = "{\"bench\":" + number + ",\"shop\":\"bench-shop\"}";
        NewTask request = new NewTask(type, key, key == null ? null : "fp-" + number, info,
            null, false);
        TaskEngine.Created created = engine.create(request, System.currentTimeMillis());
        if (created.outcome() != TaskEngine.Outcome.CREATED) {
            throw new IllegalStateException("not created: " + created.outcome());
        }
        String id = created.task().id();
        Task finished = finish(number % 8, step -> switch (step) {
            case 0 -> engine.advance(id, TaskStatus.FINISHED_OK, -1, null, now());
            case 1 -> engine.advance(id, TaskStatus.TRANSFERRING, 40,
                "{\"transferred\":\"0.40\"}", now());
            case 2 -> engine.fail(id, TaskStatus.FINISHED_ERR_NOT_ENOUGH_MONEY,
                "The wallet holds too little money.", now());
            default -> engine.fail(id, TaskStatus.FINISHED_ERR_USER_REJECTED,
                "The user rejected the transfer.", now());
        });
        if (!finished.status().terminal()) {
            throw new IllegalStateException("task " + id + " ended " + finished.status());
        }
        Integer slot = sampleSlots.get(number);
        if (slot != null) {
            sample.set(slot, id);
        }
    }

    /**
     * Runs the moves of one shape: shapes 0-3 go straight to FINISHED_OK, 4-5 through
     * TRANSFERRING to FINISHED_OK, 6 and 7 fail. {@code move} maps a step to one engine move.
     */
    private static Task finish(int shape, IntFunction<TaskEngine.Moved> move) {
        int[] steps = switch (shape) {
            case 0, 1, 2, 3 -> new int[] {0};
            case 4, 5 -> new int[] {1, 0};
            case 6 -> new int[] {2};
            default -> new int[] {3};
        };
        TaskEngine.Moved last = null;
        for (int step : steps) {
            last = move.apply(step);
            if (!last.moved()) {
                throw new IllegalStateException("move refused: " + last.reason());
            }
        }
        return last.task();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
