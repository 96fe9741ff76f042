package cnode.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A third-party SOAP client from Debian, as the compatibility suite runs it: the command line
 * that runs its script against a node, the probe that tells whether it is installed, and the
 * Debian packages that provide it (the ones {@code scripts/test.sh} installs). Stateless.
 */
enum RealClient {
    PHP_WSDL("PHP SoapClient in WSDL mode", "php-cli php-soap", "php-client.php", "wsdl"),
    PHP_NON_WSDL("PHP SoapClient in non-WSDL mode", "php-cli php-soap", "php-client.php",
        "nowsdl"),
    ZEEP("Python zeep", "python3-zeep", "zeep-client.py", null);

    /** Debian's own Python: the {@code python3} on PATH may be another one without zeep. */
    static final String PYTHON = "/usr/bin/python3";
    private static final long PROBE_TIMEOUT_MS = 30_000;

    private final String label;
    private final String packages;
    private final String script;
    private final String mode;

    RealClient(String label, String packages, String script, String mode) {
        this.label = label;
        this.packages = packages;
        this.script = script;
        this.mode = mode;
    }

    String label() {
        return label;
    }

    String packages() {
        return packages;
    }

    String script() {
        return script;
    }

    /** True when the interpreter and its SOAP library are installed and load. */
    boolean installed() {
        List<String> probe = this == ZEEP
            ? List.of(PYTHON, "-c", "import zeep")
            : List.of("php", "-r", "exit(extension_loaded('soap') ? 0 : 3);");
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The command that runs this client's script against {@code nodeUrl} with the facts. */
    List<String> command(Path scripts, String nodeUrl, Path facts) {
        List<String> command = new ArrayList<>();
        if (this == ZEEP) {
            command.addAll(List.of(PYTHON, scripts.resolve(script).toString()));
        } else {
            command.addAll(List.of("php", scripts.resolve(script).toString(), mode));
        }
        command.addAll(List.of(nodeUrl, facts.toString()));
        return command;
    }

    /** What one run of a client printed and how it ended. */
    record Run(int exit, boolean timedOut, String output) {}

    /** Runs {@code command}, output and errors together, killing it after {@code timeoutMs}. */
    static Run run(List<String> command, Path outputFile, long timeoutMs)
        throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(outputFile.toFile()).start();
        boolean ended = process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        return new Run(ended ? process.exitValue() : -1, !ended, output);
    }
}
