package cnode.colony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link RegistryBenchmark} in a tiny size, in this JVM, so a broken benchmark fails the
 * build; the figures themselves mean nothing at this size.
 */
final class RegistryBenchmarkSmokeTest {

    static {
        // JMH takes a machine-wide lock so that two measuring runs do not disturb each other.
        // This run measures nothing, and builds sharing a machine would otherwise fail it at
        // random; JMH reads the flag once, when its Runner class loads.
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void everyBenchmarkRunsAndScores() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(RegistryBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(50))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build()).run();

        assertThat(results).hasSize(2);
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getScore())
                .as(result.getParams().getBenchmark())
                .isPositive();
        }
    }
}
