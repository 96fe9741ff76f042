package cnode.colony.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@link ColonySwapBenchmark} from rotting: a run at a smoke size on a SQLite file, which
 * must commit every swap (the benchmark throws otherwise) and keep conservation. The figures
 * of a real run come from a run by hand, not from here.
 */
final class ColonySwapBenchmarkTest {
    @TempDir
    Path folder;

    @Test
    void benchmarkRunsAtSmokeSize() throws Exception {
        ColonySwapBenchmark.Settings settings = new ColonySwapBenchmark.Settings(
            folder.resolve("colony.db").toString(), 16, 2, 10);

        ColonySwapBenchmark.Figures figures = ColonySwapBenchmark.run(settings);

        assertThat(figures.swaps()).isEqualTo(160);
        assertThat(figures.commits()).isPositive().isLessThanOrEqualTo(2 * 160);
        assertThat(figures.rows()).isGreaterThanOrEqualTo(figures.swaps() * 6);
        assertThat(figures.swapsPerSecond()).isPositive();
    }
}
