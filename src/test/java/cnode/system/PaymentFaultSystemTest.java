package cnode.system;

import static cnode.system.PaymentSystemTest.amount;
import static cnode.system.PaymentSystemTest.free;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.Envelopes;
import cnode.NodeHarness;
import cnode.colony.client.BearerToken;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.Outcome;
import cnode.node.NodeState;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import cnode.stdx.Clock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment statuses whose causes are faults (contract §4.1), each reached by a whole-system
 * test from a real one: the merchant's account locked by the administrator while its request
 * waits for the payer's decision (FINISHED_ERR_LOCKED); coins that expired in the colony
 * (FINISHED_ERR_OUTDATED); the colony frozen with SIGSTOP while a swap is prepared and let run
 * on after the swap's expiry (FINISHED_ERR_VERIFICATION_TIMEOUT); a payer's coins reserved for a
 * payment whose merchant node is frozen (FINISHED_ERR_COLLECTING_MONEX_AMOUNT); a node's SQLite
 * store refusing writes because another process holds its write lock
 * (FINISHED_ERR_INTERNAL_ERROR). After each, the colony's conservation check passes and the
 * failed payment moved no money. Signals go only to processes these tests started, by pid.
 */
class PaymentFaultSystemTest {
    private static final String PASSWORD = "fault-password-1";

    @TempDir
    Path root;

    /** A user with a node of its own, logged in. */
    record Party(String user, NodeHarness node) {}

    @Test
    void theMerchantIsLockedWhileThePayerDecides() throws Exception {
        try (Network network = Network.start(root)) {
            Party payer = party(network, "lk.wallet", false, 4_000, "--wallet-policy", "ask");
            // The merchant's node gets a long lease: its first upkeep call to the colony (the
            // location report) is then 30 s after its login. Until then it does not learn of
            // the lock by losing its session, which would log it out and close its link to the
            // payer; it learns of it from the registry, as a payment would in the middle of a
            // node's life.
            try (NodeHarness shop = NodeHarness.start(root.resolve("lk.shop"), Clock.SYSTEM,
                "--colony", network.colony().url().toString(), "--lease-ttl", "10m")) {
                join(shop, "lk.shop", true);
                long payerBefore = free(payer.node());
                String taskId = request(shop, 4_000, payer.user());
                Network.awaitTask(shop, taskId, Set.of("WAITING_FOR_USER_DECISION"));
                PagePerson person = new PagePerson(payer.node());
                String asked = person.awaitRequest();
                assertThat(network.admin().lock(network.token(), "lk.shop"))
                    .isInstanceOf(Outcome.Ok.class);
                assertThat(person.decide(asked, true)).isEqualTo(303);
                Map<String, String> done = Network.awaitEnd(shop, taskId);
                assertThat(done.get("status")).as(done.toString())
                    .isEqualTo("FINISHED_ERR_LOCKED");
                assertThat(done.get("additionalInfo")).contains("lk.shop is locked");
                conserved(network.admin());
                Network.await(() -> free(payer.node()) == payerBefore,
                    () -> "the payer's coins were not given back: " + free(payer.node()));
                assertThat(wallet(network.admin(), "lk.wallet")).isEqualTo(4_000);
                assertThat(wallet(network.admin(), "lk.shop")).isZero();
            }
        }
    }

    @Test
    void thePayersOnlyCoinsHaveExpired() throws Exception {
        try (Network network = Network.start(root, "--coin-validity", "2s")) {
            Party shop = party(network, "od.shop", true, 0);
            Party payer = party(network, "od.wallet", false, 0,
                "--wallet-policy", "accept-up-to=100000", "--accept-incoming", "yes");
            mint(network.admin(), network.token(), "od.wallet", 5_000);
            long expiredAt = System.currentTimeMillis() + 2_000;
            Network.await(() -> System.currentTimeMillis() > expiredAt + 500,
                () -> "the clock stood still");
            assertThat(wallet(network.admin(), "od.wallet")).isEqualTo(5_000);
            Network.await(() -> free(payer.node()) == 0, () -> "the coins are still free");
            String asked = request(shop.node(), 1_000, payer.user());
            assertThat(Network.awaitEnd(shop.node(), asked).get("status"))
                .isEqualTo("FINISHED_ERR_OUTDATED");
            String given = give(payer.node(), 1_000, shop.user());
            Map<String, String> refused = Network.awaitEnd(payer.node(), given);
            assertThat(refused.get("status")).isEqualTo("FINISHED_ERR_OUTDATED");
            assertThat(refused.get("additionalInfo")).contains("have expired");
            conserved(network.admin());
            assertThat(free(payer.node())).isZero();
            assertThat(free(shop.node())).isZero();
            assertThat(wallet(network.admin(), "od.wallet")).isEqualTo(5_000);
            assertThat(wallet(network.admin(), "od.shop")).isZero();
        }
    }

