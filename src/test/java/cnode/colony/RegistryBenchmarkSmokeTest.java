package cnode.colony;

import cnode.bench.JmhSmoke;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

/** Runs {@link RegistryBenchmark} in a tiny size so a broken benchmark fails the build. */
final class RegistryBenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsAndScores() throws RunnerException {
        JmhSmoke.runAndScore(RegistryBenchmark.class, 2);
    }
}
