package cnode.soap;

import cnode.bench.JmhSmoke;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

/** Runs {@link EnvelopeBenchmark} in a tiny size so a broken benchmark fails the build. */
final class EnvelopeBenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsAndScores() throws RunnerException {
        JmhSmoke.runAndScore(EnvelopeBenchmark.class, 3);
    }
}
