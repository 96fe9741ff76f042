package cnode.system;

import static cnode.system.PaymentSystemTest.amount;
import static cnode.system.PaymentSystemTest.free;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.Outcome;
import cnode.node.NodeState;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Payment statuses, each from a real cause (contract §4.1): a person deciding on a wallet's
 * web page (or not deciding), money that is short or cannot be changed, colony limits and
 * locks set with the admin API, cancels, deadlines, rate and in-flight limits, inconsistent
 * descriptions, the uniqueTransferId rule, and a merchant's window for unsolicited money.
 * Every user has nodes and money of its own, so the tests do not disturb each other; the
 * colony's conservation check passes after each.
 */
class PaymentStatusSystemTest extends OneNetworkPerClass {
    private static final String PASSWORD = "status-password-1";

    private int users;

    /** A new user on a node of its own, logged in, with {@code billons} (0 for none). */
    private Member member(boolean merchant, long billons, String curve, String... flags)
        throws Exception {
        String user = "st" + (++users) + (merchant ? ".shop" : ".wallet");
        String[] all = new String[flags.length + 1];
        all[0] = "--allow-non-merchant-user";
        System.arraycopy(flags, 0, all, 1, flags.length);
        NodeHarness node = network.node(user, all);
        Network.awaitState(node, NodeState.VUI_CONNECTED);
        Network.register(node, user, PASSWORD, merchant);
        Network.awaitEnd(node, Network.startLogin(node, user, PASSWORD));
        if (billons > 0) {
            assertThat(network.admin().mint(network.token(), new ColonyAdmin.MintRequest(
                "seed-" + user, user, billons, "PLN", null, curve)))
                .isInstanceOf(Outcome.Ok.class);
            Network.await(() -> free(node) == billons, () -> user + " never saw its money");
        }
        return new Member(user, node);
    }

    record Member(String user, NodeHarness node) {
        String request(long billons, String extra) throws Exception {
            return request(billons, extra, "");
        }

        String request(long billons, String payer, String data) throws Exception {
            Map<String, String> started = node.call("requestPaymentInitiation",
                amount(billons) + "<requestData><username>" + payer + "</username>" + data
                    + "</requestData>");
            assertThat(started.get("requestStatus")).as(started.toString())
                .isEqualTo("SUCCESS");
            return started.get("taskId");
        }

        String give(long billons, String receiver) throws Exception {
            Map<String, String> started = node.call("giveMoneyRequest", amount(billons)
                + "<username>" + receiver + "</username>");
            assertThat(started.get("requestStatus")).as(started.toString())
                .isEqualTo("SUCCESS");
            return started.get("taskId");
        }

        String end(String taskId) throws Exception {
            return Network.awaitEnd(node, taskId).get("status");
        }
    }

    @Test
    void aPersonAcceptsOnTheWebPageOrLetsTheRequestTimeOut() throws Exception {
        Member shop = member(true, 0, null);
        Member bruno = member(false, 500_000, "ZLOTY_ISSUANCE_CURVE");
        PagePerson person = new PagePerson(bruno.node());
        String asked = shop.request(12_000, bruno.user());
        Network.awaitTask(shop.node(), asked, Set.of("WAITING_FOR_USER_DECISION"));
        assertThat(person.decide(person.awaitRequest(), true)).isEqualTo(303);
        assertThat(shop.end(asked)).isEqualTo("FINISHED_OK");

        Member slow = member(false, 500_000, "ZLOTY_ISSUANCE_CURVE",
            "--decision-timeout", "1s");
        assertThat(shop.end(shop.request(1_000, slow.user())))
            .isEqualTo("FINISHED_ERR_USER_TIMEOUT");
        PagePerson refuser = new PagePerson(slow.node());
        String rejected = shop.request(1_000, slow.user());
        Network.awaitTask(shop.node(), rejected, Set.of("WAITING_FOR_USER_DECISION"));
        assertThat(refuser.decide(refuser.awaitRequest(), false)).isEqualTo(303);
        assertThat(shop.end(rejected)).isEqualTo("FINISHED_ERR_USER_REJECTED");
    }

    @Test
    void moneyThatIsShortOrCannotBeChanged() throws Exception {
        Member payer = member(true, 20_000, null);
        Member empty = member(false, 0, null, "--accept-incoming", "yes");
        Member rich = member(false, 100_000, "ZLOTY_ISSUANCE_CURVE", "--accept-incoming", "yes");
        assertThat(payer.end(payer.give(50_000, empty.user())))
            .isEqualTo("FINISHED_ERR_NOT_ENOUGH_MONEY");
        assertThat(payer.end(payer.give(3_000, empty.user())))
            .isEqualTo("FINISHED_ERR_CHANGE_MISMATCH");
        long richBefore = free(rich.node());
        String changed = payer.give(3_000, rich.user());
        Map<String, String> done = Network.awaitEnd(payer.node(), changed);
        assertThat(done.get("status")).isEqualTo("FINISHED_OK");
        assertThat(done.get("additionalInfo")).contains("\"changeReturned\":{\"amount\":17000");
        Network.await(() -> free(rich.node()) == richBefore + 3_000,
            () -> "the payee did not gain exactly 3 PLN");
        Network.await(() -> free(payer.node()) == 17_000,
            () -> "the payer did not keep 17 PLN in change");
    }

