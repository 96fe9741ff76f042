package cnode;

import cnode.cli.ColonyConfig;
import cnode.cli.DemoConfig;
import cnode.cli.NodeConfig;
import cnode.cli.UsageError;
import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyClient;
import cnode.colony.server.Colony;
import cnode.demo.Banner;
import cnode.demo.DemoUser;
import cnode.demo.Readiness;
import cnode.demo.Seeding;
import cnode.stdx.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox (contract §2): in one process, the colony on 8900+K (data {@code DIR/colony}),
 * seeded once with the four users of {@link DemoUser#CAST} and their money ({@link Seeding}),
 * then their four nodes, started in parallel, each logging in with {@code -U/-P}; once every
 * node says {@code VUI_READY} (or a bounded wait gives up) it prints the {@link Banner}.
 * Its data lives in one folder marked as a demo folder, so {@code --fresh} never deletes
 * anything that is not its own. The returned {@link Running} owns the colony and the nodes.
 */
final class Demo {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final String MARKER = ".cnode-demo";
    /** How long start-up waits for every node to say VUI_READY before printing anyway. */
    private static final long READY_WAIT_MS = 30_000;
    private static final String PERSONAL_DATA = """
        {"invoiceData":{"name":"Alice Demo","street":"ul. Przykładowa 2","postalCode":"00-001",\
        "city":"Warszawa","country":"PL","taxId":""},\
        "deliveryData":{"name":"Alice Demo","street":"ul. Przykładowa 2","postalCode":"00-001",\
        "city":"Warszawa","country":"PL","phone":"+48 000 000 000"}}
        """;

    private Demo() {}

    /**
     * The running sandbox: closing it stops the nodes, then the colony.
     *
     * @param colony the in-process colony
     * @param nodes the users' nodes, in the cast's order
     */
    record Running(Colony colony, List<Node> nodes) implements AutoCloseable {
        Running {
            nodes = List.copyOf(nodes);
        }

        @Override
        public void close() {
            try {
                closeAll(nodes);
            } finally {
                colony.close();
            }
        }
    }

    static Running start(DemoConfig config) throws Exception {
        long startedNs = System.nanoTime();
        prepare(config);
        Path data = config.data().toAbsolutePath().normalize();
        Colony colony = Colony.start(ColonyConfig.parse(List.of(
            "--port", Integer.toString(config.port(DemoConfig.COLONY_PORT)),
            "--data", data.resolve("colony").toString())));
        Running running;
        try {
            seed(colony, data);
            writePersonalData(data);
            running = new Running(colony, startNodes(config, data, colony.port()));
        } catch (Exception | Error failure) {
            colony.close();
            throw failure;
        }
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            DemoUser.CAST.forEach(user -> ports.put(user.name(), config.port(user.soapPort())));
            Map<String, String> states = Readiness.await(ports, READY_WAIT_MS);
            long startupMs = (System.nanoTime() - startedNs) / 1_000_000;
            Banner banner = new Banner(data, colony.url(), colony.adminTokenFile(),
                config.portOffset(), DemoUser.CAST, states, startupMs);
            LOG.info("demo {} in {} ms: {}", banner.allReady() ? "ready" : "not ready",
                startupMs, states);
            System.out.println(banner.text());
            return running;
        } catch (Exception | Error failure) {
            running.close();
            throw failure;
        }
    }

    private static void seed(Colony colony, Path data) throws IOException, InterruptedException {
        BearerToken token = new BearerToken(Files.readString(colony.adminTokenFile()).strip());
        try (ColonyClient client = new ColonyClient(colony.url(), ClientLimits.defaults())) {
            new Seeding(client, token, data.resolve(Seeding.LEDGER_FILE), new SecureRandom())
                .seed(DemoUser.CAST);
        }
    }

    /** Alice's personal data file, written once; a file she edited is kept. */
    private static void writePersonalData(Path data) throws IOException {
        for (DemoUser user : DemoUser.CAST) {
            Path file = user.dataIn(data).resolve(DemoUser.PERSONAL_DATA_FILE);
            if (user.sharesPersonalData() && !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, PERSONAL_DATA, StandardCharsets.UTF_8);
            }
        }
    }

    /** Starts every node at once; if one fails, the others are closed and its failure thrown. */
    private static List<Node> startNodes(DemoConfig config, Path data, int colonyPort)
        throws Exception {
        List<NodeConfig> configs = new ArrayList<>();
        for (DemoUser user : DemoUser.CAST) {
            configs.add(NodeConfig.parse(user.nodeArgs(data, config.portOffset(), colonyPort)));
        }
        List<Node> started = new ArrayList<>();
        Exception failed = null;
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Node>> nodes = new ArrayList<>();
            for (NodeConfig node : configs) {
                nodes.add(starters.submit(() -> Node.start(node, Clock.SYSTEM)));
            }
            for (Future<Node> node : nodes) {
                try {
                    started.add(node.get());
                } catch (ExecutionException failure) {
                    Throwable cause = failure.getCause();
                    if (failed == null) {
                        failed = cause instanceof Exception e ? e : failure;
                    }
                }
            }
        }
        if (failed != null) {
            closeAll(started);
            throw failed;
        }
        return started;
    }

    private static void closeAll(List<Node> nodes) {
        RuntimeException first = null;
        for (Node node : nodes) {
            try {
                node.close();
            } catch (RuntimeException failure) {
                first = first == null ? failure : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void prepare(DemoConfig config) throws IOException, UsageError {
        Path data = config.data();
        boolean exists = Files.exists(data);
        boolean ours = Files.exists(data.resolve(MARKER));
        boolean empty = exists && isEmptyDirectory(data);
        if (exists && !ours && !empty) {
            throw new UsageError("cnode demo: " + data + " exists and is not a demo folder; "
                + "choose another with --data");
        }
        if (config.fresh() && ours) {
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(data);
        Files.writeString(data.resolve(MARKER), "cnode demo data; `cnode demo --fresh` "
            + "deletes this folder\n");
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }
}
