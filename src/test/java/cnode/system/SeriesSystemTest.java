package cnode.system;

import static cnode.system.PaymentSystemTest.amount;
import static cnode.system.PaymentSystemTest.free;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.colony.client.ColonyAdmin;
import cnode.node.NodeState;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Series of payments (contract §5) between real nodes: a person accepts a series on the
 * wallet's page, its requests then run without asking and within its count and total
 * (SERIES_ACCEPTED, FINISHED_OK, SERIES_CONSTRAINTS_EXCEEDED); the merchant ends it
 * (SERIES_FINISHED) or its time runs out; the person revokes one on the page
 * (FINISHED_REVOKED); a request queued behind one that failed is cancelled
 * (CANCELLED_DUE_TO_PREVIOUS_ERROR).
 */
class SeriesSystemTest extends OneNetworkPerClass {
    private static final String PASSWORD = "series-password-1";

    private int users;

    private NodeHarness member(boolean merchant, long billons, String... flags)
        throws Exception {
        String user = "se" + (++users) + (merchant ? ".shop" : ".wallet");
        String[] all = new String[flags.length + 1];
        all[0] = "--allow-non-merchant-user";
        System.arraycopy(flags, 0, all, 1, flags.length);
        NodeHarness node = network.node(user, all);
        Network.awaitState(node, NodeState.VUI_CONNECTED);
        Network.register(node, user, PASSWORD, merchant);
        Network.awaitEnd(node, Network.startLogin(node, user, PASSWORD));
        if (billons > 0) {
            network.admin().mint(network.token(), new ColonyAdmin.MintRequest("seed-" + user,
                user, billons, "PLN", null, "ZLOTY_ISSUANCE_CURVE"));
            Network.await(() -> free(node) == billons, () -> user + " never saw its money");
        }
        return node;
    }

    private static String user(NodeHarness node) throws Exception {
        return node.call("hello", "").get("username");
    }

    private static String startSeries(NodeHarness shop, String payer, long payments,
                                      long total, long seconds) throws Exception {
        Map<String, String> started = shop.call("startSeriesPayment", "<requestData><username>"
            + payer + "</username><title>Parking</title></requestData>"
            + "<type>MONEY_COLLECT_SERIES</type><seriesData><maxPaymentsInSeries>" + payments
            + "</maxPaymentsInSeries>" + "<maxTotalAmount><amount>" + total + "</amount>"
            + "<currency>PLN</currency></maxTotalAmount><seriesSecondDuration>" + seconds
            + "</seriesSecondDuration></seriesData>");
        assertThat(started.get("requestStatus")).as(started.toString()).isEqualTo("SUCCESS");
        return started.get("taskId");
    }

    private static String inSeries(NodeHarness shop, String payer, String seriesId,
                                   long billons) throws Exception {
        Map<String, String> started = shop.call("requestPaymentInitiation", amount(billons)
            + "<seriesId>" + seriesId + "</seriesId><requestData><username>" + payer
            + "</username></requestData>");
        assertThat(started.get("requestStatus")).as(started.toString()).isEqualTo("SUCCESS");
        return started.get("taskId");
    }

    @Test
    void aPersonAcceptsASeriesWhoseRequestsThenRunWithinItsLimits() throws Exception {
        NodeHarness shop = member(true, 0);
        NodeHarness bruno = member(false, 100_000);
        String payer = user(bruno);
        PagePerson person = new PagePerson(bruno);
        String series = startSeries(shop, payer, 2, 30_000, 0);
        Network.awaitTask(shop, series, Set.of("WAITING_FOR_USER_DECISION"));
        assertThat(person.decide(person.awaitRequest(), true)).isEqualTo(303);
        Network.awaitTask(shop, series, Set.of("SERIES_ACCEPTED"));

        assertThat(Network.awaitEnd(shop, inSeries(shop, payer, series, 10_000))
            .get("status")).isEqualTo("FINISHED_OK");
        assertThat(person.pending()).as("no person was asked").isEmpty();
        assertThat(Network.awaitEnd(shop, inSeries(shop, payer, series, 25_000))
            .get("status")).isEqualTo("FINISHED_ERR_SERIES_CONSTRAINTS_EXCEEDED");
        assertThat(Network.awaitEnd(shop, inSeries(shop, payer, series, 5_000))
            .get("status")).isEqualTo("FINISHED_OK");
        assertThat(Network.awaitEnd(shop, inSeries(shop, payer, series, 1_000))
            .get("status")).as("a third payment breaks the count")
            .isEqualTo("FINISHED_ERR_SERIES_CONSTRAINTS_EXCEEDED");
        Network.await(() -> free(shop) == 15_000, () -> "the shop did not get 15 PLN");

        assertThat(shop.call("endSeriesPayment", "<seriesId>" + series + "</seriesId>")
            .get("requestStatus")).isEqualTo("SUCCESS");
        assertThat(Network.awaitEnd(shop, series).get("status")).isEqualTo("SERIES_FINISHED");
        assertThat(shop.call("requestPaymentInitiation", amount(1_000) + "<seriesId>" + series
            + "</seriesId><requestData><username>" + payer + "</username></requestData>")
            .get("requestStatus")).isEqualTo("ERR_INVALID_SERIES_ID");
        assertThat(shop.call("endSeriesPayment", "<seriesId>" + series + "</seriesId>")
            .get("requestStatus")).isEqualTo("ERR_INVALID_TASK_ID");
    }

    @Test
    void aSeriesEndsWithItsTimeOrWhenThePersonRevokesIt() throws Exception {
        NodeHarness shop = member(true, 0);
        NodeHarness bruno = member(false, 100_000);
        String payer = user(bruno);
        PagePerson person = new PagePerson(bruno);
        String shortOne = startSeries(shop, payer, 0, 0, 2);
        assertThat(person.decide(person.awaitRequest(), true)).isEqualTo(303);
        assertThat(Network.awaitEnd(shop, shortOne).get("status")).isEqualTo("SERIES_FINISHED");

        String revoked = startSeries(shop, payer, 0, 50_000, 0);
        assertThat(person.decide(person.awaitRequest(), true)).isEqualTo(303);
        Network.awaitTask(shop, revoked, Set.of("SERIES_ACCEPTED"));
        person.pending();
        assertThat(person.revoke(revoked)).isEqualTo(303);
        assertThat(Network.awaitEnd(shop, revoked).get("status")).isEqualTo("FINISHED_REVOKED");
    }

    @Test
    void requestsQueuedBehindAFailedOneAreCancelled() throws Exception {
        NodeHarness shop = member(true, 0, "--search-timeout", "3s");
        NodeHarness payerNode = member(false, 100_000, "--wallet-policy", "accept-up-to=100000");
        String payer = user(payerNode);
        String series = startSeries(shop, payer, 0, 50_000, 0);
        Network.awaitTask(shop, series, Set.of("SERIES_ACCEPTED"));
        network.stop(payerNode);
        String failing = inSeries(shop, payer, series, 1_000);
        Network.awaitTask(shop, failing, Set.of("SEARCHING"));
        String queued = inSeries(shop, payer, series, 1_000);
        assertThat(shop.call("getTaskStatus", "<taskId>" + queued + "</taskId>").get("status"))
            .as("queued behind the first, before it touches anything").isEqualTo("PREPARATION");
        assertThat(Network.awaitEnd(shop, failing).get("status"))
            .isEqualTo("FINISHED_ERR_USER_NOT_FOUND");
        assertThat(Network.awaitEnd(shop, queued).get("status"))
            .isEqualTo("FINISHED_ERR_CANCELLED_DUE_TO_PREVIOUS_ERROR");
    }
}
