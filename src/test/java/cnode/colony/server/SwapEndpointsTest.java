package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static cnode.colony.server.EdgeRig.refusedAs;
import static cnode.colony.server.EdgeRig.signed;
import static cnode.colony.server.EdgeRig.terms;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyAdmin.LimitsRequest;
import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.ColonySwaps.SwapRequest;
import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.SessionToken;
import cnode.colony.server.EdgeRig.Member;
import cnode.crypto.SwapPayload;
import cnode.crypto.VaultPayload;
import cnode.colony.client.ColonyVault.VaultMoveRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swaps over real sockets: a signed prepare, the payee's read, the payer's commit, an identical
 * retry answered as the first time; every refusal the prepare can give from a real cause
 * (shape, signatures, users, coins, sums, times, limits), each leaving the coins where they
 * were; and who may commit, void and read.
 */
class SwapEndpointsTest {
    @TempDir
    static Path data;
    private static EdgeRig rig;
    private static Member ann;
    private static Member bob;
    private static Member carl;

    @BeforeAll
    static void start() throws Exception {
        rig = EdgeRig.start(data, 41);
        ann = rig.member("ann.s");
        bob = rig.member("bob.s");
        carl = rig.member("carl.s");
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static List<String> ids(List<CoinReply> coins) {
        return coins.stream().map(CoinReply::id).toList();
    }

    private static List<String> owned(Member member) throws Exception {
        return ok(rig.vault.holdings(member.session(), member.username(), "", 10_000)).coins()
            .stream().map(CoinView::id).toList();
    }

    @Test
    void aSignedSwapIsPreparedReadCommittedAndAnsweredAgainOnRetry() throws Exception {
        List<CoinReply> coins = rig.mint(ann.username(), 7_000);
        SwapRequest request = signed(terms("pay-1", ann, bob, coins, 60_000), ann, null);
        SwapReply prepared = ok(rig.swaps.prepare(request));
        assertThat(prepared.state()).isEqualTo("PREPARED");
        assertThat(prepared.amount()).isEqualTo(7_000);
        assertThat(prepared.payerCoinIds()).containsExactlyInAnyOrderElementsOf(ids(coins));
        assertThat(prepared.settledAtMs()).isNull();
        assertThat(ok(rig.swaps.swap(bob.session(), "pay-1"))).isEqualTo(prepared);
        assertThat(ok(rig.vault.holdings(ann.session(), ann.username(), "", 10_000)).coins())
            .filteredOn(view -> ids(coins).contains(view.id()))
            .extracting(CoinView::reservedBy).containsOnly("pay-1").hasSize(coins.size());

        SwapReply committed = ok(rig.swaps.commit(ann.session(), "pay-1"));
        assertThat(committed.state()).isEqualTo("COMMITTED");
        assertThat(committed.settledAtMs()).isNotNull();
        assertThat(owned(bob)).containsAll(ids(coins));
        assertThat(owned(ann)).doesNotContainAnyElementsOf(ids(coins));
        assertThat(ok(rig.swaps.prepare(request))).as("an identical retry").isEqualTo(committed);
        assertThat(ok(rig.swaps.commit(bob.session(), "pay-1"))).isEqualTo(committed);
        rig.checkPasses();
    }

    @Test
    void changeNeedsThePayeesSignatureToo() throws Exception {
        CoinReply paid = rig.mint(ann.username(), 5_000).getFirst();
        CoinReply change = rig.mint(bob.username(), 2_000).getFirst();
        SwapPayload withChange = new SwapPayload("change-1", ann.username(), bob.username(),
            "PLN", 3_000, List.of(paid.id()), List.of(change.id()),
            System.currentTimeMillis() + 60_000);
        refusedAs(rig.swaps.prepare(signed(withChange, ann, null)), 403, "BAD_SIGNATURE");
        refusedAs(rig.swaps.prepare(signed(withChange, ann, carl)), 403, "BAD_SIGNATURE");
        SwapReply prepared = ok(rig.swaps.prepare(signed(withChange, ann, bob)));
        assertThat(prepared.changeCoinIds()).containsExactly(change.id());
        ok(rig.swaps.commit(bob.session(), "change-1"));
        assertThat(owned(ann)).contains(change.id()).doesNotContain(paid.id());
        assertThat(owned(bob)).contains(paid.id()).doesNotContain(change.id());
        rig.checkPasses();
    }

    @Test
    void forgedAndReplayedSignaturesChangeNothing() throws Exception {
        List<CoinReply> coins = rig.mint(ann.username(), 2_000);
        SwapPayload original = terms("sig-1", ann, bob, coins, 60_000);
        SwapRequest byAnn = signed(original, ann, null);
        SwapPayload other = terms("sig-2", ann, bob, coins, 60_000);
        SwapRequest replayed = new SwapRequest("sig-2", other.payer(), other.payee(), "PLN",
            other.amount(), other.payerCoinIds(), List.of(), original.expiresAtMs(),
            byAnn.payerSignature(), null);
        SwapRequest byBob = signed(original, bob, null);
        String bobSays = byBob.payerSignature();
        SwapRequest forged = new SwapRequest("sig-1", "ann.s", "bob.s", "PLN", 2_000,
            ids(coins), List.of(), original.expiresAtMs(), bobSays, null);
        SwapRequest garbage = new SwapRequest("sig-1", "ann.s", "bob.s", "PLN", 2_000,
            ids(coins), List.of(), original.expiresAtMs(), "not base64url!", null);
        SwapRequest moreMoney = new SwapRequest("sig-1", "ann.s", "carl.s", "PLN", 2_000,
            ids(coins), List.of(), original.expiresAtMs(), byAnn.payerSignature(), null);
        for (SwapRequest bad : List.of(replayed, forged, garbage, moreMoney)) {
            refusedAs(rig.swaps.prepare(bad), 403, "BAD_SIGNATURE");
        }
        refusedAs(rig.swaps.swap(ann.session(), "sig-1"), 404, "UNKNOWN_SWAP");
        refusedAs(rig.swaps.swap(ann.session(), "sig-2"), 404, "UNKNOWN_SWAP");
        assertThat(owned(ann)).containsAll(ids(coins));
        assertThat(ok(rig.swaps.prepare(byAnn)).state()).isEqualTo("PREPARED");
        ok(rig.swaps.voidSwap(ann.session(), "sig-1"));
        rig.checkPasses();
    }

    @Test
    void everyPrepareRefusalHasARealCauseAndMovesNothing() throws Exception {
        List<CoinReply> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.addAll(rig.mint(ann.username(), 1));
        }
        List<String> coin = ids(mine.subList(0, 1));
        CoinReply bobs = rig.mint(bob.username(), 2).getFirst();
        long soon = System.currentTimeMillis() + 60_000;
        ok(rig.swaps.prepare(signed(new SwapPayload("held", "ann.s", "carl.s", "PLN", 1,
            ids(mine.subList(1, 2)), List.of(), soon), ann, null)));
        CoinReply vaulted = rig.mint(ann.username(), 1).getFirst();
        VaultPayload toVault = new VaultPayload("to-vault", "ann.s", "VAULT",
            List.of(vaulted.id()), soon);
        ok(rig.vault.move(VaultMoveRequest.of(toVault, ann.keys().sign(toVault.bytes()))));
        List<String> tooMany = IntStream.range(0, 1_001).mapToObj(i -> "C" + i).toList();
        Object[][] cases = {
            {pay("bad id", "bob.s", 1, coin, soon), 400, "BAD_TRANSFER_ID"},
            {pay("r-none", "bob.s", 0, List.of(), soon), 400, "NO_COINS"},
            {pay("r-many", "bob.s", 1, tooMany, soon), 400, "TOO_MANY_COINS"},
            {pay("r-dup", "bob.s", 2, List.of(coin.get(0), coin.get(0)), soon), 400,
                "DUPLICATE_COIN"},
            {pay("r-self", "ann.s", 1, coin, soon), 400, "SAME_USER"},
            {pay("held", "bob.s", 1, coin, soon), 409, "TRANSFER_ID_REUSED"},
            {pay("r-past", "bob.s", 1, coin, soon - 61_000), 422, "RESERVATION_IN_PAST"},
            {pay("r-long", "bob.s", 1, coin, soon + 3_600_000), 422, "RESERVATION_TOO_LONG"},
            {pay("r-ghost", "ghost", 1, coin, soon), 422, "PAYEE_UNKNOWN"},
            {pay("r-unknown", "bob.s", 1, List.of("NOCOIN"), soon), 409, "COIN_UNKNOWN"},
            {pay("r-bob", "bob.s", 2, List.of(bobs.id()), soon), 409, "NOT_PAYER_COIN"},
            {pay("r-vault", "bob.s", 1, List.of(vaulted.id()), soon), 409, "COIN_IN_VAULT"},
            {pay("r-held", "bob.s", 1, ids(mine.subList(1, 2)), soon), 409, "COIN_RESERVED"},
            {pay("r-sum", "bob.s", 3, coin, soon), 422, "AMOUNT_MISMATCH"},
        };
        for (Object[] c : cases) {
            refusedAs(rig.swaps.prepare(signed((SwapPayload) c[0], ann, null)), (int) c[1],
                (String) c[2]);
        }
        SwapPayload eur = new SwapPayload("r-eur", "ann.s", "bob.s", "EUR", 1, coin, List.of(),
            soon);
        refusedAs(rig.swaps.prepare(signed(eur, ann, null)), 422, "MIXED_COINS");
        SwapPayload notBobs = new SwapPayload("r-change", "ann.s", "bob.s", "PLN", 0, coin,
            ids(mine.subList(2, 3)), soon);
        refusedAs(rig.swaps.prepare(signed(notBobs, ann, bob)), 409, "NOT_PAYEE_COIN");
        SwapPayload exceeds = new SwapPayload("r-exceeds", "ann.s", "bob.s", "PLN", 0,
            ids(mine.subList(2, 3)), List.of(bobs.id()), soon);
        refusedAs(rig.swaps.prepare(signed(exceeds, ann, bob)), 422, "CHANGE_EXCEEDS_PAYMENT");
        SwapRequest ghost = new SwapRequest("r-ghost2", "ghost", "bob.s", "PLN", 2,
            List.of(bobs.id()), List.of(), soon, ann.keys().sign(new byte[] {1}).text(), null);
        refusedAs(rig.swaps.prepare(ghost), 422, "PAYER_UNKNOWN");
        assertThat(owned(ann)).containsAll(ids(mine)).contains(vaulted.id());
        assertThat(owned(bob)).contains(bobs.id());
        assertThat(ok(rig.swaps.swap(ann.session(), "held")).payee()).isEqualTo("carl.s");
        rig.checkPasses();
    }

