package cnode.colony.server;

import static cnode.colony.server.BankRig.ok;
import static cnode.colony.server.BankRig.refused;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyAdmin.MintReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import cnode.crypto.PublicKey;
import cnode.money.CoinDistribution;
import cnode.money.Denominations;
import cnode.money.IssuanceCurve;
import cnode.money.SignedCoin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/admin/mint} over real sockets: the coins are the split asked for, each
 * verifies with the bank's key and reads back from {@code GET /v1/coins/{id}}; a repeated
 * request (also many at once) mints once and gets the first answer; every refusal has a real
 * cause, answers its name and status and changes nothing, which the committed registry
 * confirms (conservation included).
 */
class MintEndpointTest {
    /** The 2 000 billons of alice's reserved coins that every rig starts with. */
    private static final long SEEDED = 2_000;
    private static final long VALIDITY_730D_MS = 730L * 86_400_000L;

    @TempDir
    Path folder;
    private BankRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = BankRig.start(folder.resolve("colony"));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    static void assertRefused(Outcome<?> outcome, int status, String name) {
        Refusal refusal = refused(outcome);
        assertThat(refusal.error()).isEqualTo(name);
        assertThat(refusal.status()).as(name).isEqualTo(status);
        assertThat(refusal.message()).isNotBlank();
    }

    /** Every coin verifies with the served key and reads back the same from the colony. */
    static void assertGenuine(BankRig rig, List<CoinReply> coins) throws Exception {
        PublicKey bankKey = rig.bankKey();
        for (CoinReply coin : coins) {
            SignedCoin signed = coin.signedCoin().orElseThrow();
            assertThat(signed.verifiedBy(bankKey)).as(coin.id()).isTrue();
            assertThat(ok(rig.bank().coin(coin.id()))).isEqualTo(coin);
        }
        assertThat(new HashSet<>(BankRig.ids(coins))).hasSize(coins.size());
    }

    private static List<Long> faces(List<CoinReply> coins) {
        return coins.stream().map(CoinReply::faceValue).toList();
    }

    private static List<Long> facesOf(CoinDistribution distribution) {
        List<Long> faces = new ArrayList<>();
        for (int i = 0; i < Denominations.COUNT; i++) {
            for (long n = 0; n < distribution.count(i); n++) {
                faces.add(Denominations.faceValue(i));
            }
        }
        return faces;
    }

