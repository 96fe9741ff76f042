package cnode.bench;

import cnode.Node;
import cnode.cli.BenchConfig;
import cnode.cli.ColonyConfig;
import cnode.cli.NodeConfig;
import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyClient;
import cnode.colony.server.Colony;
import cnode.crypto.KeyPair;
import cnode.demo.Readiness;
import cnode.stdx.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Everything the bench measures, in this process, on loopback: a colony (data in
 * {@code DIR/colony}), its users registered with every limit lifted, each payer funded with
 * one-face-value coins ({@link BenchSeeding}), then the merchant nodes and the payer wallet
 * nodes (which accept any request up to the payment's amount), each logged in with
 * {@code -U/-P}, on free ports. Start-up waits until every node says {@code VUI_READY}.
 *
 * <p>Owns the colony and the nodes; {@link #close} stops the nodes, then the colony. Built and
 * closed by one thread.
 *
 * @param colony the in-process colony
 * @param merchants the merchant nodes' users and SOAP ports, in order
 * @param payers the payers' usernames, in order
 * @param nodes every node, merchants first
 */
record BenchNetwork(Colony colony, List<Member> merchants, List<String> payers,
                    List<Node> nodes) implements AutoCloseable {
    private static final long READY_WAIT_MS = 60_000;

    /** A merchant the generator asks for payments: its user and its node's SOAP port. */
    record Member(String username, int soapPort) {}

    BenchNetwork {
        merchants = List.copyOf(merchants);
        payers = List.copyOf(payers);
        nodes = List.copyOf(nodes);
    }

    /** Starts and seeds the whole network in {@code data}; {@code runId} names this run. */
    static BenchNetwork start(BenchConfig config, Path data, String runId) throws Exception {
        List<String> colonyArgs = new ArrayList<>(List.of("--port", "0",
            "--data", data.resolve("colony").toString()));
        if (config.db() != null) {
            colonyArgs.addAll(List.of("--db", schemaUrl(config.db(), runId, "colony")));
        }
        Colony colony = Colony.start(ColonyConfig.parse(colonyArgs));
        List<Node> nodes = new ArrayList<>();
        try {
            List<String> merchants = names("bench.shop", config.merchants());
            List<String> payers = names("bench.payer", config.payers());
            seed(colony, config, runId, merchants, payers);
            List<NodeConfig> configs = new ArrayList<>();
            for (String merchant : merchants) {
                configs.add(nodeConfig(config, data, runId, colony, merchant, List.of(
                    "--rate-limit-per-user", "1000000000", "--accept-incoming", "no")));
            }
            for (String payer : payers) {
                configs.add(nodeConfig(config, data, runId, colony, payer, List.of(
                    "--wallet-policy", "accept-up-to=" + config.amountBillons(),
                    "--accept-incoming", "no", "--allow-non-merchant-user")));
            }
            startAll(configs, nodes);
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < merchants.size(); i++) {
                members.add(new Member(merchants.get(i), nodes.get(i).soapPort()));
            }
            awaitReady(configs, nodes);
            return new BenchNetwork(colony, members, payers, nodes);
        } catch (Exception | Error failure) {
            new BenchNetwork(colony, List.of(), List.of(), nodes).close();
            throw failure;
        }
    }

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** Registers everyone, then funds the payers in parallel (one virtual thread each). */
    private static void seed(Colony colony, BenchConfig config, String runId,
                             List<String> merchants, List<String> payers) throws Exception {
        BearerToken token = new BearerToken(Files.readString(colony.adminTokenFile()).strip());
        try (ColonyClient client = new ColonyClient(colony.url(), ClientLimits.defaults());
             ExecutorService seeders = Executors.newVirtualThreadPerTaskExecutor()) {
            BenchSeeding seeding = new BenchSeeding(client, token, new SecureRandom(), runId);
            List<Future<Object>> done = new ArrayList<>();
            for (String merchant : merchants) {
                done.add(seeders.submit(() -> seeding.register(merchant, true)));
            }
            for (String payer : payers) {
                done.add(seeders.submit(() -> {
                    KeyPair keys = seeding.register(payer, false);
                    seeding.fund(payer, keys, config.amountBillons(), config.coinsEach());
                    return keys;
                }));
            }
            for (Future<Object> one : done) {
                joined(one);
            }
        }
    }

    private static NodeConfig nodeConfig(BenchConfig config, Path data, String runId,
                                         Colony colony, String user, List<String> flags)
        throws Exception {
        List<String> args = new ArrayList<>(List.of("--soap-port", "0", "--p2p-port", "0",
            "--colony", colony.url().toString(), "--data", data.resolve(user).toString(),
            "-U", user, "-P", BenchSeeding.PASSWORD));
        if (config.db() != null) {
            args.addAll(List.of("--db", schemaUrl(config.db(), runId,
                user.replace('.', '_'))));
        }
        args.addAll(flags);
        return NodeConfig.parse(args);
    }

    /** {@code url} with its own schema for this run and this part: a fresh store each run. */
    static String schemaUrl(String url, String runId, String part) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=bench_" + runId + "_"
            + part;
    }

    /** Starts every node at once; on a failure the started ones stay in {@code into}. */
    private static void startAll(List<NodeConfig> configs, List<Node> into) throws Exception {
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Node>> started = new ArrayList<>();
            for (NodeConfig node : configs) {
                started.add(starters.submit(() -> Node.start(node, Clock.SYSTEM)));
            }
            Exception failed = null;
            for (Future<Node> node : started) {
                try {
                    into.add(joined(node));
                } catch (Exception failure) {
                    failed = failed == null ? failure : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    private static void awaitReady(List<NodeConfig> configs, List<Node> nodes)
        throws InterruptedException, IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            ports.put(configs.get(i).login().username(), nodes.get(i).soapPort());
        }
        Map<String, String> states = Readiness.await(ports, READY_WAIT_MS);
        if (!states.values().stream().allMatch(Readiness.READY::equals)) {
            throw new IOException("bench set-up: not every node became ready: " + states);
        }
    }

    private static <T> T joined(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException failure) {
            throw failure.getCause() instanceof Exception cause ? cause : failure;
        }
    }

    /** Stops every node, then the colony; the first failure is thrown after all stopped. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Node node : nodes) {
            try {
                node.close();
            } catch (RuntimeException failure) {
                first = first == null ? failure : first;
            }
        }
        try {
            colony.close();
        } catch (RuntimeException failure) {
            first = first == null ? failure : first;
        }
        if (first != null) {
            throw first;
        }
    }
}