    /** Ann pays {@code payee}, no change. */
    private static SwapPayload pay(String id, String payee, long amount, List<String> coins,
                                   long expiresAtMs) {
        return new SwapPayload(id, "ann.s", payee, "PLN", amount, coins, List.of(), expiresAtMs);
    }

    @Test
    void lockedUsersAndLimitsAreRefusedNamingTheirSide() throws Exception {
        Member dora = rig.member("dora.s");
        Member emil = rig.member("emil.s");
        List<String> coin = ids(rig.mint(dora.username(), 1_000));
        rig.mint(emil.username(), 500);
        long soon = System.currentTimeMillis() + 60_000;
        SwapPayload terms = dora("lim-1", coin, soon);
        ok(rig.admin.lock(rig.token, "dora.s"));
        refusedAs(rig.swaps.prepare(signed(terms, dora, null)), 409, "PAYER_LOCKED");
        ok(rig.admin.unlock(rig.token, "dora.s"));
        ok(rig.admin.lock(rig.token, "emil.s"));
        SwapPayload again = dora("lim-2", coin, soon);
        refusedAs(rig.swaps.prepare(signed(again, dora, null)), 409, "PAYEE_LOCKED");
        ok(rig.admin.unlock(rig.token, "emil.s"));
        Object[][] limits = {
            {new LimitsRequest("dora.s", 999L, null, null, null), "PAYER_PER_TRANSFER_EXCEEDED"},
            {new LimitsRequest("dora.s", Long.MAX_VALUE, 999L, null, null),
                "PAYER_DAILY_OUT_EXCEEDED"},
            {new LimitsRequest("emil.s", 999L, null, null, null), "PAYEE_PER_TRANSFER_EXCEEDED"},
            {new LimitsRequest("emil.s", Long.MAX_VALUE, null, 999L, null),
                "PAYEE_DAILY_IN_EXCEEDED"},
            {new LimitsRequest("emil.s", null, null, Long.MAX_VALUE, 1_499L),
                "PAYEE_BALANCE_CAP_EXCEEDED"},
        };
        int n = 0;
        for (Object[] limit : limits) {
            LimitsRequest set = (LimitsRequest) limit[0];
            ok(rig.admin.limits(rig.token, set));
            SwapPayload tried = dora("lim-x" + n++, coin, soon);
            refusedAs(rig.swaps.prepare(signed(tried, dora, null)), 422, (String) limit[1]);
            ok(rig.admin.limits(rig.token, new LimitsRequest(set.user(), Long.MAX_VALUE,
                Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)));
        }
        ok(rig.swaps.prepare(signed(dora("lim-ok", coin, soon), dora, null)));
        SessionToken again2 = ok(rig.users.login("dora.s", dora.password())).sessionToken();
        assertThat(ok(rig.swaps.commit(again2, "lim-ok")).state()).isEqualTo("COMMITTED");
        SessionToken emils = ok(rig.users.login("emil.s", emil.password())).sessionToken();
        assertThat(ok(rig.vault.holdings(emils, "emil.s", "", 100)).coins())
            .extracting(CoinView::id).containsAll(coin);
        rig.checkPasses();
    }

