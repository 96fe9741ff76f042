package cnode.colony.store;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.DirectoryConfig;
import cnode.colony.DirectoryRandom;
import cnode.colony.RegistryConfig;
import cnode.colony.SwapRow;
import cnode.colony.SwapState;
import cnode.stdx.Clock;
import cnode.store.PostgresTestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Durability of the colony under a real crash: {@link ColonySwapLoader} runs as its own process,
 * streaming swaps through a {@link ColonyWriter} on the real store and printing each one the
 * colony acknowledged; the test kills it with SIGKILL ({@link Process#destroyForcibly}) in the
 * middle of the stream, then starts a writer on the same store as {@code cnode colony} would
 * (restoring the cores, with the conservation check that refuses a broken store), and checks
 * that every acknowledged swap is there, COMMITTED, and that the full conservation check passes.
 * Three rounds on the same store, each loader starting on what the killed one left. Runs on a
 * SQLite file and on a fresh PostgreSQL database.
 */
final class ColonyStoreCrashTest {
    private static final long RUN_MS = 1_500;

    @TempDir
    Path folder;

    /** The databases the crash test runs on. */
    enum Backend { SQLITE, POSTGRESQL }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Backend.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedSwapSurvivesSigkillAndConservationHolds(Backend backend)
            throws Exception {
        if (backend == Backend.SQLITE) {
            crashThreeTimes(folder.resolve("colony.db").toString());
            return;
        }
        try (PostgresTestDatabase database = PostgresTestDatabase.create("colonycrash")) {
            crashThreeTimes(database.url());
        }
    }

    private void crashThreeTimes(String location) throws Exception {
        List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<String> acks = runAndKill(location, round);
            assertThat(acks).as("swaps acknowledged in round %d", round).hasSizeGreaterThan(10);
            acknowledged.addAll(acks);
            checkAfterRestart(location, acknowledged);
        }
    }

    private List<String> runAndKill(String location, int round) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-ea",
            "-cp", System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            ColonySwapLoader.class.getName(), location, "60000");
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
        assertThat(ProcessHandle.of(loader.pid()).map(ProcessHandle::isAlive))
            .isNotEqualTo(Optional.of(true));
        reader.join(10_000);
        return lines.stream().filter(line -> line.startsWith("ACK ") && line.endsWith(" end"))
            .map(line -> line.split(" ")[1]).toList();
    }

    private void awaitReady(Process loader, ConcurrentLinkedQueue<String> lines, int round)
            throws Exception {
        long giveUpMs = System.currentTimeMillis() + 60_000;
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

    /**
     * Starts a writer on the store, as the colony does at start; its start refuses a store that
     * breaks conservation. Then every acknowledged swap must read COMMITTED.
     */
    private static void checkAfterRestart(String location, List<String> acknowledged)
            throws Exception {
        try (ColonyStore store = ColonySwapLoader.openWhenFree(location);
             ColonyWriter writer = ColonyWriter.start(store, DirectoryConfig.defaults(),
                 DirectoryRandom.secure(), RegistryConfig.defaults(), Clock.SYSTEM,
                 WriterLimits.DEFAULTS)) {
            ColonyCommand<List<String>> check = (state, nowMs) -> {
                List<String> violations = new ArrayList<>(state.registry().check().violations());
                violations.addAll(state.registry().checkTotals().violations());
                return violations;
            };
            ColonyCommand<Map<String, SwapState>> states = (state, nowMs) ->
                state.registry().rows().swaps().stream()
                    .collect(Collectors.toMap(SwapRow::transferId, SwapRow::state));
            assertThat(writer.submit(check).get(30, TimeUnit.SECONDS)).isEmpty();
            Map<String, SwapState> stored = writer.submit(states).get(30, TimeUnit.SECONDS);
            for (String transferId : acknowledged) {
                assertThat(stored.get(transferId)).as("acknowledged swap %s", transferId)
                    .isEqualTo(SwapState.COMMITTED);
            }
        }
    }
}
