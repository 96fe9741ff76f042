package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.cli.ColonyConfig;
import cnode.colony.server.Colony;
import cnode.node.NodeState;
import cnode.stdx.Clock;
import cnode.store.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one whole-system run on PostgreSQL (contract §7): a colony and two nodes, all three
 * keeping their state in one PostgreSQL database (schemas {@code colony}, {@code node_a},
 * {@code node_b}), over real sockets. A merchant registers and logs in on one node, keeps its
 * password, comes back by autologin after a restart, and a second node of the same user waits
 * for the write permission until the first stops.
 */
class PostgresSystemTest {
    private static final String PASSWORD = "pg-password-1";
    private static PostgresTestDatabase database;

    @TempDir
    Path root;

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    private static String schema(String name) {
        return database.url() + "&currentSchema=" + name;
    }

    @Test
    void nodeLifeOnPostgres() throws Exception {
        database = PostgresTestDatabase.create("system");
        Colony colony = Colony.start(ColonyConfig.parse(List.of("--port", "0", "--data",
            root.resolve("colony").toString(), "--db", database.url())));
        String url = colony.url().toString();
        try {
            NodeHarness first = node("a", url);
            Network.awaitState(first, NodeState.VUI_CONNECTED);
            assertThat(Network.register(first, "pg.shop", PASSWORD, true).get("status"))
                .isEqualTo("FINISHED_OK");
            Network.awaitEnd(first, Network.startLogin(first, "pg.shop", PASSWORD));
            assertThat(first.call("storePassword", "<billonUserPassword>" + PASSWORD
                + "</billonUserPassword>").get("requestStatus")).isEqualTo("SUCCESS");
            first.close();

            NodeHarness again = node("a", url);
            Network.awaitState(again, NodeState.VUI_READY);
            Map<String, String> logins = again.call("listTasks", "<type>LOGIN</type>");
            assertThat(logins.get("requestStatus")).isEqualTo("SUCCESS");

            NodeHarness second = node("b", url);
            Network.awaitState(second, NodeState.VUI_CONNECTED);
            String waiting = Network.startLogin(second, "pg.shop", PASSWORD);
            Network.awaitTask(second, waiting, java.util.Set.of("WAITING_FOR_WRITE_PERMISSION"));
            again.close();
            assertThat(Network.awaitEnd(second, waiting).get("status")).isEqualTo("FINISHED_OK");
            assertThat(second.call("hello", "").get("username")).isEqualTo("pg.shop");
            second.close();
        } finally {
            colony.close();
        }
    }

    private NodeHarness node(String name, String colonyUrl) throws Exception {
        return NodeHarness.start(root.resolve(name), Clock.SYSTEM, "--colony", colonyUrl,
            "--db", schema("node_" + name), "--lease-ttl", "3s");
    }
}