    /**
     * The payee is a test peer that confirms the prepared swap only after it has frozen the
     * colony: the payer's commit then meets a colony that answers nothing, and it is answered
     * (EXPIRED) only once the colony runs again, after the swap's expiry. Between a real
     * node's prepare and its commit lie milliseconds, so no signal from outside could land
     * there; the test peer only fixes that moment, the cause is the frozen colony. The prepared
     * swap lives decision timeout + verification timeout + 60 s, so this test takes a minute.
     */
    @Test
    void theColonyIsFrozenPastThePreparedSwapsExpiry() throws Exception {
        try (SeparateColony colony = SeparateColony.start(root.resolve("colony"),
            root.resolve("colony.log"))) {
            HeldPayee payee = new HeldPayee(colony);
            RoguePeer peer = RoguePeer.start(colony.client(), "vt.wallet", false,
                payee::answer);
            try (NodeHarness shop = NodeHarness.start(root.resolve("vt.shop"), Clock.SYSTEM,
                "--colony", colony.url().toString(), "--decision-timeout", "1s",
                "--verification-timeout", "5s")) {
                join(shop, "vt.shop", true);
                mint(colony.admin(), colony.token(), "vt.shop", 1_000);
                Network.await(() -> free(shop) == 1_000, () -> "the shop never saw its money");
                String taskId = give(shop, 1_000, "vt.wallet");
                assertThat(payee.verified.await(Network.WAIT_MS, TimeUnit.MILLISECONDS))
                    .as("the payee was asked to confirm a prepared swap").isTrue();
                awaitClock(payee.expiresAtMs.get() + 1_000);
                assertThat(shop.call("getTaskStatus", "<taskId>" + taskId + "</taskId>")
                    .get("status")).as("held while the colony is frozen")
                    .isEqualTo("WAITING_FOR_VERIFICATION");
                colony.resume();
                Map<String, String> done = Network.awaitEnd(shop, taskId);
                assertThat(done.get("status")).as(done.toString())
                    .isEqualTo("FINISHED_ERR_VERIFICATION_TIMEOUT");
                assertThat(done.get("additionalInfo")).contains("registry voided it");
                conserved(colony.admin());
                Network.awaitState(shop, NodeState.VUI_READY);
                Network.await(() -> free(shop) == 1_000, () -> "the shop's coin is not free");
                assertThat(wallet(colony.admin(), "vt.shop")).isEqualTo(1_000);
                assertThat(wallet(colony.admin(), "vt.wallet")).isZero();
            } finally {
                peer.close();
            }
        }
    }

    /**
     * A payee standing in for a node: takes money offered, and when asked to confirm the
     * prepared swap freezes the colony (SIGSTOP) before it says yes. Its fields are written by
     * the peer port's threads and read by the test thread.
     */
    private static final class HeldPayee {
        private final SeparateColony colony;
        final AtomicLong expiresAtMs = new AtomicLong();
        final CountDownLatch verified = new CountDownLatch(1);

        HeldPayee(SeparateColony colony) {
            this.colony = colony;
        }

        PeerReply answer(String from, PeerMessageKind kind, JsonNode body) {
            ObjectNode transfer = JsonNodeFactory.instance.objectNode()
                .put("transferId", body.path("transferId").asText());
            return switch (kind) {
                case PAY_OFFER -> {
                    expiresAtMs.set(body.path("expiresAtMs").asLong());
                    ObjectNode accepted = JsonNodeFactory.instance.objectNode();
                    accepted.putArray("payerCoinIds");
                    accepted.putArray("changeCoinIds");
                    accepted.put("payerSignature", "");
                    accepted.putArray("change");
                    yield new PeerReply.Answered(PeerMessageKind.PAY_ACCEPTED, accepted);
                }
                case PAY_VERIFY -> {
                    try {
                        colony.suspend();
                    } catch (Exception failed) {
                        throw new IllegalStateException("the colony could not be stopped",
                            failed);
                    }
                    verified.countDown();
                    yield new PeerReply.Answered(PeerMessageKind.PAY_VERIFIED, transfer);
                }
                case PAY_DONE -> new PeerReply.Answered(PeerMessageKind.PAY_SETTLED, transfer);
                default -> new PeerReply.Refused("UNKNOWN_KIND");
            };
        }
    }

