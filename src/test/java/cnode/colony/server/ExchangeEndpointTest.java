package cnode.colony.server;

import static cnode.colony.server.BankRig.ids;
import static cnode.colony.server.BankRig.ok;
import static cnode.colony.server.MintEndpointTest.assertGenuine;
import static cnode.colony.server.MintEndpointTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.CoinRow;
import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ExchangeReply;
import cnode.colony.client.ExchangeRequest;
import cnode.colony.client.Outcome;
import cnode.colony.client.RedemptionRequest;
import cnode.crypto.ExchangePayload;
import cnode.crypto.RedemptionPayload;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
 * {@code POST /v1/bank/exchanges} over real sockets: each way of splitting gives coins worth
 * exactly the given ones, signed by the bank, the given ones gone, the live total unchanged
 * and conservation intact in what was committed; the same request again gets the same coins;
 * a signature that is not the owner's, or is moved to another transfer id, is refused; every
 * refusal has a real cause and changes nothing.
 */
class ExchangeEndpointTest {
    private static final long SEEDED = 2_000;

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

    private ExchangeRequest request(String transferId, String user, String signer,
                                    List<String> give, long billons, String type, String value) {
        ExchangePayload payload = new ExchangePayload(transferId, user, "PLN", 0, billons, give,
            type, value);
        return ExchangeRequest.signed(payload, rig.key(signer).privateKey());
    }

    private Outcome<ExchangeReply> exchange(String transferId, String user, List<String> give,
                                            long billons, String type, String value)
        throws Exception {
        return rig.bank().exchange(request(transferId, user, user, give, billons, type, value));
    }

    private static long total(List<CoinReply> coins) {
        return coins.stream().mapToLong(CoinReply::faceValue).sum();
    }