    /** Dora pays emil 1 000. */
    private static SwapPayload dora(String id, List<String> coins, long expiresAtMs) {
        return new SwapPayload(id, "dora.s", "emil.s", "PLN", 1_000, coins, List.of(),
            expiresAtMs);
    }

    @Test
    void onlyAPartyWithASessionReadsCommitsOrVoidsASwap() throws Exception {
        List<CoinReply> coins = rig.mint(ann.username(), 20);
        ok(rig.swaps.prepare(signed(terms("party-1", ann, bob, coins, 60_000), ann, null)));
        refusedAs(rig.swaps.swap(carl.session(), "party-1"), 403, "NOT_A_PARTY");
        refusedAs(rig.swaps.commit(carl.session(), "party-1"), 403, "NOT_A_PARTY");
        refusedAs(rig.swaps.voidSwap(carl.session(), "party-1"), 403, "NOT_A_PARTY");
        refusedAs(rig.swaps.commit(new SessionToken("NOSESSION"), "party-1"), 401,
            "SESSION_UNKNOWN");
        refusedAs(rig.swaps.commit(ann.session(), "never-prepared"), 404, "UNKNOWN_SWAP");
        refusedAs(rig.swaps.swap(ann.session(), "a,b"), 400, "BAD_TRANSFER_ID");
        var anonymous = rig.harness().send("POST", "/v1/swaps/party-1/commit", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("SESSION_REQUIRED");
        assertThat(ok(rig.swaps.swap(ann.session(), "party-1")).state()).isEqualTo("PREPARED");
        SwapReply voided = ok(rig.swaps.voidSwap(bob.session(), "party-1"));
        assertThat(voided.state()).isEqualTo("VOIDED");
        assertThat(ok(rig.swaps.voidSwap(ann.session(), "party-1"))).isEqualTo(voided);
        assertThat(owned(ann)).containsAll(ids(coins));
        rig.checkPasses();
    }

    @Test
    void amountsAndCoinListsTheSignedBytesCannotHoldAreRefusedAtTheEdge() throws Exception {
        List<String> coin = ids(rig.mint(ann.username(), 1));
        long soon = System.currentTimeMillis() + 60_000;
        String anySignature = ann.keys().sign(new byte[] {1}).text();
        List<String> huge = new ArrayList<>();
        IntStream.range(0, 10_001).forEach(i -> huge.add("X" + i));
        Object[][] cases = {
            {new SwapRequest("e-1", "ann.s", "bob.s", "PLN", -1, coin, List.of(), soon,
                anySignature, null), 400, "NEGATIVE_AMOUNT"},
            {new SwapRequest("e-2", "ann.s", "bob.s", "PLN", 1, huge, List.of(), soon,
                anySignature, null), 400, "TOO_MANY_COINS"},
            {new SwapRequest("e-3", "ann.s", "bob.s", "pln", 1, coin, List.of(), soon,
                anySignature, null), 400, "CURRENCY_INVALID"},
            {new SwapRequest("e-4", "ann\ud800", "bob.s", "PLN", 1, coin, List.of(), soon,
                anySignature, null), 400, "MALFORMED_JSON"},
            {new SwapRequest("e-5", "ann.s", "bob.s", "PLN", 1, coin, List.of(), soon,
                anySignature, "not a signature"), 403, "BAD_SIGNATURE"},
        };
        for (Object[] c : cases) {
            refusedAs(rig.swaps.prepare((SwapRequest) c[0]), (int) c[1], (String) c[2]);
        }
        assertThat(owned(ann)).containsAll(coin);
        rig.checkPasses();
    }
}