    @Test
    void thePayersCoinsAreHeldForAPaymentWhoseMerchantIsFrozen() throws Exception {
        try (Network network = Network.start(root)) {
            Party payer = party(network, "co.wallet", false, 10_000, "--wallet-policy", "ask");
            Party other = party(network, "co.other", true, 0);
            Path log = root.resolve("co.shop.log");
            try (NodeProcess shop = processNode(network, "co.shop", log)) {
                String first = request(shop, 10_000, "co.wallet");
                awaitStatus(shop, first, "WAITING_FOR_USER_DECISION");
                PagePerson person = new PagePerson(payer.node());
                String firstAsked = person.awaitRequest();
                Signals.stop(shop.pid());
                try {
                    // Accepted, the payer's wallet reserves its coins for the first payment
                    // and answers; the frozen merchant node reads the answer only later.
                    assertThat(person.decide(firstAsked, true)).isEqualTo(303);
                    Network.await(() -> free(payer.node()) == 0
                        && balance(payer.node(), "lockedBalance") == 10_000,
                        () -> "the payer's coins were not reserved");
                    String second = request(other.node(), 5_000, "co.wallet");
                    assertThat(person.decide(awaitAnother(person, firstAsked), true))
                        .isEqualTo(303);
                    Map<String, String> refused = Network.awaitEnd(other.node(), second);
                    assertThat(refused.get("status")).as(refused.toString())
                        .isEqualTo("FINISHED_ERR_COLLECTING_MONEX_AMOUNT");
                    assertThat(free(other.node())).isZero();
                    assertThat(wallet(network.admin(), "co.wallet")).isEqualTo(10_000);
                } finally {
                    Signals.resume(shop.pid());
                }
                awaitStatus(shop, first, "FINISHED_OK");
            }
            conserved(network.admin());
            assertThat(wallet(network.admin(), "co.wallet")).as("only the first payment moved")
                .isZero();
            assertThat(wallet(network.admin(), "co.shop")).isEqualTo(10_000);
            assertThat(wallet(network.admin(), "co.other")).isZero();
        }
    }

    @Test
    void theMerchantNodesStoreRefusesWritesInTheMiddleOfAPayment() throws Exception {
        try (Network network = Network.start(root)) {
            Party payer = party(network, "ie.wallet", false, 3_000, "--wallet-policy", "ask");
            Path log = root.resolve("ie.shop.log");
            try (NodeProcess shop = processNode(network, "ie.shop", log)) {
                String taskId = request(shop, 3_000, "ie.wallet");
                awaitStatus(shop, taskId, "WAITING_FOR_USER_DECISION");
                PagePerson person = new PagePerson(payer.node());
                String asked = person.awaitRequest();
                long payerBefore = free(payer.node());
                StoreWriteLock lock = StoreWriteLock.take(root.resolve("ie.shop")
                    .resolve("node.db"));
                try {
                    assertThat(person.decide(asked, true)).isEqualTo(303);
                    // The payment's next step (TRANSFERRING) is a write the store refuses.
                    awaitLog(log, "task " + taskId + ": payment failed inside the node");
                } finally {
                    lock.close();
                }
                Map<String, String> done = awaitStatus(shop, taskId,
                    "FINISHED_ERR_INTERNAL_ERROR");
                assertThat(done.get("additionalInfo")).contains("see its log for this task id");
                conserved(network.admin());
                Network.await(() -> free(payer.node()) == payerBefore,
                    () -> "the payer's coins were not given back");
                assertThat(wallet(network.admin(), "ie.shop")).isZero();
                assertThat(wallet(network.admin(), "ie.wallet")).isEqualTo(3_000);

                // The node lives on: the same payment again goes through.
                String again = request(shop, 3_000, "ie.wallet");
                assertThat(person.decide(awaitAnother(person, asked), true)).isEqualTo(303);
                awaitStatus(shop, again, "FINISHED_OK");
                assertThat(wallet(network.admin(), "ie.shop")).isEqualTo(3_000);
            }
            conserved(network.admin());
        }
    }

