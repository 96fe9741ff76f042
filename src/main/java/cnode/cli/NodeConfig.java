package cnode.cli;

import cnode.colony.client.ColonyClient;
import cnode.http.HttpLimits;
import cnode.node.NodeMode;
import cnode.payment.PaymentPolicy;
import cnode.soap.SoapLimits;
import cnode.store.PostgresLocation;
import cnode.task.TaskPolicy;
import cnode.wallet.WalletPolicy;
import cnode.wallet.WalletRole;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code cnode node} is configured with, parsed and validated from its flags in one
 * place. The flags, their defaults and what each limits are listed in docs/OPERATIONS.md.
 * {@code postgres} is where {@code --db} puts the task store, or null for the SQLite file in
 * the data folder; its {@code toString} masks the password, and so does this record's (and
 * {@link StartupLogin}'s, for {@code -P}).
 */
public record NodeConfig(
    String soapAddress,
    int soapPort,
    String p2pAddress,
    int p2pPort,
    URI colony,
    Path data,
    PostgresLocation postgres,
    NodeMode mode,
    boolean insecureRemote,
    TaskPolicy tasks,
    SoapLimits soap,
    HttpLimits http,
    int waitersMax,
    StartupLogin login,
    boolean allowNonMerchantUser,
    WalletRole wallet,
    PaymentPolicy payments,
    long leaseTtlMs,
    long writePermissionTimeoutMs) {

    static final Set<String> VALUED = Set.of("--soap-address", "--soap-port", "--data", "--db",
        "--mode", "--task-ttl", "--task-deadline", "--tasks-live-max", "--body-bytes-max",
        "--xml-depth-max", "--xml-elements-max", "--xml-text-bytes-max", "--waiters-max",
        "--task-cache-max", "--p2p-address", "--p2p-port", "--colony", "--username",
        "--password", "--wallet-policy", "--accept-incoming", "--personal-data",
        "--decision-timeout", "--search-timeout", "--verification-timeout",
        "--rate-limit-per-user", "--in-flight-max", "--lease-ttl",
        "--write-permission-timeout");
    static final Set<String> SWITCHES = Set.of("--insecure-remote", "--interactive",
        "--allow-non-merchant-user");
    /** The documented short forms (cnode-api §1.2) and the long names they stand for. */
    private static final Map<String, String> SHORT = Map.of(
        "-U", "--username", "-P", "--password", "-i", "--interactive");

    /** Parses the arguments that follow {@code cnode node}. */
    public static NodeConfig parse(List<String> args) throws UsageError {
        Flags flags = Flags.parse("cnode node", longForms(args), VALUED, SWITCHES);
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
            flags.text("--p2p-address", "127.0.0.1"),
            flags.port("--p2p-port", 8989),
            colony(flags.text("--colony", "http://127.0.0.1:8900")),
            Path.of(flags.text("--data", "./cnode-data")),
            flags.postgres("--db"),
            mode,
            flags.has("--insecure-remote"),
            tasks,
            soap,
            HttpLimits.defaults(soap.bodyBytesMax()),
            flags.positive("--waiters-max", 10_000),
            login(flags),
            flags.has("--allow-non-merchant-user"),
            wallet(flags),
            payments(flags),
            leaseTtl(flags),
            flags.durationMs("--write-permission-timeout", 60_000));
        config.checkExposure();
        return config;
    }

    private static List<String> longForms(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (String arg : args) {
            out.add(SHORT.getOrDefault(arg, arg));
        }
        return out;
    }

    private static URI colony(String text) throws UsageError {
        URI url;
        try {
            url = new URI(text);
        } catch (java.net.URISyntaxException bad) {
            throw new UsageError("cnode node: --colony is not a URL: " + bad.getReason());
        }
        var problem = ColonyClient.problemWith(url);
        if (problem.isPresent()) {
            throw new UsageError("cnode node: --colony " + problem.get());
        }
        return url;
    }

    private static StartupLogin login(Flags flags) throws UsageError {
        String username = flags.has("--username") ? flags.text("--username", "") : null;
        String password = flags.has("--password") ? flags.text("--password", "") : null;
        boolean interactive = flags.has("--interactive");
        if (password != null && username == null) {
            throw new UsageError("cnode node: -P/--password needs -U/--username");
        }
        if (username != null && password == null && !interactive) {
            throw new UsageError("cnode node: -U/--username needs -P/--password, or -i to be "
                + "asked for it on the console");
        }
        if (username != null && username.isEmpty()) {
            throw new UsageError("cnode node: -U/--username must not be empty");
        }
        return new StartupLogin(username, password, interactive);
    }

    private static WalletRole wallet(Flags flags) throws UsageError {
        String policyText = flags.text("--wallet-policy", "ask");
        WalletPolicy policy = WalletPolicy.parse(policyText);
        if (policy == null) {
            throw new UsageError("cnode node: --wallet-policy must be accept-up-to=BILLONS, "
                + "reject-all or ask, not '" + policyText + "'");
        }
        WalletRole.AcceptIncoming incoming = switch (flags.text("--accept-incoming", "")) {
            case "" -> WalletRole.AcceptIncoming.BY_ROLE;
            case "yes" -> WalletRole.AcceptIncoming.YES;
            case "no" -> WalletRole.AcceptIncoming.NO;
            default -> throw new UsageError("cnode node: --accept-incoming must be yes or no");
        };
        Path personal = null;
        if (flags.has("--personal-data")) {
            personal = Path.of(flags.text("--personal-data", ""));
            if (!Files.isRegularFile(personal) || !Files.isReadable(personal)) {
                throw new UsageError("cnode node: --personal-data " + personal
                    + " is not a readable file");
            }
        }
        return new WalletRole(policy, incoming, personal);
    }

    /** The write lease's time to live: the colony takes 1 ms to 10 minutes; 1 s at least. */
    private static long leaseTtl(Flags flags) throws UsageError {
        long ms = flags.durationMs("--lease-ttl", 30_000);
        if (ms < 1_000 || ms > 600_000) {
            throw new UsageError("cnode node: --lease-ttl must be between 1s and 10m");
        }
        return ms;
    }

    private static PaymentPolicy payments(Flags flags) throws UsageError {
        PaymentPolicy defaults = PaymentPolicy.defaults();
        return new PaymentPolicy(
            flags.durationMs("--decision-timeout", defaults.decisionTimeoutMs()),
            flags.durationMs("--search-timeout", defaults.searchTimeoutMs()),
            flags.durationMs("--verification-timeout", defaults.verificationTimeoutMs()),
            flags.positive("--rate-limit-per-user", defaults.requestsPerUserPerMinute()),
            flags.positive("--in-flight-max", defaults.inFlightMax()));
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
