package cnode.colony.server;

import static cnode.colony.server.BankRig.ids;
import static cnode.colony.server.BankRig.ok;
import static cnode.colony.server.MintEndpointTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.Outcome;
import cnode.colony.client.RedemptionReply;
import cnode.colony.client.RedemptionRequest;
import cnode.crypto.RedemptionPayload;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/bank/redemptions} over real sockets: the coins leave circulation (the live
 * total falls and the redeemed total rises by their worth, conservation intact in what was
 * committed) and the reply is the payout record; an IBAN and the same account as an NRB sign
 * the same bytes; a bad account is refused with its check's name before anything changes; the
 * same request again gets the same record; every other refusal has a real cause and changes
 * nothing.
 */
class RedeemEndpointTest {
    private static final long SEEDED = 2_000;
    private static final String IBAN = "PL61109010140000071219812874";
    private static final String PRINTED = "PL61 1090 1014 0000 0712 1981 2874";
    private static final String NRB = "61 1090 1014 0000 0712 1981 2874";

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

    /** A request with {@code account} as written, signed over its electronic form. */
    private RedemptionRequest request(String transferId, String user, String signer,
                                      String currency, long billons, List<String> coins,
                                      String account) {
        RedemptionRequest unsigned = new RedemptionRequest(transferId, user, currency, 0L,
            billons, coins, account, "");
        RedemptionPayload payload = unsigned.payload();
        String signature = rig.key(signer).privateKey().sign(payload.bytes()).text();
        return new RedemptionRequest(transferId, user, currency, 0L, billons, coins, account,
            signature);
    }

    private Outcome<RedemptionReply> redeem(String transferId, String user, long billons,
                                            List<String> coins) throws Exception {
        return rig.bank().redeem(request(transferId, user, user, "PLN", billons, coins, IBAN));
    }