    /**
     * The store refuses writes for longer, so that the write of the task's end is refused too:
     * the flow keeps trying to store the end (logged with the task id) and the task ends
     * FINISHED_ERR_INTERNAL_ERROR once the store takes writes again.
     */
    @Test
    void theStoreRefusesWritesUntilAfterThePaymentHasEnded() throws Exception {
        try (Network network = Network.start(root)) {
            Party payer = party(network, "ip.wallet", false, 3_000, "--wallet-policy", "ask");
            Path log = root.resolve("ip.shop.log");
            try (NodeProcess shop = processNode(network, "ip.shop", log)) {
                String taskId = request(shop, 3_000, "ip.wallet");
                awaitStatus(shop, taskId, "WAITING_FOR_USER_DECISION");
                PagePerson person = new PagePerson(payer.node());
                String asked = person.awaitRequest();
                long payerBefore = free(payer.node());
                StoreWriteLock lock = StoreWriteLock.take(root.resolve("ip.shop")
                    .resolve("node.db"));
                try {
                    assertThat(person.decide(asked, true)).isEqualTo(303);
                    awaitLog(log, "task " + taskId + ": payment failed inside the node");
                    // The payer's coins are free once the node told it the payment ended; the
                    // node then writes the task's end, and the fault outlasts the longest
                    // wait of a write (30 s for its commit, then the store gives up).
                    Network.await(() -> free(payer.node()) == payerBefore,
                        () -> "the payer's coins were not given back");
                    awaitClock(System.currentTimeMillis() + 35_000);
                } finally {
                    lock.close();
                }
                Map<String, String> done = awaitStatus(shop, taskId,
                    "FINISHED_ERR_INTERNAL_ERROR");
                assertThat(done.get("additionalInfo")).contains("see its log for this task id");
                assertThat(Files.readString(log)).doesNotContain("Exception in thread");
            }
            conserved(network.admin());
            assertThat(wallet(network.admin(), "ip.wallet")).isEqualTo(3_000);
            assertThat(wallet(network.admin(), "ip.shop")).isZero();
        }
    }

    /** A new user on a node of its own in {@code network}, logged in, with its money. */
    private static Party party(Network network, String user, boolean merchant, long billons,
                               String... flags) throws Exception {
        List<String> all = new ArrayList<>(List.of("--allow-non-merchant-user"));
        all.addAll(List.of(flags));
        NodeHarness node = network.node(user, all.toArray(new String[0]));
        join(node, user, merchant);
        if (billons > 0) {
            mint(network.admin(), network.token(), user, billons);
            Network.await(() -> free(node) == billons, () -> user + " never saw its money");
        }
        return new Party(user, node);
    }

    /** Registers {@code user} through {@code node} and logs it in there. */
    private static void join(NodeHarness node, String user, boolean merchant) throws Exception {
        Network.awaitState(node, NodeState.VUI_CONNECTED);
        assertThat(Network.register(node, user, PASSWORD, merchant).get("status"))
            .isEqualTo("FINISHED_OK");
        assertThat(Network.awaitEnd(node, Network.startLogin(node, user, PASSWORD))
            .get("status")).isEqualTo("FINISHED_OK");
    }

    /**
     * A merchant registered through a node of the network, then run by a node in a process of
     * its own (SQLite store in {@code root/name}) that logs it in at start.
     */
    private NodeProcess processNode(Network network, String user, Path log) throws Exception {
        NodeHarness registrar = network.node(user + ".registrar");
        Network.awaitState(registrar, NodeState.VUI_CONNECTED);
        assertThat(Network.register(registrar, user, PASSWORD, true).get("status"))
            .isEqualTo("FINISHED_OK");
        network.stop(registrar);
        NodeProcess node = NodeProcess.start(root.resolve(user), log, Network.freePort(),
            "--colony", network.colony().url().toString(), "-U", user, "-P", PASSWORD);
        try {
            node.awaitState("VUI_READY");
        } catch (AssertionError | InterruptedException late) {
            node.close();
            throw late;
        }
        return node;
    }

    /** Mints {@code billons} to {@code user} as the fewest coins. */
    private static void mint(ColonyAdmin admin, BearerToken token, String user, long billons)
        throws Exception {
        assertThat(admin.mint(token, new ColonyAdmin.MintRequest("seed-" + user, user,
            billons, "PLN", null, null))).isInstanceOf(Outcome.Ok.class);
    }

    private static String request(NodeHarness node, long billons, String payer)
        throws Exception {
        Map<String, String> started = node.call("requestPaymentInitiation", amount(billons)
            + "<requestData><username>" + payer + "</username></requestData>");
        assertThat(started.get("requestStatus")).as(started.toString()).isEqualTo("SUCCESS");
        return started.get("taskId");
    }

