package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.Outcome;
import cnode.colony.server.ColonyHarness;
import cnode.node.NodeState;
import cnode.stdx.Clock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A whole network for system tests: a real colony and real nodes, each on free loopback ports
 * with its own data folder, speaking to each other over real sockets. Nodes are started with
 * {@link #node} and may be closed and started again on the same folder. Polling helpers wait
 * for a task's end or a node's state with a bound, and fail with what they saw.
 */
final class Network implements AutoCloseable {
    static final long WAIT_MS = 30_000;

    private final Path root;
    private final ColonyHarness colony;
    private final ColonyClient client;
    private final List<NodeHarness> nodes = new ArrayList<>();

    private Network(Path root, ColonyHarness colony) {
        this.root = root;
        this.colony = colony;
        this.client = new ColonyClient(colony.url(), ClientLimits.defaults());
    }

    static Network start(Path root) throws Exception {
        return new Network(root, ColonyHarness.start(root.resolve("colony")));
    }

    /** A network whose colony takes extra flags (e.g. {@code --coin-validity 2s}). */
    static Network start(Path root, String... colonyFlags) throws Exception {
        return new Network(root, ColonyHarness.start(root.resolve("colony"), List.of(),
            colonyFlags));
    }

    ColonyClient client() {
        return client;
    }

    ColonyHarness colony() {
        return colony;
    }

    ColonyAdmin admin() {
        return new ColonyAdmin(client);
    }

    /** Fails unless the colony's conservation check answers and passes. */
    void assertConserved() throws IOException, InterruptedException {
        var check = admin().check();
        assertThat(check).isInstanceOf(Outcome.Ok.class);
        assertThat(((Outcome.Ok<ColonyAdmin.CheckReply>) check).reply().passed())
            .as("the colony's conservation check").isTrue();
    }

    BearerToken token() throws IOException {
        return new BearerToken(colony.token());
    }

    /** A node with data in {@code root/name}, joined to the colony, with extra flags. */
    NodeHarness node(String name, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of(flags));
        if (!args.contains("--colony")) {
            args.addAll(List.of("--colony", colony.url().toString()));
        }
        args.addAll(List.of("--lease-ttl", "3s"));
        NodeHarness node = NodeHarness.start(root.resolve(name), Clock.SYSTEM,
            args.toArray(new String[0]));
        nodes.add(node);
        return node;
    }

    /** Stops {@code node} (it releases its user's write lease and logs out). */
    void stop(NodeHarness node) {
        if (nodes.remove(node)) {
            node.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code getTaskStatus} until the task is in one of {@code statuses}. */
    static Map<String, String> awaitTask(NodeHarness node, String taskId, Set<String> statuses)
        throws Exception {
        long giveUpAt = System.currentTimeMillis() + WAIT_MS;
        Map<String, String> last = Map.of();
        while (System.currentTimeMillis() < giveUpAt) {
            last = node.call("getTaskStatus", "<taskId>" + taskId + "</taskId>");
            if (statuses.contains(last.get("status"))) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " did not reach " + statuses + "; last "
            + last);
    }

    /** Polls {@code getTaskStatus} until the task has finished (any terminal status). */
    static Map<String, String> awaitEnd(NodeHarness node, String taskId) throws Exception {
        long giveUpAt = System.currentTimeMillis() + WAIT_MS;
        Map<String, String> last = Map.of();
        while (System.currentTimeMillis() < giveUpAt) {
            last = node.call("getTaskStatus", "<taskId>" + taskId + "</taskId>");
            String status = last.get("status");
            if (status.startsWith("FINISHED") || status.equals("SERIES_FINISHED")) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " did not finish; last " + last);
    }

    static void awaitState(NodeHarness node, NodeState state) throws InterruptedException {
        await(() -> node.life().snapshot().state() == state,
            () -> "node never reached " + state + "; it is " + node.life().snapshot());
    }

    static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
        throws InterruptedException {
        long giveUpAt = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > giveUpAt) {
                throw new AssertionError(what.get());
            }
            Thread.sleep(20);
        }
    }

    /** Registers {@code username} through {@code node} and waits for the task's end. */
    static Map<String, String> register(NodeHarness node, String username, String password,
                                        boolean merchant) throws Exception {
        String merchantData = merchant ? "<merchantData><publicProfileJson>{\"name\":\""
            + username + "\"}</publicProfileJson></merchantData>" : "";
        Map<String, String> started = node.call("startRegister", "<billonUserName>" + username
            + "</billonUserName><billonUserPassword>" + password + "</billonUserPassword>"
            + merchantData);
        if (!started.get("requestStatus").equals("SUCCESS")) {
            throw new AssertionError("startRegister refused: " + started);
        }
        return awaitEnd(node, started.get("taskId"));
    }

    /** Starts a login through {@code node}; returns the task id. */
    static String startLogin(NodeHarness node, String username, String password)
        throws Exception {
        Map<String, String> started = node.call("startLogin", "<billonUserName>" + username
            + "</billonUserName><billonUserPassword>" + password + "</billonUserPassword>");
        if (!started.get("requestStatus").equals("SUCCESS")) {
            throw new AssertionError("startLogin refused: " + started);
        }
        return started.get("taskId");
    }

    @Override
    public void close() {
        for (NodeHarness node : nodes) {
            node.close();
        }
        client.close();
        colony.close();
    }
}
