package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.cli.ColonyConfig;
import cnode.colony.server.Colony;
import cnode.node.NodeState;
import cnode.stdx.Clock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The colony goes away and comes back (a real colony on SQLite, stopped and started again on
 * the same port and data): a logged-in node goes to VUI_CONNECTING keeping its user, answers
 * ERR_VUI_CANT_READ meanwhile, and walks back to VUI_READY as the same user by itself, with
 * no new login task. A node that starts while the colony is down waits in VUI_CONNECTING and
 * logs in with -U/-P once it is up.
 */
class ColonyOutageSystemTest {
    @TempDir
    Path root;

    @Test
    void aNodeComesBackAsTheSameUserAfterTheColonyReturns() throws Exception {
        int port = Network.freePort();
        List<String> flags = List.of("--port", Integer.toString(port), "--data",
            root.resolve("colony").toString());
        Colony colony = Colony.start(ColonyConfig.parse(flags));
        String url = "http://127.0.0.1:" + port;
        try (NodeHarness node = NodeHarness.start(root.resolve("node"), Clock.SYSTEM,
            "--colony", url,
            "--lease-ttl", "3s")) {
            Network.awaitState(node, NodeState.VUI_CONNECTED);
            Network.register(node, "steady.shop", "pw-12345", true);
            Network.awaitEnd(node, Network.startLogin(node, "steady.shop", "pw-12345"));
            assertThat(node.call("hello", "").get("status")).isEqualTo("VUI_READY");

            colony.close();
            Network.awaitState(node, NodeState.VUI_CONNECTING);
            Map<String, String> hello = node.call("hello", "");
            assertThat(hello.get("username")).isEqualTo("steady.shop");
            assertThat(node.call("getMerchantData", "").get("requestStatus"))
                .isEqualTo("ERR_VUI_CANT_READ");

            colony = Colony.start(ColonyConfig.parse(flags));
            Network.awaitState(node, NodeState.VUI_READY);
            assertThat(node.call("hello", "").get("username")).isEqualTo("steady.shop");
            assertThat(node.call("getMerchantData", "").get("requestStatus"))
                .isEqualTo("SUCCESS");
            assertThat(node.call("listTasks", "<type>LOGIN</type>").get("requestStatus"))
                .isEqualTo("SUCCESS");
        } finally {
            colony.close();
        }
    }

    @Test
    void aNodeStartedBeforeTheColonyLogsInOnceItIsUp() throws Exception {
        int port = Network.freePort();
        List<String> flags = List.of("--port", Integer.toString(port), "--data",
            root.resolve("colony").toString());
        Colony colony = Colony.start(ColonyConfig.parse(flags));
        String url = "http://127.0.0.1:" + port;
        try (NodeHarness registrar = NodeHarness.start(root.resolve("registrar"), Clock.SYSTEM,
            "--colony", url)) {
            Network.awaitState(registrar, NodeState.VUI_CONNECTED);
            Network.register(registrar, "early.shop", "pw-12345", true);
        }
        colony.close();
        try (NodeHarness node = NodeHarness.start(root.resolve("node"), Clock.SYSTEM,
            "--colony", url,
            "-U", "early.shop", "-P", "pw-12345")) {
            Thread.sleep(1_000);
            assertThat(node.call("hello", "").get("status")).isEqualTo("VUI_CONNECTING");
            colony = Colony.start(ColonyConfig.parse(flags));
            Network.awaitState(node, NodeState.VUI_READY);
            assertThat(node.call("hello", "").get("username")).isEqualTo("early.shop");
        } finally {
            colony.close();
        }
    }
}