    @Test
    void aMintIsTheFewestCoinsEachSignedAndLive() throws Exception {
        long before = System.currentTimeMillis();
        MintReply reply = rig.mint("alice", 12_345, "PLN");
        assertThat(reply.transferId()).matches("[0-9A-Z]{26}");
        assertThat(reply.user()).isEqualTo("alice");
        assertThat(reply.billons()).isEqualTo(12_345);
        assertThat(reply.colour()).isZero();
        assertThat(faces(reply.coins())).containsExactly(5L, 20L, 20L, 100L, 200L, 2_000L,
            10_000L);
        assertThat(reply.coinCount()).isEqualTo(7);
        assertThat(reply.coins()).allSatisfy(coin -> {
            assertThat(coin.currency()).isEqualTo("PLN");
            assertThat(coin.issuedAtMs()).isBetween(before, System.currentTimeMillis());
            assertThat(coin.expiresAtMs() - coin.issuedAtMs()).isEqualTo(VALIDITY_730D_MS);
        });
        assertGenuine(rig, reply.coins());
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED + 12_345);
        assertThat(committed.coins().stream().filter(row -> row.owner().equals("alice")))
            .hasSize(7 + BankRig.RESERVED.size());
        assertGenuine(rig, reply.coins());
    }

    @Test
    void aCurveSplitsTheAmountAsTheDistributionSays() throws Exception {
        for (IssuanceCurve curve : IssuanceCurve.values()) {
            MintReply reply = ok(rig.mint(new MintRequest("curve-" + curve.ordinal(), "bruno",
                123_456, "EUR", 7L, curve.name())));
            assertThat(faces(reply.coins())).as(curve.name()).containsExactlyElementsOf(
                facesOf(CoinDistribution.alongCurve(123_456, curve).distribution()
                    .orElseThrow()));
            assertThat(reply.colour()).isEqualTo(7);
            assertThat(reply.coins()).allSatisfy(coin -> assertThat(coin.colour()).isEqualTo(7));
            assertGenuine(rig, reply.coins());
        }
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.totals()).anySatisfy(row -> {
            assertThat(row.kind().toString()).isEqualTo("EUR/7");
            assertThat(row.issuedBillons()).isEqualTo(5 * 123_456L);
        });
    }

    @Test
    void theSameMintAgainMintsOnceAndGetsTheFirstAnswer() throws Exception {
        MintRequest request = new MintRequest("mint-once", "carol", 777_777, "PLN", null,
            "TENS_ISSUANCE_CURVE");
        MintReply first = ok(rig.mint(request));
        assertThat(ok(rig.mint(request))).isEqualTo(first);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            MintRequest racing = new MintRequest("mint-race", "carol", 5_000, "PLN", null, null);
            List<Callable<Outcome<MintReply>>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> rig.mint(racing));
            }
            List<MintReply> replies = new ArrayList<>();
            for (Future<Outcome<MintReply>> answer : pool.invokeAll(calls)) {
                replies.add(ok(answer.get()));
            }
            assertThat(new HashSet<>(replies)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED + 777_777 + 5_000);
        assertThat(ok(rig.mint(request))).as("after a restart").isEqualTo(first);
        assertRefused(rig.mint(new MintRequest("mint-once", "carol", 777_778, "PLN", null,
            "TENS_ISSUANCE_CURVE")), 409, "TRANSFER_ID_REUSED");
        assertRefused(rig.mint(new MintRequest("mint-once", "bruno", 777_777, "PLN", null,
            "TENS_ISSUANCE_CURVE")), 409, "TRANSFER_ID_REUSED");
        assertThat(rig.restartAndCheck().livePln()).isEqualTo(SEEDED + 777_777 + 5_000);
    }

    @Test
    void everyRefusalHasARealCauseAndChangesNothing() throws Exception {
        assertRefused(mint("has space", "alice", 5, "PLN", null, null), 400, "BAD_TRANSFER_ID");
        assertRefused(mint("x".repeat(65), "alice", 5, "PLN", null, null), 400,
            "BAD_TRANSFER_ID");
        assertRefused(mint("t1", "alice", 0, "PLN", null, null), 400, "BAD_AMOUNT");
        assertRefused(mint("t1", "alice", -5, "PLN", null, null), 400, "BAD_AMOUNT");
        assertRefused(mint("t1", "alice", Long.MIN_VALUE, "PLN", null, null), 400, "BAD_AMOUNT");
        assertRefused(mint("t1", "alice", 5, "pln", null, null), 400, "BAD_CURRENCY");
        assertRefused(mint("t1", "alice", 5, "PLNX", null, null), 400, "BAD_CURRENCY");
        assertRefused(mint("t1", "alice", 5, "XYZ", null, null), 422, "UNKNOWN_CURRENCY");
        assertRefused(mint("t1", "alice", 5, "PLN", -1L, null), 400, "BAD_COLOUR");
        assertRefused(mint("t1", "alice", 5, "PLN", null, "FLAT_CURVE"), 400, "UNKNOWN_CURVE");
        assertRefused(mint("t1", "alice", 5_000_000_001L, "PLN", null, null), 422,
            "TOO_MANY_COINS");
        assertRefused(mint("t1", "alice", Long.MAX_VALUE, "PLN", null, null), 422,
            "TOO_MANY_COINS");
        assertRefused(mint("t1", "alice", 1_000_000, "PLN", null, "GROSZY_ISSUANCE_CURVE"), 422,
            "TOO_MANY_COINS");
        assertRefused(mint("t2", "zed-nobody", 5, "PLN", null, null), 404, "UNKNOWN_USER");
        assertRefused(mint("t3", "@nobody", 5, "PLN", null, null), 404, "UNKNOWN_USER");
        assertThat(ok(mint("t4", "erin", BankRig.ERIN_CAP, "PLN", null, null)).billons())
            .isEqualTo(BankRig.ERIN_CAP);
        assertRefused(mint("t5", "erin", 1, "PLN", null, null), 422, "BALANCE_CAP_EXCEEDED");
        assertThat(ok(mint("t6", "erin", 1, "EUR", null, null)).billons()).as("cap per kind")
            .isEqualTo(1);
        assertThat(ok(mint("t7", "dave", 50, "PLN", null, null)).billons()).as("a lock stops"
            + " the user, not the bank").isEqualTo(50);
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED + BankRig.ERIN_CAP + 50);
        assertRefused(mint("t2", "zed-nobody", 5, "PLN", null, null), 404, "UNKNOWN_USER");
    }

    @Test
    void badInputAtTheEdgeIsRefusedBeforeTheBank() throws Exception {
        String good = "{\"user\":\"alice\",\"billons\":5,\"currency\":\"PLN\"}";
        assertThat(rig.post("/v1/admin/mint", good, false).statusCode()).isEqualTo(401);
        String[] malformed = {
            "{\"user\":\"alice\",\"billons\":\"5\",\"currency\":\"PLN\"}",
            "{\"user\":\"alice\",\"billons\":9223372036854775808,\"currency\":\"PLN\"}",
            "{\"user\":\"alice\",\"billons\":5.5,\"currency\":\"PLN\"}",
            "{\"user\":\"alice\",\"billons\":5,\"currency\":\"PLN\",\"owner\":\"bruno\"}",
            "{\"billons\":5,\"currency\":\"PLN\"}",
            "{\"user\":null,\"billons\":5,\"currency\":\"PLN\"}",
            "{\"user\":\"alice\",\"billons\":5,\"currency\":\"PLN\"",
            "[]",
        };
        for (String body : malformed) {
            HttpResponse<String> answer = rig.post("/v1/admin/mint", body, true);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).contains("\"MALFORMED_JSON\"");
        }
        assertThat(rig.tooLargeStatus("/v1/admin/mint", true)).isEqualTo(413);
        HttpResponse<String> done = rig.post("/v1/admin/mint", good, true);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(rig.restartAndCheck().livePln()).isEqualTo(SEEDED + 5);
    }

    private Outcome<MintReply> mint(String transferId, String user, long billons,
                                    String currency, Long colour, String curve)
        throws Exception {
        return rig.mint(new MintRequest(transferId, user, billons, currency, colour, curve));
    }
}
