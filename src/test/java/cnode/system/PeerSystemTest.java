package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.crypto.KeyPair;
import cnode.node.NodeState;
import cnode.peer.HandshakeRefusal;
import cnode.peer.LinkResult;
import cnode.peer.LocateResult;
import cnode.peer.PeerAddress;
import cnode.peer.PeerClient;
import cnode.peer.PeerHandler;
import cnode.peer.PeerIdentity;
import cnode.peer.PeerLimits;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes find and reach each other over real sockets: a node looks another user up in the
 * directory (online while that user's node reports, offline once it stopped, unknown when
 * there is no such user), opens a signed link to it and exchanges a PING; a peer that claims
 * a user but signs with another key is refused by the node it calls.
 */
class PeerSystemTest {
    private static final String PASSWORD = "peer-password-1";

    @TempDir
    Path root;
    private Network network;
    private NodeHarness shop;
    private NodeHarness wallet;

    @BeforeEach
    void twoNodesLoggedIn() throws Exception {
        network = Network.start(root);
        shop = network.node("shop");
        wallet = network.node("wallet", "--allow-non-merchant-user");
        Network.awaitState(shop, NodeState.VUI_CONNECTED);
        Network.awaitState(wallet, NodeState.VUI_CONNECTED);
        Network.register(shop, "peer.shop", PASSWORD, true);
        Network.register(wallet, "peer.wallet", PASSWORD, false);
        Network.awaitEnd(shop, Network.startLogin(shop, "peer.shop", PASSWORD));
        Network.awaitEnd(wallet, Network.startLogin(wallet, "peer.wallet", PASSWORD));
        Network.awaitState(shop, NodeState.VUI_READY);
        Network.awaitState(wallet, NodeState.VUI_READY);
    }

    @AfterEach
    void stop() {
        network.close();
    }

    @Test
    void aUserIsFoundOnlineReachedAndThenSeenOffline() throws Exception {
        LocateResult found = shop.locator().locate("peer.wallet");
        assertThat(found).isInstanceOf(LocateResult.Found.class);
        PeerAddress address = ((LocateResult.Found) found).address();
        assertThat(address.port()).isEqualTo(wallet.p2pPort());

        LinkResult linked = shop.peers().open("peer.wallet", address);
        assertThat(linked).isInstanceOf(LinkResult.Linked.class);
        PeerReply reply = ((LinkResult.Linked) linked).link().request(PeerMessageKind.PING,
            JsonNodeFactory.instance.objectNode().put("n", 7), 5_000);
        assertThat(reply).isInstanceOf(PeerReply.Answered.class);
        assertThat(((PeerReply.Answered) reply).kind()).isEqualTo(PeerMessageKind.PONG);

        assertThat(shop.locator().locate("no.such.user"))
            .isInstanceOf(LocateResult.UnknownUser.class);
        network.stop(wallet);
        shop.locator().forget("peer.wallet");
        assertThat(shop.locator().locate("peer.wallet")).isInstanceOf(LocateResult.Offline.class);
    }

    @Test
    void aPeerWithAForgedHandshakeIsRefused() throws Exception {
        LocateResult found = wallet.locator().locate("peer.shop");
        PeerAddress shopAddress = ((LocateResult.Found) found).address();
        KeyPair forged = KeyPair.generate(new SecureRandom());
        try (PeerClient impostor = new PeerClient(PeerLimits.defaults(),
            () -> Optional.of(new PeerIdentity("peer.wallet", forged)), wallet.locator(),
            PeerHandler.PONG)) {
            LinkResult result = impostor.open("peer.shop", shopAddress);
            assertThat(result).isEqualTo(new LinkResult.Refused(HandshakeRefusal.BAD_SIGNATURE));
        }
        LinkResult honest = wallet.peers().open("peer.shop", shopAddress);
        assertThat(honest).as("the real user still gets through")
            .isInstanceOf(LinkResult.Linked.class);
    }
}