    @Test
    void aRedemptionRetiresTheCoinsAndAnswersThePayoutOnce() throws Exception {
        List<String> coins = ids(rig.mint("alice", 12_345, "PLN").coins());
        RedemptionRequest request = request("pay-1", "alice", "alice", "PLN", 12_345, coins,
            IBAN);
        RedemptionReply payout = ok(rig.bank().redeem(request));
        assertThat(payout).isEqualTo(new RedemptionReply("pay-1", "alice", PRINTED, 12_345,
            "PLN", 0, 7));
        assertRefused(rig.bank().coin(coins.get(0)), 404, "COIN_UNKNOWN");
        assertThat(ok(rig.bank().redeem(request))).isEqualTo(payout);
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED);
        assertThat(committed.redeemedPln()).isEqualTo(12_345);
        assertThat(ok(rig.bank().redeem(request))).as("after a restart").isEqualTo(payout);
        assertRefused(rig.bank().redeem(request("pay-1", "alice", "alice", "PLN", 12_000, coins,
            IBAN)), 409, "TRANSFER_ID_REUSED");
        assertRefused(rig.bank().redeem(request("pay-1", "alice", "alice", "PLN", 12_345, coins,
            "DE89370400440532013000")), 409, "TRANSFER_ID_REUSED");
        List<String> more = ids(rig.mint("alice", 500, "PLN").coins());
        RedemptionRequest signedOverIban = request("pay-2", "alice", "alice", "PLN", 500, more,
            IBAN);
        RedemptionRequest asNrb = new RedemptionRequest("pay-2", "alice", "PLN", null, 500, more,
            NRB, signedOverIban.signature());
        assertThat(ok(rig.bank().redeem(asNrb)).account()).isEqualTo(PRINTED);
        assertThat(rig.restartAndCheck().redeemedPln()).isEqualTo(12_845);
    }

    @Test
    void aBadAccountIsRefusedByItsCheckBeforeAnythingChanges() throws Exception {
        List<String> coins = ids(rig.mint("bruno", 3_000, "PLN").coins());
        String[][] accounts = {
            {"PL6110901014000007121981287", "ACCOUNT_BAD_LENGTH"},
            {"61 1090 1014 0000 0712 1981 287", "ACCOUNT_BAD_LENGTH"},
            {"x".repeat(65), "ACCOUNT_BAD_LENGTH"},
            {"PL61-1090-1014-0000-0712-1981-2874", "ACCOUNT_BAD_CHARACTERS"},
            {"6L61109010140000071219812874", "ACCOUNT_BAD_CHARACTERS"},
            {"ZZ61109010140000071219812874", "ACCOUNT_UNKNOWN_COUNTRY"},
            {"PL62109010140000071219812874", "ACCOUNT_BAD_CHECKSUM"},
            {"62 1090 1014 0000 0712 1981 2874", "ACCOUNT_BAD_CHECKSUM"},
            {"DE89370400440532013001", "ACCOUNT_BAD_CHECKSUM"},
            {"", "ACCOUNT_BAD_LENGTH"},
        };
        for (String[] account : accounts) {
            assertRefused(rig.bank().redeem(request("bad-acct", "bruno", "bruno", "PLN", 3_000,
                coins, account[0])), 422, account[1]);
        }
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED + 3_000);
        assertThat(committed.redeemedPln()).isZero();
        RedemptionReply germany = ok(rig.bank().redeem(request("bad-acct", "bruno", "bruno",
            "PLN", 3_000, coins, "de89 3704 0044 0532 0130 00")));
        assertThat(germany.account()).isEqualTo("DE89 3704 0044 0532 0130 00");
    }

    @Test
    void theOtherRefusalsHaveRealCausesAndChangeNothing() throws Exception {
        List<String> alices = ids(rig.mint("alice", 10_000, "PLN").coins());
        List<String> brunos = ids(rig.mint("bruno", 10_000, "PLN").coins());
        List<String> euros = ids(rig.mint("alice", 10_000, "EUR").coins());
        List<String> daves = ids(rig.mint("dave", 10_000, "PLN").coins());
        rig.mint(new MintRequest("used-by-mint", "alice", 5, "PLN", null, null));
        assertRefused(redeem("q1", "alice", 9_999, alices), 422, "AMOUNT_MISMATCH");
        assertRefused(rig.bank().redeem(request("q1", "alice", "alice", "EUR", 10_000, alices,
            IBAN)), 422, "AMOUNT_MISMATCH");
        assertRefused(redeem("q2", "alice", 10_000, brunos), 409, "NOT_OWNER");
        assertRefused(redeem("q3", "alice", 10_000, List.of("0000000000NEVERISSUED00000")), 409,
            "COIN_UNKNOWN");
        assertRefused(redeem("q4", "alice", 20_000, List.of(alices.get(0), alices.get(0))), 400,
            "DUPLICATE_COIN");
        assertRefused(redeem("q5", "alice", 20_000, List.of(alices.get(0), euros.get(0))), 422,
            "MIXED_COINS");
        assertRefused(redeem("q6", "alice", 2_000, BankRig.RESERVED), 409, "COIN_RESERVED");
        assertRefused(redeem("q7", "dave", 10_000, daves), 409, "USER_LOCKED");
        assertRefused(redeem("used-by-mint", "alice", 10_000, alices), 409,
            "TRANSFER_ID_REUSED");
        assertRefused(rig.bank().redeem(request("q8", "zed-nobody", "alice", "PLN", 10_000,
            alices, IBAN)), 422, "UNKNOWN_USER");
        RedemptionRequest signed = request("q9", "alice", "alice", "PLN", 10_000, alices, IBAN);
        for (RedemptionRequest forged : List.of(
            request("q9", "alice", "bruno", "PLN", 10_000, alices, IBAN),
            new RedemptionRequest("q10", "alice", "PLN", null, 10_000, alices, IBAN,
                signed.signature()),
            new RedemptionRequest("q9", "alice", "PLN", null, 10_000, alices,
                "DE89370400440532013000", signed.signature()),
            new RedemptionRequest("q9", "alice", "PLN", null, 10_000, alices, IBAN, "nope"))) {
            assertRefused(rig.bank().redeem(forged), 403, "SIGNATURE_INVALID");
        }
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            many.add(String.format("%026d", i));
        }
        assertRefused(redeem("a b", "alice", 10_000, alices), 400, "BAD_TRANSFER_ID");
        assertRefused(redeem("q11", "alice", 0, alices), 400, "BAD_AMOUNT");
        assertRefused(redeem("q11", "alice", 10_000, List.of()), 400, "NO_COINS");
        assertRefused(redeem("q11", "alice", 10_000, List.of("lower-case-not-a-coin-id00")),
            400, "BAD_COIN_ID");
        assertRefused(redeem("q11", "alice", 10_000, many), 422, "TOO_MANY_COINS");
        assertRefused(rig.bank().redeem(new RedemptionRequest("q11", "alice", "Pln", null,
            10_000, alices, IBAN, signed.signature())), 400, "BAD_CURRENCY");
        assertRefused(rig.bank().redeem(new RedemptionRequest("q11", "alice", "PLN", -3L,
            10_000, alices, IBAN, signed.signature())), 400, "BAD_COLOUR");
        HttpResponse<String> malformed = rig.post("/v1/bank/redemptions", "{\"transferId\":1}",
            false);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("MALFORMED_JSON");
        BankRig.Committed committed = rig.restartAndCheck();
        assertThat(committed.livePln()).isEqualTo(SEEDED + 30_005);
        assertThat(committed.redeemedPln()).isZero();
        assertThat(ok(rig.bank().redeem(signed)).billons()).isEqualTo(10_000);
        assertThat(rig.restartAndCheck().redeemedPln()).isEqualTo(10_000);
    }
}