    @Test
    void colonyLimitsOfEitherSide() throws Exception {
        Member shop = member(true, 0, null);
        Member payer = member(false, 100_000, "ZLOTY_ISSUANCE_CURVE",
            "--wallet-policy", "accept-up-to=100000");
        limits(payer.user(), 2_000L, null);
        assertThat(shop.end(shop.request(5_000, payer.user())))
            .isEqualTo("FINISHED_ERR_BUYER_LIMITS_EXCEEDED");
        limits(payer.user(), 1_000_000L, null);
        limits(shop.user(), null, 1_000L);
        assertThat(shop.end(shop.request(5_000, payer.user())))
            .isEqualTo("FINISHED_ERR_SELLER_LIMITS_EXCEEDED");
    }

    private void limits(String user, Long perTransfer, Long dailyIn) throws Exception {
        assertThat(network.admin().limits(network.token(), new ColonyAdmin.LimitsRequest(user,
            perTransfer, null, dailyIn, null))).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void cancelsDeadlinesAndRates() throws Exception {
        Member shop = member(true, 0, null, "--rate-limit-per-user", "3");
        Member asker = member(false, 100_000, "ZLOTY_ISSUANCE_CURVE");
        String waiting = shop.request(1_000, asker.user());
        Network.awaitTask(shop.node(), waiting, Set.of("WAITING_FOR_USER_DECISION"));
        assertThat(shop.node().call("cancelPaymentRequest", "<taskId>" + waiting + "</taskId>")
            .get("requestStatus")).isEqualTo("SUCCESS");
        assertThat(shop.end(waiting)).isEqualTo("FINISHED_ERR_CANCELLED");
        assertThat(shop.node().call("cancelPaymentRequest", "<taskId>" + waiting + "</taskId>")
            .get("requestStatus")).isEqualTo("ERR_TASK_NOT_CANCELLABLE");
        shop.request(1_000, asker.user());
        shop.request(1_000, asker.user());
        assertThat(shop.end(shop.request(1_000, asker.user())))
            .isEqualTo("FINISHED_ERR_TOO_OFTEN");

        Member hurried = member(true, 0, null, "--task-deadline", "2s");
        assertThat(hurried.end(hurried.request(1_000, asker.user())))
            .isEqualTo("FINISHED_ERR_TIMEOUT");
    }

    @Test
    void outgoingTransfersInFlightAreBounded() throws Exception {
        Member payer = member(true, 50_000, "ZLOTY_ISSUANCE_CURVE", "--in-flight-max", "1",
            "--search-timeout", "5s");
        Member offline = member(false, 0, null);
        network.stop(offline.node());
        String searching = payer.give(1_000, offline.user());
        Network.awaitTask(payer.node(), searching, Set.of("SEARCHING"));
        Member receiver = member(false, 0, null, "--accept-incoming", "yes");
        assertThat(payer.end(payer.give(1_000, receiver.user())))
            .isEqualTo("FINISHED_ERR_OUT_TRANSFERS_LIMIT_EXCEEDED");
        assertThat(payer.end(searching)).isEqualTo("FINISHED_ERR_USER_NOT_FOUND");
    }

    @Test
    void anInconsistentDescriptionAndTheTransferIdRule() throws Exception {
        Member shop = member(true, 0, null);
        Member payer = member(false, 100_000, "ZLOTY_ISSUANCE_CURVE",
            "--wallet-policy", "accept-up-to=100000");
        String described = shop.request(1_000, payer.user(),
            "<description>{\"amount\":999}</description>");
        assertThat(shop.end(described)).isEqualTo("FINISHED_ERR_INVALID_DATA");
        String data = "<uniqueTransferId>same-id</uniqueTransferId><title>t</title>";
        String first = shop.request(2_000, payer.user(), data);
        assertThat(shop.request(2_000, payer.user(), data)).isEqualTo(first);
        Map<String, String> other = shop.node().call("requestPaymentInitiation", amount(3_000)
            + "<requestData><username>" + payer.user() + "</username>" + data
            + "</requestData>");
        assertThat(other.get("requestStatus")).isEqualTo("ERR_INVALID_TRANSFER_ID");
        assertThat(shop.end(first)).isEqualTo("FINISHED_OK");
        Network.await(() -> free(shop.node()) == 2_000, () -> "paid twice or not at all");
    }

    @Test
    void aMerchantTakesUnsolicitedMoneyOnlyThroughAWindow() throws Exception {
        Member shop = member(true, 0, null);
        Member wallet = member(false, 50_000, "ZLOTY_ISSUANCE_CURVE");
        assertThat(wallet.end(wallet.give(4_000, shop.user())))
            .isEqualTo("FINISHED_ERR_USER_REJECTED");
        Map<String, String> window = shop.node().call("expectPaymentRequest", "<username>"
            + wallet.user() + "</username>" + amount(4_000) + "<timeout>60</timeout>");
        assertThat(window.get("requestPaymentIdConfirmation")).matches("[0-9A-Z]{26}");
        assertThat(wallet.end(wallet.give(4_000, shop.user()))).isEqualTo("FINISHED_OK");
        assertThat(wallet.end(wallet.give(4_000, shop.user())))
            .as("the window is single-use").isEqualTo("FINISHED_ERR_USER_REJECTED");
    }
}