    @Test
    void eachKindOfChangeKeepsTheTotalAndRetiresTheGivenCoins() throws Exception {
        List<String> tenThousand = ids(rig.mint("alice", 10_000, "PLN").coins());
        ExchangeReply byAmount = ok(exchange("x-amount", "alice", tenThousand, 10_000, "AMOUNT",
            "3500"));
        assertThat(byAmount.coins().stream().map(CoinReply::faceValue)).containsExactly(500L,
            500L, 1_000L, 1_000L, 2_000L, 5_000L);
        assertThat(total(byAmount.coins())).isEqualTo(10_000);
        assertGenuine(rig, byAmount.coins());
        assertRefused(rig.bank().coin(tenThousand.get(0)), 404, "COIN_UNKNOWN");
        ExchangeReply byFaces = ok(exchange("x-faces", "alice", ids(byAmount.coins()), 10_000,
            "FACE_VALUE", "0\n0\n0\n0\n0\n0\n0\n0\n0\n10\n"));
        assertThat(byFaces.coins()).hasSize(10)
            .allSatisfy(coin -> assertThat(coin.faceValue()).isEqualTo(1_000));
        ExchangeReply byCurve = ok(exchange("x-curve", "alice", ids(byFaces.coins()), 10_000,
            "HISTOGRAM", "GROSZY_ISSUANCE_CURVE"));
        assertThat(total(byCurve.coins())).isEqualTo(10_000);
        assertThat(byCurve.coins().size()).isGreaterThan(10);
        assertGenuine(rig, byCurve.coins());
        ExchangeReply fewest = ok(exchange("x-fewest", "alice", ids(byCurve.coins()), 10_000,
            "AMOUNT", ""));
        assertThat(fewest.coins()).hasSize(1);
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED + 10_000);
        assertThat(committed.redeemedPln()).as("each exchange retires 10 000")
            .isEqualTo(4 * 10_000);
        List<String> alices = committed.coins().stream()
            .filter(row -> row.owner().equals("alice")).map(CoinRow::id).toList();
        assertThat(alices).containsExactlyInAnyOrder(fewest.coins().get(0).id(),
            BankRig.RESERVED.get(0), BankRig.RESERVED.get(1));
    }

    @Test
    void theSameRequestAgainGetsTheSameCoinsAndASignatureCannotMove() throws Exception {
        List<String> give = ids(rig.mint("bruno", 7_000, "PLN").coins());
        ExchangeRequest request = request("x-1", "bruno", "bruno", give, 7_000, "AMOUNT", "1");
        ExchangeReply first = ok(rig.bank().exchange(request));
        assertThat(ok(rig.bank().exchange(request))).isEqualTo(first);
        rig.restartAndCheck();
        assertThat(ok(rig.bank().exchange(request))).as("after a restart").isEqualTo(first);
        List<String> fresh = ids(rig.mint("bruno", 7_000, "PLN").coins());
        ExchangeRequest signed = request("x-2", "bruno", "bruno", fresh, 7_000, "AMOUNT", "");
        ExchangeRequest moved = new ExchangeRequest("x-3", "bruno", "PLN", null, 7_000, fresh,
            "AMOUNT", "", signed.signature());
        assertRefused(rig.bank().exchange(moved), 403, "SIGNATURE_INVALID");
        ExchangeRequest otherSplit = new ExchangeRequest("x-2", "bruno", "PLN", 0L, 7_000, fresh,
            "AMOUNT", "5", signed.signature());
        assertRefused(rig.bank().exchange(otherSplit), 403, "SIGNATURE_INVALID");
        assertRefused(rig.bank().exchange(request("x-2", "bruno", "alice", fresh, 7_000,
            "AMOUNT", "")), 403, "SIGNATURE_INVALID");
        for (String garbage : new String[] {"", "abc", "A".repeat(86),
            signed.signature().substring(1) + "A"}) {
            ExchangeRequest forged = new ExchangeRequest("x-2", "bruno", "PLN", null, 7_000,
                fresh, "AMOUNT", "", garbage);
            assertRefused(rig.bank().exchange(forged), 403, "SIGNATURE_INVALID");
        }
        List<String> reversed = new ArrayList<>(give);
        Collections.reverse(reversed);
        assertThat(reversed).hasSize(2).isNotEqualTo(give);
        ExchangeRequest reordered = new ExchangeRequest("x-1", "bruno", "PLN", 0L, 7_000,
            reversed, "AMOUNT", "1", request.signature());
        assertThat(ok(rig.bank().exchange(reordered))).as("ids are a set").isEqualTo(first);
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED + 14_000);
        assertThat(committed.redeemedPln()).isEqualTo(7_000);
        assertThat(ok(rig.bank().exchange(signed)).billons()).isEqualTo(7_000);
    }

    @Test
    void theRegistrysRefusalsHaveRealCausesAndChangeNothing() throws Exception {
        List<String> alices = ids(rig.mint("alice", 10_000, "PLN").coins());
        List<String> brunos = ids(rig.mint("bruno", 10_000, "PLN").coins());
        List<String> euros = ids(rig.mint("alice", 10_000, "EUR").coins());
        List<String> daves = ids(rig.mint("dave", 10_000, "PLN").coins());
        rig.mint(new MintRequest("used-by-mint", "alice", 5, "PLN", null, null));
        assertRefused(exchange("r1", "alice", brunos, 10_000, "AMOUNT", ""), 409, "NOT_OWNER");
        assertRefused(exchange("r2", "alice", List.of("0000000000NEVERISSUED00000"), 10_000,
            "AMOUNT", ""), 409, "COIN_UNKNOWN");
        assertRefused(exchange("r3", "alice", List.of(alices.get(0), alices.get(0)), 20_000,
            "AMOUNT", ""), 400, "DUPLICATE_COIN");
        assertRefused(exchange("r4", "alice", alices, 9_999, "AMOUNT", ""), 422,
            "TOTAL_MISMATCH");
        assertRefused(exchange("r5", "alice", List.of(alices.get(0), euros.get(0)), 20_000,
            "AMOUNT", ""), 422, "MIXED_COINS");
        assertRefused(exchange("r6", "alice", euros, 10_000, "AMOUNT", ""), 422, "MIXED_COINS");
        assertRefused(exchange("r7", "dave", daves, 10_000, "AMOUNT", ""), 409, "USER_LOCKED");
        assertRefused(exchange("r8", "alice", BankRig.RESERVED, 2_000, "AMOUNT", ""), 409,
            "COIN_RESERVED");
        assertRefused(exchange("used-by-mint", "alice", alices, 10_000, "AMOUNT", ""), 409,
            "TRANSFER_ID_REUSED");
        assertRefused(rig.bank().exchange(request("r9", "zed-nobody", "alice", alices, 10_000,
            "AMOUNT", "")), 422, "UNKNOWN_USER");
        assertRefused(rig.bank().exchange(request("r9", "Not A Name", "alice", alices, 10_000,
            "AMOUNT", "")), 422, "UNKNOWN_USER");
        assertRefused(exchange("r1", "alice", brunos, 10_000, "AMOUNT", ""), 409, "NOT_OWNER");
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED + 30_005);
        assertThat(committed.redeemedPln()).isZero();
        assertGenuine(rig, List.of(ok(rig.bank().coin(alices.get(0)))));
    }

    @Test
    void badRequestsAreRefusedByNameBeforeAnythingChanges() throws Exception {
        List<String> give = ids(rig.mint("carol", 10_000, "PLN").coins());
        String[][] splits = {
            {"SPLIT", "", "UNKNOWN_CHANGE_TYPE", "400"},
            {"amount", "", "UNKNOWN_CHANGE_TYPE", "400"},
            {"HISTOGRAM", "FLAT_CURVE", "UNKNOWN_CURVE", "400"},
            {"AMOUNT", "0", "TARGET_OUT_OF_RANGE", "422"},
            {"AMOUNT", "10001", "TARGET_OUT_OF_RANGE", "422"},
            {"AMOUNT", "-5", "TARGET_OUT_OF_RANGE", "422"},
            {"AMOUNT", "five", "NOT_A_NUMBER", "400"},
            {"FACE_VALUE", "1\n".repeat(600), "VALUE_TOO_LONG", "400"},
            {"FACE_VALUE", "0\n".repeat(22), "TOO_MANY_LINES", "400"},
            {"FACE_VALUE", "0\nx", "NOT_A_NUMBER", "400"},
            {"FACE_VALUE", "-1", "NEGATIVE_COUNT", "400"},
            {"FACE_VALUE", "99999999999999999999", "NUMBER_TOO_LARGE", "400"},
            {"FACE_VALUE", "1", "COUNTS_MISMATCH", "422"},
            {"FACE_VALUE", "10000", "TOO_MANY_COINS", "422"},
            {"FACE_VALUE", "0\n5000", "TOO_MANY_COINS", "422"},
        };
        for (String[] split : splits) {
            assertRefused(exchange("s1", "carol", give, 10_000, split[0], split[1]),
                Integer.parseInt(split[3]), split[2]);
        }
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            many.add(String.format("%026d", i));
        }
        assertRefused(exchange("bad id", "carol", give, 10_000, "AMOUNT", ""), 400,
            "BAD_TRANSFER_ID");
        assertRefused(exchange("s2", "carol", give, 0, "AMOUNT", ""), 400, "BAD_AMOUNT");
        assertRefused(exchange("s2", "carol", give, -10_000, "AMOUNT", ""), 400, "BAD_AMOUNT");
        assertRefused(exchange("s2", "carol", List.of(), 10_000, "AMOUNT", ""), 400, "NO_COINS");
        assertRefused(exchange("s2", "carol", List.of("short"), 10_000, "AMOUNT", ""), 400,
            "BAD_COIN_ID");
        assertRefused(exchange("s2", "carol", many, 10_000, "AMOUNT", ""), 422,
            "TOO_MANY_COINS");
        ExchangeRequest good = request("s3", "carol", "carol", give, 10_000, "AMOUNT", "");
        assertRefused(rig.bank().exchange(new ExchangeRequest("s3", "carol", "pln", null, 10_000,
            give, "AMOUNT", "", good.signature())), 400, "BAD_CURRENCY");
        assertRefused(rig.bank().exchange(new ExchangeRequest("s3", "carol", "PLN", -1L, 10_000,
            give, "AMOUNT", "", good.signature())), 400, "BAD_COLOUR");
        String[] malformed = {
            "{}",
            "{\"transferId\":\"s4\",\"user\":\"carol\",\"currency\":\"PLN\",\"billons\":-1e3,"
                + "\"giveCoinIds\":[],\"changeMonexType\":\"AMOUNT\",\"signature\":\"x\"}",
            "{\"transferId\":\"s4\",\"user\":\"carol\",\"currency\":\"PLN\",\"billons\":1,"
                + "\"giveCoinIds\":[null],\"changeMonexType\":\"AMOUNT\",\"signature\":\"x\"}",
            "{\"transferId\":\"s4\",\"user\":\"carol\",\"currency\":\"PLN\",\"billons\":1,"
                + "\"giveCoinIds\":\"A\",\"changeMonexType\":\"AMOUNT\",\"signature\":\"x\"}",
        };
        for (String body : malformed) {
            HttpResponse<String> answer = rig.post("/v1/bank/exchanges", body, false);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).contains("MALFORMED_JSON");
        }
        assertThat(rig.tooLargeStatus("/v1/bank/exchanges", false)).isEqualTo(413);
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED + 10_000);
        assertThat(committed.redeemedPln()).isZero();
        assertThat(ok(rig.bank().exchange(good)).billons()).isEqualTo(10_000);
    }

    @Test
    void exchangesAndRedemptionsRacingForOneCoinLetExactlyOneWin() throws Exception {
        List<String> coin = ids(rig.mint("carol", 50_000, "PLN").coins());
        assertThat(coin).hasSize(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Outcome<?>>> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String transferId = "race-" + i;
            if (i % 2 == 0) {
                racers.add(() -> exchange(transferId, "carol", coin, 50_000, "AMOUNT", ""));
            } else {
                RedemptionPayload payload = new RedemptionPayload(transferId, "carol", "PLN", 0,
                    50_000, coin, "PL61109010140000071219812874");
                racers.add(() -> rig.bank().redeem(RedemptionRequest.signed(payload,
                    rig.key("carol").privateKey())));
            }
        }
        List<Outcome<?>> outcomes = new ArrayList<>();
        try {
            for (Future<Outcome<?>> answer : pool.invokeAll(racers)) {
                outcomes.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes.stream().filter(Outcome.Ok.class::isInstance)).hasSize(1);
        assertThat(outcomes.stream().filter(Outcome.Refused.class::isInstance)
            .map(refused -> ((Outcome.Refused<?>) refused).refusal().error()))
            .hasSize(15).containsOnly("COIN_UNKNOWN");
        BankRig.Committed committed = rig.restartAndCheck();
        boolean exchanged = outcomes.stream().anyMatch(outcome ->
            outcome instanceof Outcome.Ok<?>(ExchangeReply reply));
        assertThat(committed.livePln()).isEqualTo(SEEDED + (exchanged ? 50_000 : 0));
        assertThat(committed.redeemedPln()).isEqualTo(50_000);
    }
}
