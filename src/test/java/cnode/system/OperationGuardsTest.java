package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.node.NodeState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ERR_* answers of the session and settings operations, each from a real cause: a call of
 * the wrong shape, nobody logged in, a login still running, a colony that cannot be reached.
 */
class OperationGuardsTest {
    private static final String LOGIN = "<billonUserName>guard.shop</billonUserName>"
        + "<billonUserPassword>pw-12345</billonUserPassword>";

    @TempDir
    Path root;
    private Network network;

    @BeforeEach
    void start() throws Exception {
        network = Network.start(root);
    }

    @AfterEach
    void stop() {
        network.close();
    }

    @Test
    void theShapeOfACallIsJudgedAtOnce() throws Exception {
        NodeHarness node = network.node("n");
        Network.awaitState(node, NodeState.VUI_CONNECTED);
        assertThat(status(node, "startLogin", "<billonUserName>Bad Name</billonUserName>"
            + "<billonUserPassword>x</billonUserPassword>")).isEqualTo("ERR_INVALID_USERNAME");
        assertThat(status(node, "startLogin", "<billonUserName>abc</billonUserName>"
            + "<billonUserPassword>x</billonUserPassword>")).isEqualTo("ERR_INVALID_USERNAME");
        assertThat(status(node, "startLogin", "<billonUserName>good.name</billonUserName>"))
            .isEqualTo("ERR_INVALID_PASSWORD");
        assertThat(status(node, "startRegister", LOGIN + "<merchantData><invoiceDataJson>not "
            + "json</invoiceDataJson></merchantData>")).isEqualTo("ERR_INVALID_PARAMETER");
        assertThat(status(node, "startRegister", LOGIN + "<merchantData><logo>***</logo>"
            + "</merchantData>")).isEqualTo("ERR_INVALID_PARAMETER");
        Map<String, String> refused = node.call("startLogin", "<billonUserName>x</billonUserName>");
        assertThat(refused.get("taskId")).isEmpty();
        assertThat(refused.get("requestStatusDescription")).isNotBlank();
    }

    @Test
    void operationsThatNeedAUserSayNobodyIsLoggedIn() throws Exception {
        NodeHarness node = network.node("n");
        Network.awaitState(node, NodeState.VUI_CONNECTED);
        String password = "<billonUserPassword>pw</billonUserPassword>";
        for (String[] call : new String[][] {
            {"storePassword", password}, {"clearPassword", password},
            {"checkPassword", password}, {"getMpin", password}, {"getMerchantData", ""},
            {"setGeolocationInfo", "<shopId>s1</shopId><geolocationInfo>{}</geolocationInfo>"},
            {"fetchUserLocation", "<username>someone</username>"}}) {
            assertThat(status(node, call[0], call[1])).as(call[0])
                .isEqualTo("ERR_VUI_NOT_LOGGEDIN");
        }
        Map<String, String> settings = node.call("readSettings", "");
        assertThat(settings.get("requestStatus")).isEqualTo("SUCCESS");
        assertThat(settings.get("userSettingsJson")).isEqualTo("{}");
        assertThat(settings.get("machineSettingsJson"))
            .contains("\"rememberUserPasswordForAutoLogin\":false");
    }

    @Test
    void aLoginWaitsForAnUnreachableColonyUntilItsDeadline() throws Exception {
        int nowhere = Network.freePort();
        NodeHarness node = network.node("n", "--colony", "http://127.0.0.1:" + nowhere,
            "--task-deadline", "2s");
        assertThat(node.call("hello", "").get("status")).isEqualTo("VUI_CONNECTING");
        String first = node.call("startLogin", LOGIN).get("taskId");
        assertThat(status(node, "startLogin", LOGIN)).isEqualTo("ERR_TASK_ALREADY_RUNNING");
        assertThat(status(node, "startRegister", LOGIN)).isEqualTo("ERR_TASK_ALREADY_RUNNING");
        Map<String, String> ended = Network.awaitEnd(node, first);
        assertThat(ended.get("status")).isEqualTo("FINISHED_ERR_TIMEOUT");
        Network.await(() -> {
            try {
                return node.call("startLogin", LOGIN).get("requestStatus").equals("SUCCESS");
            } catch (Exception failed) {
                throw new AssertionError(failed);
            }
        }, () -> "a new login never started after the first one ended");
    }

    @Test
    void loggedInGuardsJudgeTheirParameters() throws Exception {
        NodeHarness node = network.node("n");
        Network.awaitState(node, NodeState.VUI_CONNECTED);
        Network.register(node, "guard.shop", "pw-12345", true);
        Network.awaitEnd(node, Network.startLogin(node, "guard.shop", "pw-12345"));
        assertThat(status(node, "fetchUserLocation", "<username>NOT OK</username>"))
            .isEqualTo("ERR_INVALID_USERNAME");
        assertThat(status(node, "fetchUserLocation", "<username>someone</username>"))
            .isEqualTo("SUCCESS");
        assertThat(status(node, "setGeolocationInfo", "<shopId>s1</shopId>"
            + "<geolocationInfo>[]</geolocationInfo>")).isEqualTo("ERR_INVALID_JSON");
        assertThat(status(node, "setGeolocationInfo", "<shopId></shopId>"
            + "<geolocationInfo>{}</geolocationInfo>")).isEqualTo("ERR_INVALID_PARAMETER");
        assertThat(status(node, "setGeolocationInfo", "<shopId>s1</shopId><geolocationInfo>"
            + "{\"Lng\":\"21.01\",\"Lat\":\"52.23\",\"Src\":\"POS\"}</geolocationInfo>"))
            .isEqualTo("SUCCESS");
        assertThat(node.call("readSettings", "").get("machineSettingsJson"))
            .contains("\"geolocation\":{\"s1\":{\"Lng\":\"21.01\"");
        assertThat(status(node, "storePassword", "<billonUserPassword>wrong</billonUserPassword>"))
            .isEqualTo("ERR_INVALID_PASSWORD");
        assertThat(status(node, "clearPassword", "<billonUserPassword></billonUserPassword>"))
            .isEqualTo("ERR_INVALID_PASSWORD");
        String relogin = Network.startLogin(node, "guard.shop", "pw-12345");
        assertThat(status(node, "storePassword", "<billonUserPassword>pw-12345"
            + "</billonUserPassword>")).isIn("ERR_TASK_ALREADY_RUNNING", "ERR_VUI_NOT_LOGGEDIN");
        Network.awaitEnd(node, relogin);
    }

    private static String status(NodeHarness node, String operation, String params)
        throws Exception {
        return node.call(operation, params).get("requestStatus");
    }
}
