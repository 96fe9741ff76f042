package cnode.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
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
 * What trust costs, in microseconds per operation: Ed25519 signing and verifying of a swap's
 * canonical bytes (a typical signed payload, about 200 bytes) through BouncyCastle's
 * lightweight API; verifying with a key parsed from its text first (as the registry does when
 * it reads a key it has not cached); building the canonical bytes alone; and one PBKDF2
 * derivation at the default iteration count (a login does two: the hash and the key blob).
 *
 * <p>{@link SignatureBenchmarkSmokeTest} runs it in a tiny size with every test run, so it
 * cannot rot. A real run, by hand, from the repository root:
 *
 * <pre>
 * mvn -q -B -o test-compile
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     cnode.crypto.SignatureBenchmark
 * </pre>
 *
 * The class and its methods are public because JMH's generated code, in another package,
 * calls them. The state is set up once per trial and only read by the benchmark thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureBenchmark {

    private KeyPair pair;
    private String publicKeyText;
    private SwapPayload swap;
    private byte[] message;
    private Signature signature;

    /** A key pair, a swap of five coins with one change coin, and its signature. */
    @Setup
    public void setUp() {
        pair = KeyPair.generate(new SecureRandom());
        publicKeyText = pair.publicKey().text();
        swap = new SwapPayload("11-42225-49853-A", "alice.buyer", "shop", "PLN", 7_300,
            List.of("A".repeat(26), "B".repeat(26), "C".repeat(26), "D".repeat(26),
                "E".repeat(26)),
            List.of("F".repeat(26)), 1_800_000_000_000L);
        message = swap.bytes();
        signature = pair.sign(message);
    }

    /** Signs the swap bytes. */
    @Benchmark
    public Signature sign() {
        return pair.sign(message);
    }

    /** Verifies the swap signature with a key already decoded. */
    @Benchmark
    public boolean verify() {
        return pair.publicKey().verifies(message, signature);
    }

    /** Parses the key from its text (decoding the point), then verifies. */
    @Benchmark
    public boolean parseKeyAndVerify() {
        return PublicKey.parse(publicKeyText).orElseThrow().verifies(message, signature);
    }

    /** Builds the swap's canonical bytes (sorting its coin ids). */
    @Benchmark
    public byte[] canonicalBytes() {
        return swap.bytes();
    }

    /** One PBKDF2-HMAC-SHA256 derivation at the default iteration count. */
    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 2)
    public byte[] pbkdf2AtDefault() {
        return Pbkdf2.derive("correct horse battery staple",
            "sixteen byte slt".getBytes(StandardCharsets.US_ASCII), Pbkdf2.ITERATIONS_DEFAULT,
            32);
    }

    /** Runs the benchmark for real with the defaults above. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(SignatureBenchmark.class.getName() + "\\.")
                .build()).run();
    }
}
