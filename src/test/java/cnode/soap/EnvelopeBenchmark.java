package cnode.soap;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How long the SOAP hot path takes: decoding the seed getTaskStatus request, encoding a
 * getTaskStatus response, and both in a row, in microseconds per operation.
 *
 * <p>{@link EnvelopeBenchmarkSmokeTest} runs it in a tiny size with every test run, so it
 * cannot rot. A real run, by hand, from the repository root:
 *
 * <pre>
 * mvn -q -B -o test-compile
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     cnode.soap.EnvelopeBenchmark
 * </pre>
 *
 * (the defaults below: 5 warm-up and 5 measured iterations of 1 s in 1 fork; JMH's own
 * {@code org.openjdk.jmh.Main EnvelopeBenchmark} with its flags works too). The class and
 * its methods are public because JMH's generated code, in another package, calls them. The
 * state is set up once per trial and only read by the benchmark thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnvelopeBenchmark {

    private SoapCodec codec;
    private byte[] seedRequest;

    /** Loads the seed request and builds the codec, outside the measured time. */
    @Setup
    public void setUp() {
        codec = new SoapCodec(SoapLimits.defaults());
        seedRequest = Envelopes.resource(Envelopes.SEED);
    }

    /** Decodes the seed getTaskStatus request. */
    @Benchmark
    public SoapCall decodeSeedRequest() throws SoapFault {
        return codec.decode(seedRequest, seedRequest.length, "text/xml; charset=utf-8");
    }

    /** Builds and encodes a getTaskStatus response. */
    @Benchmark
    public byte[] encodeTaskStatusResponse() {
        return SoapWriter.response("getTaskStatus", SoapWriterTest.taskStatus());
    }

    /** One whole call as the server sees it: the request decoded, the answer encoded. */
    @Benchmark
    public byte[] decodeAndEncode() throws SoapFault {
        SoapCall call = codec.decode(seedRequest, seedRequest.length, "text/xml; charset=utf-8");
        SoapStruct ret = SoapWriterTest.taskStatus().string("taskId", call.params().text("taskId"));
        return SoapWriter.response(call.operation(), ret);
    }

    /** Runs the benchmark for real with the defaults above. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(EnvelopeBenchmark.class.getName() + "\\.")
                .build()).run();
    }
}
