package cnode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps {@link TaskStoreBenchmark} from rotting: runs it in this JVM at a tiny size, one short
 * iteration, and checks it measured something. The figures of a real run come from a run by
 * hand, not from here.
 */
final class TaskStoreBenchmarkTest {

    @Test
    void benchmarkRunsAtSmokeSize() throws RunnerException {
        // A smoke run measures nothing worth protecting, so another JMH run on the machine (which
        // holds JMH's lock file) must not fail it. JMH reads this once, when Runner loads.
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
            .include(TaskStoreBenchmark.class.getName())
            .param("tasks", "500")
            .forks(0)
            .threads(1)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(300))
            .shouldFailOnError(true)
            .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(1);
        double microsPerFind = results.iterator().next().getPrimaryResult().getScore();
        assertThat(microsPerFind).isPositive();
    }
}
