package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.Envelopes;
import cnode.NodeHarness;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.Outcome;
import cnode.node.NodeState;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node life over real sockets: a colony and nodes on free ports register, log in, lose and
 * regain the write lease, restart with autologin, and refuse what the directory refuses. Each
 * status comes from a real cause: the colony's answers, a second node, a restart, an
 * administrator's lock.
 */
class NodeLifeSystemTest {
    private static final String PASSWORD = "secret-password-1";

    @TempDir
    Path root;
    private Network network;

    @BeforeEach
    void startColony() throws Exception {
        network = Network.start(root);
    }

    @AfterEach
    void stopAll() {
        network.close();
    }

    @Test
    void registersLogsInAndServesTheUser() throws Exception {
        NodeHarness node = network.node("a");
        Network.awaitState(node, NodeState.VUI_CONNECTED);
        assertThat(node.call("getMerchantData", "").get("requestStatus"))
            .isEqualTo("ERR_VUI_NOT_LOGGEDIN");

        Map<String, String> registered = Network.register(node, "merchant.one", PASSWORD, true);
        assertThat(registered.get("type")).isEqualTo("REGISTER");
        assertThat(registered.get("status")).isEqualTo("FINISHED_OK");
        assertThat(registered.get("additionalInfo")).contains("\"username\":\"merchant.one\"");
        Map<String, String> again = Network.register(node, "merchant.one", PASSWORD, true);
        assertThat(again.get("status")).isEqualTo("FINISHED_ERR_INVALID_USERNAME");

        String login = Network.startLogin(node, "merchant.one", PASSWORD);
        Map<String, String> done = Network.awaitEnd(node, login);
        assertThat(done.get("type")).isEqualTo("LOGIN");
        assertThat(done.get("status")).isEqualTo("FINISHED_OK");
        Map<String, String> hello = node.call("hello", "");
        assertThat(hello.get("status")).isEqualTo("VUI_READY");
        assertThat(hello.get("username")).isEqualTo("merchant.one");

        Map<String, String> merchant = node.call("getMerchantData", "");
        assertThat(merchant.get("requestStatus")).isEqualTo("SUCCESS");
        assertThat(merchant.get("publicProfileJson")).isEqualTo("{\"name\":\"merchant.one\"}");
        assertThat(merchant.get("invoiceDataJson")).isEqualTo("{}");
        assertThat(node.call("checkPassword", password("wrong")).get("requestStatus"))
            .isEqualTo("ERR_INVALID_PASSWORD");
        assertThat(node.call("checkPassword", password(PASSWORD)).get("requestStatus"))
            .isEqualTo("SUCCESS");
        Map<String, String> mpin = node.call("getMpin", password(PASSWORD));
        assertThat(mpin.get("mpin")).matches("[0-9A-Z]{6}");
        assertThat(node.call("getMpin", password("wrong")).get("mpin")).isEmpty();

        var minted = network.admin().mint(network.token(), new ColonyAdmin.MintRequest(
            "sys-mint-1", "merchant.one", 12_000, "PLN", null, "ZLOTY_ISSUANCE_CURVE"));
        assertThat(minted).isInstanceOf(Outcome.Ok.class);
        Network.await(() -> freeBalance(node) == 12_000,
            () -> "getMoneyStatus never showed the minted 12 PLN");
        assertThat(node.get("/ui/").body()).contains("12.000");
    }

