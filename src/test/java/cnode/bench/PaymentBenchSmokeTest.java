package cnode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.cli.BenchConfig;
import cnode.cli.UsageError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code cnode bench payments} from rotting, at a tiny size: a real colony and real
 * nodes in this process, 40 one-coin payments driven over SOAP, every one FINISHED_OK, the
 * report's numbers present, the colony's conservation check passed, the merchants holding
 * exactly what was paid, and the data folder emptied afterwards. No timing is asserted; the
 * figures come from full runs by hand (docs/PERFORMANCE.md).
 */
final class PaymentBenchSmokeTest {
    @Test
    void aTinyRunCompletesItsPaymentsAndReportsTheirFigures(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("bench");
        BenchConfig config = BenchConfig.parse(List.of("payments", "--payers", "2",
            "--payments", "40", "--concurrency", "2", "--warm-up", "1ms", "--amount", "2000",
            "--data", data.toString()));

        BenchReport report = PaymentBench.measure(config);

        assertThat(report.run().payments()).hasSize(40);
        assertThat(report.finishedOk()).as(report.text()).isEqualTo(40);
        assertThat(report.ends()).containsOnlyKeys("FINISHED_OK");
        assertThat(report.check().passed()).as(report.text()).isTrue();
        assertThat(report.received()).isEqualTo(40 * 2_000);
        assertThat(report.moneyAgrees()).isTrue();
        assertThat(report.perSecond()).isPositive();
        assertThat(report.latencies().count()).isPositive();
        assertThat(report.latencies().p99Ms()).isGreaterThanOrEqualTo(report.latencies().p50Ms())
            .isPositive();
        assertThat(report.cpu().processNs()).isPositive();
        assertThat(report.cpu().byGroup()).containsKey(CpuGroup.GENERATOR);
        assertThat(report.text()).contains("payments/s", "p99", "conservation check: passed",
            "virtual threads' carriers");
        try (Stream<Path> left = Files.list(data)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theCommandPrintsItsReport(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        PaymentBench.run(List.of("payments", "--payers", "1", "--payments", "5",
            "--concurrency", "1", "--warm-up", "1ms", "--data", dir.resolve("b").toString()),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8))
            .contains("payments started 5, FINISHED_OK 5", "merchants hold 5000 billons");
    }

    @Test
    void flagsOutOfRangeAreUsageErrors() {
        assertUsageError(List.of());
        assertUsageError(List.of("transfers"));
        assertUsageError(List.of("payments", "--payments", "10", "--duration", "5s"));
        assertUsageError(List.of("payments", "--amount", "3000"));
        assertUsageError(List.of("payments", "--payers", "65"));
        assertUsageError(List.of("payments", "--concurrency", "0"));
    }

    @Test
    void coinsCoverEachPayersShareOfThePayments() throws UsageError {
        BenchConfig even = BenchConfig.parse(List.of("payments", "--payers", "4",
            "--payments", "1000", "--concurrency", "8"));
        BenchConfig fewThreads = BenchConfig.parse(List.of("payments", "--payers", "8",
            "--payments", "1000", "--concurrency", "2"));

        assertThat(even.coinsEach()).isGreaterThanOrEqualTo(250);
        assertThat(fewThreads.coinsEach()).isGreaterThanOrEqualTo(500);
        assertThat(BenchSeeding.faceValueCounts(1_000).split("\n")).hasSize(21)
            .containsOnly("0", "N");
    }

    private static void assertUsageError(List<String> args) {
        try {
            BenchConfig.parse(args);
        } catch (UsageError expected) {
            return;
        }
        throw new AssertionError("accepted " + args);
    }
}
