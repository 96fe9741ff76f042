package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.node.NodeState;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payments against peers that are not what they should be, over real sockets: a peer whose
 * handshake is signed with a key other than the directory's (FINISHED_ERR_USER_NOT_AUTHENTICATED),
 * and a peer that answers an offer out of order (FINISHED_ERR). Neither moves money.
 */
class PaymentPeerSystemTest {
    @TempDir
    Path root;

    @Test
    void forgedAndRudePeers() throws Exception {
        try (Network network = Network.start(root)) {
            NodeHarness shop = network.node("shop");
            Network.awaitState(shop, NodeState.VUI_CONNECTED);
            Network.register(shop, "honest.shop", "pw-12345", true);
            Network.awaitEnd(shop, Network.startLogin(shop, "honest.shop", "pw-12345"));
            RoguePeer forged = RoguePeer.start(network.client(), "forged.wallet", true,
                (from, kind, body) -> new PeerReply.Refused("NEVER"));
            RoguePeer rude = RoguePeer.start(network.client(), "rude.wallet", false,
                (from, kind, body) -> new PeerReply.Answered(PeerMessageKind.PAY_SETTLED,
                    JsonNodeFactory.instance.objectNode()));
            try {
                Map<String, String> refused = Network.awaitEnd(shop, shop.call(
                    "requestPaymentInitiation", PaymentSystemTest.amount(1_000)
                        + "<requestData><username>forged.wallet</username></requestData>")
                    .get("taskId"));
                assertThat(refused.get("status")).isEqualTo(
                    "FINISHED_ERR_USER_NOT_AUTHENTICATED");
                Map<String, String> broken = Network.awaitEnd(shop, shop.call(
                    "requestPaymentInitiation", PaymentSystemTest.amount(1_000)
                        + "<requestData><username>rude.wallet</username></requestData>")
                    .get("taskId"));
                assertThat(broken.get("status")).isEqualTo("FINISHED_ERR");
                assertThat(broken.get("additionalInfo")).contains("broke the protocol");
            } finally {
                forged.close();
                rude.close();
            }
            network.assertConserved();
        }
    }
}
