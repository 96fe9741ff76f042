package cnode.crypto;

import cnode.bench.JmhSmoke;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

/** Runs {@link SignatureBenchmark} in a tiny size so a broken benchmark fails the build. */
final class SignatureBenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsAndScores() throws RunnerException {
        JmhSmoke.runAndScore(SignatureBenchmark.class, 5);
    }
}
