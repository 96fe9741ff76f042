package cnode.cli;

import cnode.http.HttpLimits;
import cnode.node.NodeMode;
import cnode.soap.SoapLimits;
import cnode.store.PostgresLocation;
import cnode.task.TaskPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything {@code cnode node} is configured with, parsed and validated from its flags in one
 * place. The flags, their defaults and what each limits are listed in docs/OPERATIONS.md.
 * {@code postgres} is where {@code --db} puts the task store, or null for the SQLite file in
 * the data folder; its {@code toString} masks the password, and so does this record's.
 */
public record NodeConfig(
    String soapAddress,
    int soapPort,
    Path data,
    PostgresLocation postgres,
    NodeMode mode,
    boolean insecureRemote,
    TaskPolicy tasks,
    SoapLimits soap,
    HttpLimits http,
    int waitersMax) {

    static final Set<String> VALUED = Set.of("--soap-address", "--soap-port", "--data", "--db",
        "--mode", "--task-ttl", "--task-deadline", "--tasks-live-max", "--body-bytes-max",
        "--xml-depth-max", "--xml-elements-max", "--xml-text-bytes-max", "--waiters-max",
        "--task-cache-max");
    static final Set<String> SWITCHES = Set.of("--insecure-remote");

    /** Parses the arguments that follow {@code cnode node}. */
    public static NodeConfig parse(List<String> args) throws UsageError {
        Flags flags = Flags.parse("cnode node", args, VALUED, SWITCHES);
        NodeMode mode = NodeMode.parse(flags.text("--mode", "normal"));
        if (mode == null) {
            throw new UsageError("cnode node: --mode must be normal, master or slave");
        }
        TaskPolicy defaults = TaskPolicy.defaults();
        TaskPolicy tasks = new TaskPolicy(
            flags.durationMs("--task-ttl", defaults.ttlMs()),
            flags.durationMs("--task-deadline", defaults.deadlineMs()),
            flags.positive("--tasks-live-max", defaults.liveTasksMax()),
            defaults.forgetBatchMax(),
            flags.count("--task-cache-max", defaults.finishedCacheMax()));
        SoapLimits soapDefaults = SoapLimits.defaults();
        SoapLimits soap = new SoapLimits(
            flags.positive("--body-bytes-max", soapDefaults.bodyBytesMax()),
            flags.positive("--xml-depth-max", soapDefaults.depthMax()),
            flags.positive("--xml-elements-max", soapDefaults.elementCountMax()),
            flags.positive("--xml-text-bytes-max", soapDefaults.textBytesMax()));
        NodeConfig config = new NodeConfig(
            flags.text("--soap-address", "127.0.0.1"),
            flags.port("--soap-port", 9091),
            Path.of(flags.text("--data", "./cnode-data")),
            flags.postgres("--db"),
            mode,
            flags.has("--insecure-remote"),
            tasks,
            soap,
            HttpLimits.defaults(soap.bodyBytesMax()),
            flags.positive("--waiters-max", 10_000));
        config.checkExposure();
        return config;
    }

    /**
     * Contract §6: off loopback the SOAP port needs TLS and client authentication, which this
     * build does not have yet; only {@code --insecure-remote}, given on purpose, allows it.
     */
    private void checkExposure() throws UsageError {
        boolean loopback = soapAddress.equals("127.0.0.1") || soapAddress.equals("localhost")
            || soapAddress.equals("::1") || soapAddress.startsWith("127.");
        if (!loopback && !insecureRemote) {
            throw new UsageError("cnode node: --soap-address " + soapAddress + " is not loopback;"
                + " the SOAP port has no TLS or client authentication yet, so this needs "
                + "--insecure-remote, given on purpose");
        }
    }
}
