package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static cnode.colony.server.EdgeRig.refusedAs;
import static cnode.colony.server.EdgeRig.signed;
import static cnode.colony.server.EdgeRig.terms;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.ColonyVault.BalanceView;
import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.server.EdgeRig.Member;
import cnode.crypto.SwapPayload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two phases over HTTP: a prepared swap left alone is voided at its expiry and its coins
 * are free again; commit after void and void after commit are refused by name; a coin that
 * would expire during the reservation is refused ({@code --coin-validity 60s} here).
 */
class TwoPhaseTest {
    @TempDir
    static Path data;
    private static EdgeRig rig;
    private static Member payer;
    private static Member payee;

    @BeforeAll
    static void start() throws Exception {
        rig = EdgeRig.start(data, 51, "--coin-validity", "60s");
        payer = rig.member("payer");
        payee = rig.member("payee");
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static List<String> ids(List<CoinReply> coins) {
        return coins.stream().map(CoinReply::id).toList();
    }

    @Test
    void aPreparedSwapLeftAloneIsVoidedAtItsExpiryAndItsCoinsAreFree() throws Exception {
        List<CoinReply> coins = rig.mint("payer", 1_500);
        SwapReply prepared = ok(rig.swaps.prepare(signed(terms("left-alone", payer, payee,
            coins, 1_500), payer, null)));
        assertThat(prepared.state()).isEqualTo("PREPARED");
        long deadline = System.currentTimeMillis() + 10_000;
        SwapReply seen = prepared;
        while (seen.state().equals("PREPARED") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            seen = ok(rig.swaps.swap(payee.session(), "left-alone"));
        }
        assertThat(seen.state()).isEqualTo("EXPIRED");
        assertThat(seen.settledAtMs()).isEqualTo(prepared.expiresAtMs());
        List<CoinView> mine = ok(rig.vault.holdings(payer.session(), "payer", "", 100)).coins();
        assertThat(mine).filteredOn(coin -> ids(coins).contains(coin.id()))
            .hasSize(coins.size()).allSatisfy(coin -> assertThat(coin.reservedBy()).isNull());
        BalanceView balance = ok(rig.vault.balances(payer.session(), "payer")).balances()
            .getFirst();
        assertThat(balance.locked()).isZero();

        refusedAs(rig.swaps.commit(payer.session(), "left-alone"), 409, "EXPIRED");
        assertThat(ok(rig.swaps.voidSwap(payer.session(), "left-alone")).state())
            .as("voiding an expired swap reaches what the caller wanted").isEqualTo("EXPIRED");
        SwapReply spent = ok(rig.swaps.prepare(signed(terms("after-expiry", payer, payee, coins,
            30_000), payer, null)));
        assertThat(ok(rig.swaps.commit(payer.session(), spent.transferId())).state())
            .isEqualTo("COMMITTED");
        rig.checkPasses();
    }

    @Test
    void commitAfterVoidAndVoidAfterCommitAreRefusedByName() throws Exception {
        List<CoinReply> first = rig.mint("payer", 10);
        ok(rig.swaps.prepare(signed(terms("voided", payer, payee, first, 30_000), payer, null)));
        assertThat(ok(rig.swaps.voidSwap(payer.session(), "voided")).state()).isEqualTo("VOIDED");
        refusedAs(rig.swaps.commit(payer.session(), "voided"), 409, "ALREADY_VOIDED");
        refusedAs(rig.swaps.commit(payee.session(), "voided"), 409, "ALREADY_VOIDED");

        List<CoinReply> second = rig.mint("payer", 20);
        ok(rig.swaps.prepare(signed(terms("committed", payer, payee, second, 30_000), payer,
            null)));
        ok(rig.swaps.commit(payer.session(), "committed"));
        refusedAs(rig.swaps.voidSwap(payer.session(), "committed"), 409, "ALREADY_COMMITTED");
        refusedAs(rig.swaps.voidSwap(payee.session(), "committed"), 409, "ALREADY_COMMITTED");
        assertThat(ok(rig.swaps.swap(payee.session(), "committed")).state())
            .isEqualTo("COMMITTED");
        assertThat(ok(rig.swaps.swap(payer.session(), "voided")).state()).isEqualTo("VOIDED");
        rig.checkPasses();
    }

    @Test
    void aCoinThatWouldExpireDuringTheReservationIsRefused() throws Exception {
        List<CoinReply> coins = rig.mint("payer", 50);
        SwapPayload tooLate = new SwapPayload("outlives-coin", "payer", "payee", "PLN", 50,
            ids(coins), List.of(), coins.getFirst().expiresAtMs() + 1_000);
        refusedAs(rig.swaps.prepare(signed(tooLate, payer, null)), 409, "COIN_EXPIRED");
        assertThat(ok(rig.swaps.prepare(signed(terms("in-time", payer, payee, coins, 5_000),
            payer, null))).state()).isEqualTo("PREPARED");
        ok(rig.swaps.voidSwap(payer.session(), "in-time"));
        rig.checkPasses();
    }
}
