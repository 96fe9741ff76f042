package cnode.system;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.Outcome;
import cnode.node.NodeState;
import cnode.stdx.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's crash test: a colony, a merchant node and a payer's wallet node, each a process of
 * its own on loopback; a stream of payment requests from the merchant to the payer, each with
 * its own uniqueTransferId and repeated (same id, same parameters) while the merchant does not
 * answer; meanwhile a seeded chaos thread SIGKILLs one of the three processes at a time and
 * starts it again on the same data. Afterwards every payment is FINISHED_OK exactly once on
 * both sides or a FINISHED_ERR_* with no money moved, judged by {@link CrashVerdict}: task
 * endings, repeats, the registry's swaps, money at both nodes and at the colony, purchase
 * documents on both sides, and the colony's conservation check.
 *
 * <p>System properties: {@code cnode.crash.payments} (default {@value #PAYMENTS_DEFAULT}),
 * {@code cnode.crash.kills} (default {@value #KILLS_DEFAULT}), {@code cnode.crash.seed}
 * (default {@value #SEED_DEFAULT}); the seed and each kill are printed. Every process is killed
 * by its pid, and all are ended in a {@code finally}.
 */
class PaymentCrashTest {
    static final int PAYMENTS_DEFAULT = 500;
    static final int KILLS_DEFAULT = 8;
    static final long SEED_DEFAULT = 5_0505L;
    private static final int DRIVERS = 8;
    private static final long AMOUNT = 1_000;
    private static final int SPARE_COINS = 20;
    private static final long PER_PAYMENT_MS = 120_000;
    private static final String MERCHANT = "crash.shop";
    private static final String PAYER = "crash.payer";
    private static final String PASSWORD = "crash-password-1";
    private static final List<String> SHORT_TIMES = List.of("--lease-ttl", "2s",
        "--search-timeout", "4s", "--decision-timeout", "4s", "--verification-timeout", "4s",
        "--rate-limit-per-user", "1000000");

    @TempDir
    Path root;

    @Test
    void everyPaymentEndsOnceOnBothSidesOrMovesNothing() throws Exception {
        int payments = Integer.getInteger("cnode.crash.payments", PAYMENTS_DEFAULT);
        int kills = Integer.getInteger("cnode.crash.kills", KILLS_DEFAULT);
        long seed = Long.getLong("cnode.crash.seed", SEED_DEFAULT);
        System.out.println("crash test: seed " + seed + ", " + payments + " payments, "
            + kills + " kills (-Dcnode.crash.seed=" + seed + " repeats the plan)");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            CrashColony colony = CrashColony.start(root.resolve("colony"), root,
                Network.freePort());
            started.add(colony);
            register(colony);
            long minted = mint(colony, payments + SPARE_COINS);
            CrashNode merchant = node("merchant", colony, List.of("-U", MERCHANT));
            started.add(merchant);
            CrashNode payer = node("payer", colony, List.of("-U", PAYER,
                "--allow-non-merchant-user", "--wallet-policy", "accept-up-to=" + AMOUNT,
                "--accept-incoming", "yes"));
            started.add(payer);
            merchant.awaitReady();
            payer.awaitReady();
            Network.await(() -> payer.money() == minted, () -> "the payer never saw its "
                + minted + " billons: " + payer.money());

            PaymentStream stream = new PaymentStream(merchant, PAYER, AMOUNT, "crash-",
                PER_PAYMENT_MS);
            Chaos chaos = new Chaos(Chaos.plan(seed, kills, payments), merchant, payer, colony);
            long startMs = System.currentTimeMillis();
            List<PaymentStream.Sent> sent = streamUnderChaos(stream, chaos, payments,
                kills);
            System.out.println("crash test: stream of " + payments + " ended in "
                + (System.currentTimeMillis() - startMs) + " ms");
            judge(new CrashVerdict(merchant, payer, colony, stream, AMOUNT), sent, colony,
                minted);
        } finally {
            for (AutoCloseable process : started.reversed()) {
                process.close();
            }
        }
    }

    /** The stream on this thread, the chaos on another; both bounded. */
    private static List<PaymentStream.Sent> streamUnderChaos(PaymentStream stream, Chaos chaos,
                                                             int payments, int kills)
        throws Exception {
        ExecutorService chaosThread = Executors.newSingleThreadExecutor();
        try {
            Future<List<Chaos.Kill>> running = chaosThread.submit(
                () -> chaos.run(stream::ended, payments));
            List<PaymentStream.Sent> sent = stream.run(payments, DRIVERS);
            List<Chaos.Kill> done = running.get(5, TimeUnit.MINUTES);
            System.out.println("crash test: " + done.size() + " kills made");
            assertThat(done).as("kills made during the stream").hasSize(kills);
            return sent;
        } finally {
            chaosThread.shutdownNow();
            chaosThread.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static void judge(CrashVerdict verdict, List<PaymentStream.Sent> sent,
                              CrashColony colony, long minted) throws Exception {
        verdict.awaitEndings(sent);
        verdict.checkRepeats(sent);
        Map<String, String> taskIds = new HashMap<>();
        sent.stream().filter(one -> one.taskId() != null)
            .forEach(one -> taskIds.put(one.uniqueTransferId(), one.taskId()));
        var login = new ColonyUsers(colony.client()).login(MERCHANT, PASSWORD);
        assertThat(login).isInstanceOf(Outcome.Ok.class);
        verdict.checkRegistry(((Outcome.Ok<ColonyUsers.LoginReply>) login).reply()
            .sessionToken(), taskIds);
        verdict.checkMoney(MERCHANT, PAYER, minted);
        verdict.checkDocuments(taskIds);
        verdict.checkColony();
        System.out.println("crash test: endings " + verdict.tally());
        List<String> findings = verdict.findings();
        assertThat(findings).as("breaches of issue 5 by kind %s; endings %s",
            verdict.kinds(), verdict.tally()).isEmpty();
        assertThat(verdict.finishedOk()).as("payments that went through").isPositive();
    }

    /** Both users, registered through a node in this JVM that is then stopped. */
    private void register(CrashColony colony) throws Exception {
        try (NodeHarness registrar = NodeHarness.start(root.resolve("registrar"), Clock.SYSTEM,
            "--colony", colony.url().toString(), "--allow-non-merchant-user")) {
            Network.awaitState(registrar, NodeState.VUI_CONNECTED);
            assertThat(Network.register(registrar, MERCHANT, PASSWORD, true).get("status"))
                .isEqualTo("FINISHED_OK");
            assertThat(Network.register(registrar, PAYER, PASSWORD, false).get("status"))
                .isEqualTo("FINISHED_OK");
        }
    }

    /** {@code coins} coins of {@link #AMOUNT} each to the payer, so every payment fits one. */
    private static long mint(CrashColony colony, int coins) throws Exception {
        ColonyAdmin admin = colony.admin();
        for (int i = 0; i < coins; i++) {
            var minted = admin.mint(colony.token(), new ColonyAdmin.MintRequest("crash-seed-"
                + i, PAYER, AMOUNT, "PLN", null, null));
            assertThat(minted).as("mint %d", i).isInstanceOf(Outcome.Ok.class);
        }
        return coins * AMOUNT;
    }

    private CrashNode node(String name, CrashColony colony, List<String> login)
        throws Exception {
        List<String> flags = new ArrayList<>(List.of("--colony", colony.url().toString(),
            "-P", PASSWORD));
        flags.addAll(login);
        flags.addAll(SHORT_TIMES);
        return CrashNode.start(name, root, Network.freePort(), flags);
    }
}
