package cnode.store;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.stdx.Ids;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskPolicy;
import cnode.task.TaskStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Durability under a real crash: {@link TaskWriteLoader} runs as its own process, writing tasks
 * through the engine and printing each acknowledged change; the test kills it with SIGKILL
 * ({@link Process#destroyForcibly}) mid-stream, opens the same store, and checks that every
 * acknowledged change is there (the task is at the acknowledged step or a later one) and every
 * acknowledged uniqueTransferId still names its task; then recovery puts every unfinished task in
 * WAITING_FOR_RESTART. Three rounds on the same store, each loader recovering what the previous
 * one left. Runs on a SQLite file and on a fresh PostgreSQL database.
 */
final class TaskStoreCrashTest {
    private static final long RUN_MS = 1_200;

    @TempDir
    Path folder;

    /** One acknowledged change, as the loader printed it. */
    private record Ack(String taskId, TaskStatus status, int progress, String key) {
        static Optional<Ack> parse(String line) {
            String[] words = line.split(" ");
            if (words.length != 6 || !words[0].equals("ACK") || !words[5].equals("end")) {
                return Optional.empty();
            }
            return Optional.of(new Ack(words[1], TaskStatus.valueOf(words[2]),
                Integer.parseInt(words[3]), words[4].equals("-") ? null : words[4]));
        }
    }

    /** The databases the crash test runs on. */
    enum Backend { SQLITE, POSTGRESQL }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Backend.class)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyAcknowledgedChangeSurvivesSigkillAndRecoveryParksTheRest(Backend backend)
        throws Exception {
        if (backend == Backend.SQLITE) {
            crashThreeTimes(folder.resolve("node.db").toString());
            return;
        }
        try (PostgresTestDatabase database = PostgresTestDatabase.create("crash")) {
            crashThreeTimes(database.url());
        }
    }

    /** Three rounds of load, SIGKILL, check and recovery on the store at {@code location}. */
    private void crashThreeTimes(String location) throws Exception {
        Map<String, Ack> latest = new HashMap<>();
        Map<String, String> keys = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            List<Ack> acks = runAndKill(location, round);
            assertThat(acks).as("acknowledged changes in round %d", round).hasSizeGreaterThan(10);
            for (Ack ack : acks) {
                latest.put(ack.taskId(), ack);
                if (ack.key() != null) {
                    keys.put(ack.key(), ack.taskId());
                }
            }
            checkAndRecover(location, latest, keys);
        }
    }

    private List<Ack> runAndKill(String location, int round) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java,
            "-cp", System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            TaskWriteLoader.class.getName(), location, "60000");
        builder.redirectError(folder.resolve("loader-" + round + ".err").toFile());
        Process loader = builder.start();
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Thread reader = Thread.ofPlatform().start(() -> readLines(loader, lines));
        try {
            awaitReady(loader, lines, round);
            Thread.sleep(RUN_MS);
        } finally {
            loader.destroyForcibly();
        }
        assertThat(loader.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(loader.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(
            Optional.of(true));
        reader.join(10_000);
        return lines.stream().map(Ack::parse).flatMap(Optional::stream).toList();
    }

    private void awaitReady(Process loader, ConcurrentLinkedQueue<String> lines, int round)
        throws Exception {
        long giveUpMs = System.currentTimeMillis() + 30_000;
        while (lines.stream().noneMatch(line -> line.startsWith("READY"))) {
            if (!loader.isAlive() || System.currentTimeMillis() > giveUpMs) {
                throw new AssertionError("the loader did not start: " + Files.readString(
                    folder.resolve("loader-" + round + ".err")));
            }
            Thread.sleep(20);
        }
    }

    private static void readLines(Process loader, ConcurrentLinkedQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(loader.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException closed) {
            // The process was killed; what was read so far is what it acknowledged.
        }
    }

    private static void checkAndRecover(String location, Map<String, Ack> latest,
                                        Map<String, String> keys) {
        try (JdbcTaskStore store = TaskWriteLoader.open(location, 64, 64)) {
            for (Ack ack : latest.values()) {
                Task stored = store.find(ack.taskId()).orElseThrow(
                    () -> new AssertionError("acknowledged task lost: " + ack));
                assertThat(step(stored.status() == TaskStatus.WAITING_FOR_RESTART
                    ? stored.resumeStatus() : stored.status(), stored.progressPercent()))
                    .as("stored %s against acknowledged %s", stored, ack)
                    .isGreaterThanOrEqualTo(step(ack.status(), ack.progress()));
            }
            keys.forEach((key, taskId) -> assertThat(store.findTransferId(key))
                .as("key %s", key).hasValueSatisfying(k -> assertThat(k.taskId())
                    .isEqualTo(taskId)));
            TaskEngine engine = new TaskEngine(store, Ids.secure(),
                new TaskPolicy(86_400_000L, 3_600_000L, 100_000, 1_000), task -> { });
            int recovered = engine.recover(System.currentTimeMillis());
            assertThat(store.unfinished()).hasSize(recovered)
                .allSatisfy(task -> assertThat(task.status())
                    .isEqualTo(TaskStatus.WAITING_FOR_RESTART));
        }
    }

    /** How far along the loader's path a task is: its step, then its progress. */
    private static int step(TaskStatus status, int progress) {
        int order = switch (status) {
            case PREPARATION -> 0;
            case SEARCHING -> 1;
            case TRANSFERRING -> 2;
            case FINISHED_OK -> 3;
            default -> throw new AssertionError("the loader never writes " + status);
        };
        return order * 1_000 + progress;
    }
}
