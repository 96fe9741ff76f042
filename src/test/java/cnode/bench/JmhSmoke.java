package cnode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a JMH benchmark class in a tiny size, in the test's JVM, so a broken benchmark fails the
 * build (house style: benchmarks cannot rot); the figures mean nothing at this size. Stateless.
 */
public final class JmhSmoke {

    static {
        // JMH takes a machine-wide lock so that two measuring runs do not disturb each other.
        // A smoke run measures nothing, and builds sharing a machine would otherwise fail it at
        // random; JMH reads the flag once, when its Runner class loads.
        System.setProperty("jmh.ignoreLock", "true");
    }

    private JmhSmoke() {
    }

    /**
     * Runs every benchmark method of {@code benchmark} briefly and checks that exactly
     * {@code count} of them ran and each scored above zero.
     */
    public static void runAndScore(Class<?> benchmark, int count) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(50))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        assertThat(results).hasSize(count);
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getScore())
                    .as(result.getParams().getBenchmark())
                    .isPositive();
        }
    }
}
