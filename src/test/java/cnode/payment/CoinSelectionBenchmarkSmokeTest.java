package cnode.payment;

import cnode.bench.JmhSmoke;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

/** Runs {@link CoinSelectionBenchmark} in a tiny size so a broken benchmark fails the build. */
final class CoinSelectionBenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsAndScores() throws RunnerException {
        JmhSmoke.runAndScore(CoinSelectionBenchmark.class, 3);
    }
}