    private static long freeBalance(NodeHarness node) {
        try {
            org.w3c.dom.Element ret = Envelopes.returnElement(
                node.post(Envelopes.call("getMoneyStatus", "")).body());
            org.w3c.dom.Element free = (org.w3c.dom.Element) ret
                .getElementsByTagName("freeBalance").item(0);
            return Long.parseLong(free.getElementsByTagName("amount").item(0).getTextContent());
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
    }

    @Test
    void refusesWhatTheDirectoryRefuses() throws Exception {
        NodeHarness node = network.node("a");
        Network.awaitState(node, NodeState.VUI_CONNECTED);
        Network.register(node, "shopper", PASSWORD, false);
        Network.register(node, "locked.shop", PASSWORD, true);
        Map<String, String> unknown = Network.awaitEnd(node,
            Network.startLogin(node, "nobody.here", PASSWORD));
        assertThat(unknown.get("status")).isEqualTo("FINISHED_ERR_USER_NOT_FOUND");
        Map<String, String> wrong = Network.awaitEnd(node,
            Network.startLogin(node, "locked.shop", "not-the-password"));
        assertThat(wrong.get("status")).isEqualTo("FINISHED_ERR_USER_NOT_AUTHENTICATED");
        assertThat(wrong.get("additionalInfo")).contains("\"code\":\"FINISHED_ERR_USER_NOT_"
            + "AUTHENTICATED\"");
        Map<String, String> notMerchant = Network.awaitEnd(node,
            Network.startLogin(node, "shopper", PASSWORD));
        assertThat(notMerchant.get("status")).isEqualTo("FINISHED_ERR_USER_NOT_AUTHENTICATED");
        assertThat(notMerchant.get("additionalInfo")).contains("--allow-non-merchant-user");

        ColonyAdmin admin = network.admin();
        assertThat(admin.lock(network.token(), "locked.shop")).isInstanceOf(Outcome.Ok.class);
        Map<String, String> locked = Network.awaitEnd(node,
            Network.startLogin(node, "locked.shop", PASSWORD));
        assertThat(locked.get("status")).isEqualTo("FINISHED_ERR_LOCKED");
        assertThat(node.call("hello", "").get("status")).isEqualTo("VUI_CONNECTED");
    }

    @Test
    void aNonMerchantLogsInWhereAllowed() throws Exception {
        NodeHarness node = network.node("w", "--allow-non-merchant-user");
        Network.awaitState(node, NodeState.VUI_CONNECTED);
        Network.register(node, "wallet.user", PASSWORD, false);
        Map<String, String> done = Network.awaitEnd(node,
            Network.startLogin(node, "wallet.user", PASSWORD));
        assertThat(done.get("status")).isEqualTo("FINISHED_OK");
        assertThat(node.call("getMerchantData", "").get("publicProfileJson")).isEqualTo("{}");
    }

    @Test
    void autologinAfterARestartAndLoginOnAnotherNode() throws Exception {
        NodeHarness first = network.node("first");
        Network.awaitState(first, NodeState.VUI_CONNECTED);
        Network.register(first, "roaming.shop", PASSWORD, true);
        Network.awaitEnd(first, Network.startLogin(first, "roaming.shop", PASSWORD));
        assertThat(first.call("storePassword", password(PASSWORD)).get("requestStatus"))
            .isEqualTo("SUCCESS");
        assertThat(first.call("readSettings", "").get("machineSettingsJson"))
            .contains("\"rememberUserPasswordForAutoLogin\":true");
        network.stop(first);

        NodeHarness restarted = network.node("first");
        Network.awaitState(restarted, NodeState.VUI_READY);
        assertThat(restarted.call("hello", "").get("username")).isEqualTo("roaming.shop");
        assertThat(restarted.call("clearPassword", password(PASSWORD)).get("requestStatus"))
            .isEqualTo("SUCCESS");
        assertThat(restarted.call("readSettings", "").get("machineSettingsJson"))
            .contains("\"rememberUserPasswordForAutoLogin\":false");
        network.stop(restarted);

        NodeHarness other = network.node("other");
        Network.awaitState(other, NodeState.VUI_CONNECTED);
        Map<String, String> elsewhere = Network.awaitEnd(other,
            Network.startLogin(other, "roaming.shop", PASSWORD));
        assertThat(elsewhere.get("status")).isEqualTo("FINISHED_OK");
        assertThat(other.call("hello", "").get("status")).isEqualTo("VUI_READY");
    }

    @Test
    void aSecondInstanceWaitsForWritePermission() throws Exception {
        NodeHarness first = network.node("first");
        Network.awaitState(first, NodeState.VUI_CONNECTED);
        Network.register(first, "twin.shop", PASSWORD, true);
        Network.awaitEnd(first, Network.startLogin(first, "twin.shop", PASSWORD));

        NodeHarness impatient = network.node("impatient", "--write-permission-timeout", "1s");
        Network.awaitState(impatient, NodeState.VUI_CONNECTED);
        String refused = Network.startLogin(impatient, "twin.shop", PASSWORD);
        Network.awaitTask(impatient, refused, Set.of("WAITING_FOR_WRITE_PERMISSION"));
        assertThat(Network.awaitEnd(impatient, refused).get("status"))
            .isEqualTo("FINISHED_ERR_LOCKED");
        assertThat(impatient.call("hello", "").get("status")).isEqualTo("VUI_CONNECTED");

        NodeHarness patient = network.node("patient");
        Network.awaitState(patient, NodeState.VUI_CONNECTED);
        String waits = Network.startLogin(patient, "twin.shop", PASSWORD);
        Network.awaitTask(patient, waits, Set.of("WAITING_FOR_WRITE_PERMISSION"));
        assertThat(patient.call("hello", "").get("status")).isEqualTo("VUI_WRITE_AVAILABLE");
        network.stop(first);
        assertThat(Network.awaitEnd(patient, waits).get("status")).isEqualTo("FINISHED_OK");
        assertThat(patient.call("hello", "").get("status")).isEqualTo("VUI_READY");
    }

    @Test
    void startUpLoginWithFlags() throws Exception {
        NodeHarness registrar = network.node("registrar");
        Network.awaitState(registrar, NodeState.VUI_CONNECTED);
        Network.register(registrar, "flag.shop", PASSWORD, true);
        NodeHarness node = network.node("flagged", "-U", "flag.shop", "-P", PASSWORD);
        Network.awaitState(node, NodeState.VUI_READY);
        assertThat(node.call("hello", "").get("username")).isEqualTo("flag.shop");
        Map<String, String> tasks = node.call("listTasks", "<type>LOGIN</type>");
        assertThat(tasks.get("requestStatus")).isEqualTo("SUCCESS");
    }

    private static String password(String password) {
        return "<billonUserPassword>" + password + "</billonUserPassword>";
    }
}
