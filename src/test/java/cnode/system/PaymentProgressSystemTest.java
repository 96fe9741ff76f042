package cnode.system;

import static cnode.system.PaymentSystemTest.free;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.Outcome;
import cnode.node.NodeState;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import cnode.stdx.Clock;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TRANSFERRING seen from outside, from a real cause: the payee (a test peer) takes the money,
 * then the colony is frozen (SIGSTOP) before the payer's node prepares the swap, so the task
 * waits in TRANSFERRING with its progress above 0; once the colony runs again the payment
 * goes through and ends FINISHED_OK with progress 100.
 */
class PaymentProgressSystemTest {
    @TempDir
    Path root;

    @Test
    void aPaymentWaitsInTransferringWhileTheColonyIsFrozen() throws Exception {
        try (SeparateColony colony = SeparateColony.start(root.resolve("colony"),
            root.resolve("colony.log"))) {
            RoguePeer payee = RoguePeer.start(colony.client(), "tr.wallet", false,
                (from, kind, body) -> answer(colony, kind, body));
            try (NodeHarness shop = NodeHarness.start(root.resolve("tr.shop"), Clock.SYSTEM,
                "--colony", colony.url().toString())) {
                Network.awaitState(shop, NodeState.VUI_CONNECTED);
                Network.register(shop, "tr.shop", "pw-12345", true);
                Network.awaitEnd(shop, Network.startLogin(shop, "tr.shop", "pw-12345"));
                assertThat(colony.admin().mint(colony.token(),
                    new ColonyAdmin.MintRequest("tr-seed", "tr.shop", 1_000, "PLN", null,
                        null))).isInstanceOf(Outcome.Ok.class);
                Network.await(() -> free(shop) == 1_000, () -> "the shop never saw its money");
                String taskId = shop.call("giveMoneyRequest", PaymentSystemTest.amount(1_000)
                    + "<username>tr.wallet</username>").get("taskId");
                Map<String, String> held = Network.awaitTask(shop, taskId,
                    Set.of("TRANSFERRING"));
                assertThat(Integer.parseInt(held.get("progressPercent"))).isBetween(1, 99);
                colony.resume();
                Map<String, String> done = Network.awaitEnd(shop, taskId);
                assertThat(done.get("status")).as(done.toString()).isEqualTo("FINISHED_OK");
                assertThat(done.get("progressPercent")).isEqualTo("100");
                var check = colony.admin().check();
                assertThat(((Outcome.Ok<ColonyAdmin.CheckReply>) check).reply().passed())
                    .isTrue();
            } finally {
                payee.close();
            }
        }
    }

    /** The payee: freezes the colony when it takes the money, then confirms and settles. */
    private static PeerReply answer(SeparateColony colony, PeerMessageKind kind,
                                    com.fasterxml.jackson.databind.JsonNode body) {
        ObjectNode transfer = JsonNodeFactory.instance.objectNode()
            .put("transferId", body.path("transferId").asText());
        return switch (kind) {
            case PAY_OFFER -> {
                try {
                    colony.suspend();
                } catch (Exception failed) {
                    throw new IllegalStateException("the colony could not be stopped", failed);
                }
                ObjectNode accepted = JsonNodeFactory.instance.objectNode();
                accepted.putArray("payerCoinIds");
                accepted.putArray("changeCoinIds");
                accepted.put("payerSignature", "");
                accepted.putArray("change");
                yield new PeerReply.Answered(PeerMessageKind.PAY_ACCEPTED, accepted);
            }
            case PAY_VERIFY -> new PeerReply.Answered(PeerMessageKind.PAY_VERIFIED, transfer);
            case PAY_DONE -> new PeerReply.Answered(PeerMessageKind.PAY_SETTLED, transfer);
            default -> new PeerReply.Refused("UNKNOWN_KIND");
        };
    }
}
