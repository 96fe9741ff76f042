package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.colony.client.ColonyAdmin;
import cnode.node.NodeState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merchant node is SIGKILLed in the middle of a payment and started again on the same data:
 * the task shows WAITING_FOR_RESTART until the node has its user back (logged in again with
 * startLogin), then is settled from
 * the registry (nothing was prepared, so it ends FINISHED_ERR and no money moved); the
 * colony's conservation check passes and the payer's money is whole again.
 */
class PaymentRestartSystemTest {
    @TempDir
    Path root;

    @Test
    void aPaymentInterruptedBySigkillIsSettledAfterTheRestart() throws Exception {
        try (Network network = Network.start(root)) {
            NodeHarness registrar = network.node("registrar");
            Network.awaitState(registrar, NodeState.VUI_CONNECTED);
            Network.register(registrar, "killed.shop", "pw-12345", true);
            NodeHarness payer = network.node("payer", "--allow-non-merchant-user");
            Network.awaitState(payer, NodeState.VUI_CONNECTED);
            Network.register(payer, "patient.payer", "pw-12345", false);
            Network.awaitEnd(payer, Network.startLogin(payer, "patient.payer", "pw-12345"));
            network.admin().mint(network.token(), new ColonyAdmin.MintRequest("restart-seed",
                "patient.payer", 50_000, "PLN", null, "ZLOTY_ISSUANCE_CURVE"));
            Network.await(() -> PaymentSystemTest.free(payer) == 50_000, () -> "no money");

            int port = Network.freePort();
            String[] flags = {"--colony", network.colony().url().toString(), "-U",
                "killed.shop", "-P", "pw-12345", "--lease-ttl", "2s"};
            Path data = root.resolve("shop");
            Path log = root.resolve("shop.log");
            String taskId;
            NodeProcess shop = NodeProcess.start(data, log, port, flags);
            try {
                shop.awaitState("VUI_READY");
                taskId = shop.call("requestPaymentInitiation", PaymentSystemTest.amount(3_000)
                    + "<requestData><username>patient.payer</username></requestData>")
                    .get("taskId");
                Network.await(() -> "WAITING_FOR_USER_DECISION".equals(
                    shop.call("getTaskStatus", "<taskId>" + taskId + "</taskId>").get("status")),
                    () -> "the payment never waited for the payer's decision");
            } finally {
                shop.kill();
            }
            String[] noLogin = {"--colony", network.colony().url().toString(), "--lease-ttl",
                "2s"};
            try (NodeProcess again = NodeProcess.start(data, log, port, noLogin)) {
                again.awaitState("VUI_CONNECTED");
                Map<String, String> waiting = again.call("getTaskStatus", "<taskId>" + taskId
                    + "</taskId>");
                assertThat(waiting.get("status")).as("until its user is back")
                    .isEqualTo("WAITING_FOR_RESTART");
                assertThat(again.call("startLogin", "<billonUserName>killed.shop"
                    + "</billonUserName><billonUserPassword>pw-12345</billonUserPassword>")
                    .get("requestStatus")).isEqualTo("SUCCESS");
                Network.await(() -> "FINISHED_ERR".equals(again.call("getTaskStatus",
                    "<taskId>" + taskId + "</taskId>").get("status")),
                    () -> "the interrupted payment was never settled");
                assertThat(again.call("getTaskStatus", "<taskId>" + taskId + "</taskId>")
                    .get("additionalInfo")).contains("nothing moved");
            }
            network.assertConserved();
            Network.await(() -> PaymentSystemTest.free(payer) == 50_000,
                () -> "the payer's money was not whole again");
        }
    }
}
