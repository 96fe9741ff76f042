package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.Envelopes;
import cnode.NodeHarness;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.Outcome;
import cnode.node.NodeState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payments between real nodes over real sockets, each status from a real cause: a merchant
 * node asks wallets to pay and pays them; the wallets decide by their policies; coins move
 * in signed two-phase swaps at a real colony, whose conservation check passes after each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentSystemTest {
    private static final String PASSWORD = "pay-password-1";

    @TempDir
    static Path root;
    private Network network;
    private NodeHarness shop;
    private NodeHarness alice;
    private NodeHarness carol;

    @BeforeAll
    void network() throws Exception {
        network = Network.start(root);
        shop = member("shop", "pay.shop", true, 1_000_000);
        java.nio.file.Path personal = root.resolve("alice-personal.json");
        java.nio.file.Files.writeString(personal, "{\"invoiceData\":{\"name\":\"Alice\","
            + "\"taxId\":\"123\"},\"deliveryData\":{\"city\":\"Warszawa\"}}");
        alice = member("alice", "pay.alice", false, 2_000_000,
            "--wallet-policy", "accept-up-to=500000", "--accept-incoming", "yes",
            "--personal-data", personal.toString());
        carol = member("carol", "pay.carol", false, 100_000,
            "--wallet-policy", "reject-all", "--accept-incoming", "no");
    }

    private NodeHarness member(String node, String user, boolean merchant, long billons,
                               String... flags) throws Exception {
        String[] all = new String[flags.length + 1];
        all[0] = "--allow-non-merchant-user";
        System.arraycopy(flags, 0, all, 1, flags.length);
        NodeHarness harness = network.node(node, all);
        Network.awaitState(harness, NodeState.VUI_CONNECTED);
        Network.register(harness, user, PASSWORD, merchant);
        Network.awaitEnd(harness, Network.startLogin(harness, user, PASSWORD));
        var minted = network.admin().mint(network.token(), new ColonyAdmin.MintRequest(
            "seed-" + user, user, billons, "PLN", null, "ZLOTY_ISSUANCE_CURVE"));
        assertThat(minted).isInstanceOf(Outcome.Ok.class);
        Network.await(() -> free(harness) == billons, () -> user + " never saw its money");
        return harness;
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void aMerchantAsksAliceToPayAndSheDoes() throws Exception {
        long shopBefore = free(shop);
        long aliceBefore = free(alice);
        Map<String, String> started = shop.call("requestPaymentInitiation",
            "<type>NORMAL</type>" + amount(12_000) + "<requestData><username>pay.alice"
                + "</username><uniqueTransferId>order-1</uniqueTransferId><title>Coffee"
                + "</title></requestData>");
        assertThat(started.get("requestStatus")).isEqualTo("SUCCESS");
        Map<String, String> done = Network.awaitEnd(shop, started.get("taskId"));
        assertThat(done.get("status")).as(done.toString()).isEqualTo("FINISHED_OK");
        assertThat(done.get("progressPercent")).isEqualTo("100");
        Network.await(() -> free(shop) == shopBefore + 12_000,
            () -> "shop's money did not grow by 12 PLN: " + free(shop));
        Network.await(() -> free(alice) == aliceBefore - 12_000,
            () -> "alice's money did not shrink by 12 PLN: " + free(alice));
        assertConserved();
        Map<String, String> document = shop.call("getPurchaseDocument",
            "<uniqueTransferId>order-1</uniqueTransferId>");
        assertThat(document.get("requestStatus")).isEqualTo("SUCCESS");
        assertHistoriesAgree(started.get("taskId"));

        Map<String, String> unsold = Network.awaitEnd(shop, shop.call("giveMoneyRequest",
            amount(12_000) + "<username>pay.alice</username><description>{\"amount\":12000,"
                + "\"related_merchant_unique_purchase_id\":\"never-sold\"}</description>")
            .get("taskId"));
        assertThat(unsold.get("status")).isEqualTo("FINISHED_ERR_ITEM_NOT_FOUND");
        Map<String, String> refund = Network.awaitEnd(shop, shop.call("giveMoneyRequest",
            amount(12_000) + "<username>pay.alice</username><description>{\"amount\":12000,"
                + "\"related_merchant_unique_purchase_id\":\"order-1\"}</description>")
            .get("taskId"));
        assertThat(refund.get("status")).isEqualTo("FINISHED_OK");
        assertConserved();
    }

    /** The payment is in both histories, the same amount, each side seeing the other. */
    private void assertHistoriesAgree(String taskId) throws InterruptedException {
        var mine = shop.engine().history(1_000).stream()
            .filter(record -> record.taskId().equals(taskId)).findFirst().orElseThrow();
        Network.await(() -> alice.engine().history(1_000).stream()
            .anyMatch(record -> record.id().equals("pay-" + taskId)),
            () -> "the payer's history lacks the payment");
        var theirs = alice.engine().history(1_000).stream()
            .filter(record -> record.id().equals("pay-" + taskId)).findFirst().orElseThrow();
        assertThat(mine.status().name()).isEqualTo("FINISHED_OK");
        assertThat(theirs.status()).isEqualTo(mine.status());
        assertThat(theirs.amount()).isEqualTo(mine.amount());
        assertThat(theirs.currency()).isEqualTo(mine.currency());
        assertThat(mine.counterparty()).isEqualTo("pay.alice");
        assertThat(theirs.counterparty()).isEqualTo("pay.shop");
        assertThat(mine.direction()).isNotEqualTo(theirs.direction());
        assertThat(theirs.uniqueTransferId()).isEqualTo(mine.uniqueTransferId());
    }

    @Test
    void carolRejectsEveryRequest() throws Exception {
        Map<String, String> started = shop.call("requestPaymentInitiation", amount(5_000)
            + "<requestData><username>pay.carol</username></requestData>");
        Map<String, String> done = Network.awaitEnd(shop, started.get("taskId"));
        assertThat(done.get("status")).isEqualTo("FINISHED_ERR_USER_REJECTED");
        assertConserved();
    }

    @Test
    void theMerchantPaysAliceAndCarolRefusesMoney() throws Exception {
        long aliceBefore = free(alice);
        Map<String, String> given = shop.call("giveMoneyRequest", amount(7_000)
            + "<username>pay.alice</username><uniqueTransferId>refund-1</uniqueTransferId>");
        Map<String, String> done = Network.awaitEnd(shop, given.get("taskId"));
        assertThat(done.get("status")).as(done.toString()).isEqualTo("FINISHED_OK");
        Network.await(() -> free(alice) == aliceBefore + 7_000,
            () -> "alice did not get 7 PLN: " + free(alice));
        Map<String, String> refused = Network.awaitEnd(shop, shop.call("giveMoneyRequest",
            amount(1_000) + "<username>pay.carol</username>").get("taskId"));
        assertThat(refused.get("status")).isEqualTo("FINISHED_ERR_USER_REJECTED");
        assertConserved();
    }

    @Test
    void namesThatCannotBePaid() throws Exception {
        Map<String, String> self = Network.awaitEnd(shop, shop.call("giveMoneyRequest",
            amount(1_000) + "<username>pay.shop</username>").get("taskId"));
        assertThat(self.get("status")).isEqualTo("FINISHED_ERR_INVALID_USERNAME");
        Map<String, String> nobody = Network.awaitEnd(shop, shop.call(
            "requestPaymentInitiation", amount(1_000) + "<requestData><username>no.such.user"
                + "</username></requestData>").get("taskId"));
        assertThat(nobody.get("status")).isEqualTo("FINISHED_ERR_USER_NOT_FOUND");
    }

    @Test
    void aPingGoesThereAndBackAndCostsNothing() throws Exception {
        long shopBefore = free(shop);
        long aliceBefore = free(alice);
        Map<String, String> ping = Network.awaitEnd(shop, shop.call(
            "requestPingPaymentInitiation", "<requestData><username>pay.alice</username>"
                + "</requestData>").get("taskId"));
        assertThat(ping.get("type")).isEqualTo("PING_PAYMENT");
        assertThat(ping.get("status")).as(ping.toString()).isEqualTo("FINISHED_OK");
        assertThat(ping.get("additionalInfo")).contains("\"coinCount\"");
        Thread.sleep(1_500);
        assertThat(free(shop)).isEqualTo(shopBefore);
        assertThat(free(alice)).isEqualTo(aliceBefore);
        Map<String, String> refused = Network.awaitEnd(shop, shop.call(
            "requestPingPaymentInitiation", "<requestData><username>pay.carol</username>"
                + "</requestData>").get("taskId"));
        assertThat(refused.get("status")).isEqualTo("FINISHED_ERR_USER_REJECTED");
        assertConserved();
    }

    @Test
    void personalDataIsSharedAsTheFlagsAskOrRefused() throws Exception {
        Map<String, String> shared = Network.awaitEnd(shop, shop.call("requestPersonalData",
            "<username>pay.alice</username><requestInvoiceData>OBLIGATORY</requestInvoiceData>"
                + "<requestDeliveryData>NOT_NEEDED</requestDeliveryData>").get("taskId"));
        assertThat(shared.get("type")).isEqualTo("PERSONAL_DATA_REQUEST");
        assertThat(shared.get("status")).isEqualTo("FINISHED_OK");
        assertThat(shared.get("additionalInfo")).contains("\"invoiceData\":{\"name\":\"Alice\"")
            .doesNotContain("deliveryData");
        Map<String, String> refused = Network.awaitEnd(shop, shop.call("requestPersonalData",
            "<username>pay.carol</username><requestInvoiceData>OPTIONAL</requestInvoiceData>"
                + "<type>MONEY_COLLECT_REQUEST</type>").get("taskId"));
        assertThat(refused.get("type")).isEqualTo("MONEY_COLLECT_REQUEST");
        assertThat(refused.get("status")).isEqualTo("FINISHED_ERR_USER_REJECTED");
        assertThat(shop.call("requestPersonalData", "<username>pay.alice</username>"
            + "<requestInvoiceData>ALWAYS</requestInvoiceData>").get("requestStatus"))
            .isEqualTo("ERR_INVALID_INVOICE_OPTION");
    }

    private void assertConserved() throws Exception {
        network.assertConserved();
    }

    static String amount(long billons) {
        return "<amount><amount>" + billons + "</amount><currency>PLN</currency><colour>0"
            + "</colour></amount>";
    }

    static long free(NodeHarness node) {
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
}