    private static String request(NodeProcess node, long billons, String payer) {
        Map<String, String> started = node.call("requestPaymentInitiation", amount(billons)
            + "<requestData><username>" + payer + "</username></requestData>");
        assertThat(started.get("requestStatus")).as(started.toString()).isEqualTo("SUCCESS");
        return started.get("taskId");
    }

    private static String give(NodeHarness node, long billons, String receiver)
        throws Exception {
        Map<String, String> started = node.call("giveMoneyRequest", amount(billons)
            + "<username>" + receiver + "</username>");
        assertThat(started.get("requestStatus")).as(started.toString()).isEqualTo("SUCCESS");
        return started.get("taskId");
    }

    /** Polls a node process until the task has {@code status}; fails on another ending. */
    private static Map<String, String> awaitStatus(NodeProcess node, String taskId,
                                                   String status) throws Exception {
        long giveUpAt = System.currentTimeMillis() + Network.WAIT_MS * 2;
        Map<String, String> last = Map.of();
        while (System.currentTimeMillis() < giveUpAt) {
            last = node.call("getTaskStatus", "<taskId>" + taskId + "</taskId>");
            String now = last.getOrDefault("status", "");
            if (now.equals(status)) {
                return last;
            }
            assertThat(now).as("task %s ended otherwise: %s", taskId, last)
                .doesNotStartWith("FINISHED");
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " never reached " + status + "; last "
            + last);
    }

    /** Waits until the page lists a request other than {@code decided}; answers its id. */
    private static String awaitAnother(PagePerson person, String decided) throws Exception {
        long giveUpAt = System.currentTimeMillis() + Network.WAIT_MS;
        while (System.currentTimeMillis() < giveUpAt) {
            for (String id : person.pending()) {
                if (!id.equals(decided)) {
                    return id;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no second request appeared on the payer's page");
    }

    private static void awaitLog(Path log, String line) throws Exception {
        long giveUpAt = System.currentTimeMillis() + Network.WAIT_MS * 2;
        while (!Files.readString(log).contains(line)) {
            if (System.currentTimeMillis() > giveUpAt) {
                throw new AssertionError("the node never logged \"" + line + "\"");
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the wall clock to pass {@code atMs}, which is at most 5 minutes away. */
    private static void awaitClock(long atMs) throws InterruptedException {
        assertThat(atMs).isLessThan(System.currentTimeMillis() + 300_000);
        while (System.currentTimeMillis() <= atMs) {
            Thread.sleep(Math.min(1_000, Math.max(1, atMs - System.currentTimeMillis() + 1)));
        }
    }

    private static void conserved(ColonyAdmin admin) throws Exception {
        var check = admin.check();
        assertThat(check).isInstanceOf(Outcome.Ok.class);
        assertThat(((Outcome.Ok<ColonyAdmin.CheckReply>) check).reply().passed())
            .as(check.toString()).isTrue();
    }

    /** The user's PLN in its wallet as the colony's registry holds it (free, locked, expired). */
    private static long wallet(ColonyAdmin admin, String user) throws Exception {
        String after = "";
        while (true) {
            var page = admin.users(after, ColonyAdmin.USERS_PAGE_MAX);
            assertThat(page).isInstanceOf(Outcome.Ok.class);
            ColonyAdmin.UsersReply reply = ((Outcome.Ok<ColonyAdmin.UsersReply>) page).reply();
            for (ColonyAdmin.UserEntry entry : reply.users()) {
                if (entry.username().equals(user)) {
                    return entry.balances().stream().filter(b -> b.currency().equals("PLN"))
                        .mapToLong(ColonyAdmin.Balance::wallet).sum();
                }
            }
            if (reply.next() == null) {
                throw new AssertionError("the colony lists no user " + user);
            }
            after = reply.next();
        }
    }

    /** One PLN amount of {@code getMoneyStatus} ({@code freeBalance}, {@code lockedBalance}). */
    static long balance(NodeHarness node, String field) {
        try {
            org.w3c.dom.Element ret = Envelopes.returnElement(
                node.post(Envelopes.call("getMoneyStatus", "")).body());
            org.w3c.dom.Element amount = (org.w3c.dom.Element) ret
                .getElementsByTagName(field).item(0);
            return Long.parseLong(amount.getElementsByTagName("amount").item(0)
                .getTextContent());
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
    }
}
