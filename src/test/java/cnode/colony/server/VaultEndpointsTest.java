package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static cnode.colony.server.EdgeRig.refusedAs;
import static cnode.colony.server.EdgeRig.signed;
import static cnode.colony.server.EdgeRig.terms;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyVault.BalanceView;
import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.ColonyVault.HoldingsReply;
import cnode.colony.client.ColonyVault.VaultMoveReply;
import cnode.colony.client.ColonyVault.VaultMoveRequest;
import cnode.colony.client.SessionToken;
import cnode.colony.server.EdgeRig.Member;
import cnode.crypto.VaultPayload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault over HTTP: owner-signed moves between wallet and vault, their idempotent retry
 * (also after the signature expired), every refusal from a real cause; and what a user holds
 * and has, read with the user's own session, one page at a time.
 */
class VaultEndpointsTest {
    @TempDir
    static Path data;
    private static EdgeRig rig;
    private static Member vic;
    private static Member wes;

    @BeforeAll
    static void start() throws Exception {
        rig = EdgeRig.start(data, 61);
        vic = rig.member("vic.v");
        wes = rig.member("wes.w");
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static List<String> ids(List<CoinReply> coins) {
        return coins.stream().map(CoinReply::id).toList();
    }

    private static VaultMoveRequest move(Member owner, String id, String to, List<String> coins,
                                         long ms) {
        VaultPayload terms = new VaultPayload(id, owner.username(), to, coins,
            System.currentTimeMillis() + ms);
        return VaultMoveRequest.of(terms, owner.keys().sign(terms.bytes()));
    }

    private static List<CoinView> holdings(Member member) throws Exception {
        return ok(rig.vault.holdings(member.session(), member.username(), "", 10_000)).coins();
    }

    @Test
    void coinsGoToTheVaultAndBackWithTheOwnerUnchanged() throws Exception {
        List<String> coins = ids(rig.mint("vic.v", 3_500));
        VaultMoveRequest in = move(vic, "in-1", "VAULT", coins, 60_000);
        VaultMoveReply moved = ok(rig.vault.move(in));
        assertThat(moved.to()).isEqualTo("VAULT");
        assertThat(moved.coinIds()).containsExactlyInAnyOrderElementsOf(coins);
        assertThat(holdings(vic)).filteredOn(coin -> coins.contains(coin.id()))
            .extracting(CoinView::place).containsOnly("VAULT").hasSize(coins.size());
        BalanceView balance = ok(rig.vault.balances(vic.session(), "vic.v")).balances()
            .getFirst();
        assertThat(balance.vault()).isGreaterThanOrEqualTo(3_500);
        assertThat(ok(rig.vault.move(in))).as("an identical retry").isEqualTo(moved);

        VaultMoveReply back = ok(rig.vault.move(move(vic, "out-1", "WALLET", coins, 60_000)));
        assertThat(back.to()).isEqualTo("WALLET");
        assertThat(holdings(vic)).filteredOn(coin -> coins.contains(coin.id()))
            .extracting(CoinView::place).containsOnly("WALLET");
        rig.checkPasses();
    }

    @Test
    void aRetryAfterTheSignatureExpiredGetsTheFirstAnswerAndNeverMovesAgain() throws Exception {
        List<String> coins = ids(rig.mint("vic.v", 20));
        VaultMoveRequest in = move(vic, "short-1", "VAULT", coins, 700);
        VaultMoveReply first = ok(rig.vault.move(in));
        ok(rig.vault.move(move(vic, "short-back", "WALLET", coins, 60_000)));
        Thread.sleep(800);
        assertThat(ok(rig.vault.move(in))).isEqualTo(first);
        assertThat(holdings(vic)).filteredOn(coin -> coins.contains(coin.id()))
            .extracting(CoinView::place).as("the copy moved nothing").containsOnly("WALLET");
        refusedAs(rig.vault.move(move(vic, "stale", "VAULT", coins, -1)), 422,
            "SIGNATURE_EXPIRED");
        refusedAs(rig.vault.move(move(vic, "far", "VAULT", coins, 16 * 60_000)), 422,
            "SIGNATURE_TOO_LONG");
        rig.checkPasses();
    }

    @Test
    void everyVaultRefusalHasARealCauseAndMovesNothing() throws Exception {
        List<String> coins = ids(rig.mint("vic.v", 7));
        List<String> wesCoins = ids(rig.mint("wes.w", 5));
        ok(rig.swaps.prepare(signed(terms("reserving", vic, wes,
            rig.mint("vic.v", 100), 60_000), vic, null)));
        String reserved = ok(rig.swaps.swap(vic.session(), "reserving")).payerCoinIds()
            .getFirst();
        VaultMoveRequest good = move(vic, "v-good", "VAULT", coins, 60_000);
        VaultMoveRequest forged = new VaultMoveRequest("v-good", "vic.v", "VAULT", coins,
            good.expiresAtMs(), move(wes, "v-good", "VAULT", coins, 60_000).signature());
        VaultMoveRequest replayed = new VaultMoveRequest("v-other", "vic.v", "VAULT", coins,
            good.expiresAtMs(), good.signature());
        List<String> many = IntStream.range(0, 1_001).mapToObj(i -> "C" + i).toList();
        List<String> huge = new ArrayList<>();
        IntStream.range(0, 10_001).forEach(i -> huge.add("X" + i));
        Object[][] cases = {
            {forged, 403, "BAD_SIGNATURE"},
            {replayed, 403, "BAD_SIGNATURE"},
            {new VaultMoveRequest("v-x", "vic.v", "VAULT", coins, good.expiresAtMs(), "??"),
                403, "BAD_SIGNATURE"},
            {new VaultMoveRequest("v-x", "ghost", "VAULT", coins, good.expiresAtMs(),
                good.signature()), 422, "UNKNOWN_USER"},
            {move(vic, "v-place", "ATTIC", coins, 60_000), 400, "PLACE_INVALID"},
            {new VaultMoveRequest("v-huge", "vic.v", "VAULT", huge, good.expiresAtMs(),
                good.signature()), 400, "TOO_MANY_COINS"},
            {move(vic, "bad id", "VAULT", coins, 60_000), 400, "BAD_TRANSFER_ID"},
            {move(vic, "v-none", "VAULT", List.of(), 60_000), 400, "NO_COINS"},
            {move(vic, "v-many", "VAULT", many, 60_000), 400, "TOO_MANY_COINS"},
            {move(vic, "v-dup", "VAULT", List.of(coins.get(0), coins.get(0)), 60_000), 400,
                "DUPLICATE_COIN"},
            {move(vic, "reserving", "VAULT", coins, 60_000), 409, "TRANSFER_ID_REUSED"},
            {move(vic, "v-unknown", "VAULT", List.of("NOCOIN"), 60_000), 409, "COIN_UNKNOWN"},
            {move(vic, "v-wes", "VAULT", wesCoins, 60_000), 409, "NOT_OWNER"},
            {move(vic, "v-place2", "WALLET", coins, 60_000), 409, "WRONG_PLACE"},
            {move(vic, "v-held", "VAULT", List.of(reserved), 60_000), 409, "COIN_RESERVED"},
        };
        for (Object[] c : cases) {
            refusedAs(rig.vault.move((VaultMoveRequest) c[0]), (int) c[1], (String) c[2]);
        }
        ok(rig.admin.lock(rig.token, "wes.w"));
        refusedAs(rig.vault.move(move(wes, "v-locked", "VAULT", wesCoins, 60_000)), 409,
            "USER_LOCKED");
        ok(rig.admin.unlock(rig.token, "wes.w"));
        assertThat(holdings(vic)).filteredOn(coin -> coins.contains(coin.id()))
            .extracting(CoinView::place).containsOnly("WALLET");
        ok(rig.swaps.voidSwap(vic.session(), "reserving"));
        rig.checkPasses();
    }

    @Test
    void holdingsComeOnePageAtATimeToTheirOwnerOnly() throws Exception {
        Member yan = rig.member("yan.y");
        List<String> coins = new ArrayList<>(ids(rig.mint("yan.y", 8_888)));
        coins.sort(null);
        List<String> paged = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 20; page++) {
            HoldingsReply reply = ok(rig.vault.holdings(yan.session(), "yan.y", after, 3));
            assertThat(reply.coins().size()).isLessThanOrEqualTo(3);
            reply.coins().forEach(coin -> paged.add(coin.id()));
            if (reply.next() == null) {
                break;
            }
            after = reply.next();
        }
        assertThat(paged).isEqualTo(coins);
        BalanceView balance = ok(rig.vault.balances(yan.session(), "yan.y")).balances()
            .getFirst();
        assertThat(balance).isEqualTo(new BalanceView("PLN", 0, 8_888, 0, 0, 0));

        refusedAs(rig.vault.holdings(vic.session(), "yan.y", "", 10), 403, "NOT_YOUR_ACCOUNT");
        refusedAs(rig.vault.balances(vic.session(), "yan.y"), 403, "NOT_YOUR_ACCOUNT");
        refusedAs(rig.vault.balances(new SessionToken("NONE"), "yan.y"), 401,
            "SESSION_UNKNOWN");
        String path = "/v1/users/yan.y/holdings?limit=";
        String session = "Session " + yan.session().value();
        for (String limit : List.of("0", "10001", "abc", "-1", "")) {
            var answer = rig.harness().get(path + limit, "Authorization", session);
            assertThat(answer.statusCode()).as(limit).isEqualTo(400);
            assertThat(answer.body()).as(limit).contains("BAD_QUERY");
        }
        assertThat(rig.harness().get("/v1/users/yan.y/balances").body())
            .contains("SESSION_REQUIRED");
    }

    @Test
    void anExpiredCoinStaysWhereItIs(@TempDir Path other) throws Exception {
        try (EdgeRig quick = EdgeRig.start(other, 62, "--coin-validity", "1s")) {
            Member zoe = quick.member("zoe.z");
            Member ula = quick.member("ula.u");
            List<CoinReply> coins = quick.mint("zoe.z", 40);
            Thread.sleep(coins.getFirst().expiresAtMs() - System.currentTimeMillis() + 50);
            VaultPayload terms = new VaultPayload("late", "zoe.z", "VAULT", ids(coins),
                System.currentTimeMillis() + 60_000);
            refusedAs(quick.vault.move(VaultMoveRequest.of(terms,
                zoe.keys().sign(terms.bytes()))), 409, "COIN_EXPIRED");
            refusedAs(quick.swaps.prepare(signed(terms("late-pay", zoe, ula, coins, 10_000), zoe,
                null)), 409, "COIN_EXPIRED");
            BalanceView balance = ok(quick.vault.balances(zoe.session(), "zoe.z")).balances()
                .getFirst();
            assertThat(balance.expired()).isEqualTo(40);
            assertThat(balance.free()).isZero();
            quick.checkPasses();
        }
    }
}
