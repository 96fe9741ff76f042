package cnode.wallet;

import static cnode.colony.server.EdgeRig.ok;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ColonyVault.BalanceView;
import cnode.colony.client.ColonyVault.VaultMoveRequest;
import cnode.colony.client.SessionToken;
import cnode.colony.server.EdgeRig;
import cnode.colony.server.EdgeRig.Member;
import cnode.crypto.KeyBlob;
import cnode.crypto.Pbkdf2;
import cnode.crypto.VaultPayload;
import cnode.money.Currency;
import cnode.node.NodeUser;
import cnode.stdx.Clock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet against a real colony over loopback: a member with coins in two currencies, some
 * in the vault and some held by a prepared swap, read through small pages; the wallet's
 * balances equal the colony's own {@code /balances}, a reservation here moves money from free
 * to locked, and a session the colony refuses leaves the wallet without a picture.
 */
class WalletColonyTest {
    @TempDir
    static Path data;
    private static EdgeRig rig;
    private static Member wanda;
    private static Member xavier;

    @BeforeAll
    static void start() throws Exception {
        rig = EdgeRig.start(data, 41);
        wanda = rig.member("wanda");
        xavier = rig.member("xavier");
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static NodeUser nodeUser(Member member, SessionToken session) {
        KeyBlob blob = KeyBlob.seal(member.keys().privateKey(), member.username(),
            member.password(), new SecureRandom(), Pbkdf2.ITERATIONS_MIN);
        return new NodeUser(member.username(), member.keys(), blob, session, "MPIN01", false,
            null);
    }

    private static Wallet wallet() {
        return new Wallet(HoldingsSource.colony(rig.vault), Clock.SYSTEM,
            new WalletLimits(0, 4, 1_000));
    }

    private static Set<Balance> colonyBalances(Member member) throws Exception {
        Set<Balance> balances = new HashSet<>();
        for (BalanceView line : ok(rig.vault.balances(member.session(), member.username()))
            .balances()) {
            balances.add(new Balance(new Currency(line.currency()), line.colour(), line.free(),
                line.locked(), line.vault(), line.expired()));
        }
        return balances;
    }

    @Test
    void theWalletCountsWhatTheRegistrySays() throws Exception {
        List<CoinReply> pln = rig.mint("wanda", 12_345);
        int eurCoins = ok(rig.admin.mint(rig.token, new MintRequest(null, "wanda", 3_300, "EUR",
            null, null))).coins().size();
        List<String> toVault = List.of(pln.get(0).id(), pln.get(1).id());
        VaultPayload terms = new VaultPayload("wanda-in", "wanda", "VAULT", toVault,
            System.currentTimeMillis() + 60_000);
        ok(rig.vault.move(VaultMoveRequest.of(terms, wanda.keys().sign(terms.bytes()))));
        List<CoinReply> paid = List.of(pln.get(5));
        ok(rig.swaps.prepare(EdgeRig.signed(EdgeRig.terms("wanda-pay", wanda, xavier, paid,
            60_000), wanda, null)));

        Wallet wallet = wallet();
        WalletRead read = wallet.attach(nodeUser(wanda, wanda.session()));
        assertThat(read.state()).isEqualTo(WalletRead.State.FRESH);
        WalletView view = read.view();
        assertThat(view.coins()).hasSize(pln.size() + eurCoins);
        assertThat(new HashSet<>(view.balances())).isEqualTo(colonyBalances(wanda));
        Balance plnBalance = view.balance(Currency.PLN, 0);
        long vault = pln.get(0).faceValue() + pln.get(1).faceValue();
        long locked = pln.get(5).faceValue();
        assertThat(plnBalance).isEqualTo(new Balance(Currency.PLN, 0, 12_345 - vault - locked,
            locked, vault, 0));
        assertThat(view.balance(new Currency("EUR"), 0).free()).isEqualTo(3_300);

        String free = view.coins(CoinStanding.FREE).stream()
            .filter(held -> held.coin().currency().equals(Currency.PLN))
            .findFirst().orElseThrow().coin().id();
        long faceValue = view.coins().stream().filter(held -> held.coin().id().equals(free))
            .findFirst().orElseThrow().coin().faceValue();
        assertThat(wallet.reserve("task-1", List.of(free))).isEqualTo(Reservation.RESERVED);
        Balance reserved = wallet.read().view().balance(Currency.PLN, 0);
        assertThat(reserved.free()).isEqualTo(plnBalance.free() - faceValue);
        assertThat(reserved.locked()).isEqualTo(plnBalance.locked() + faceValue);
        assertThat(wallet.reserve("task-2", List.of(pln.get(5).id())))
            .as("held by the prepared swap").isEqualTo(Reservation.NOT_FREE);
        rig.checkPasses();
    }

    @Test
    void aSessionTheColonyRefusesLeavesNoPicture() throws Exception {
        rig.mint("xavier", 700);
        Wallet wallet = wallet();
        NodeUser stranger = nodeUser(xavier,
            new SessionToken("0123456789ABCDEFGHIJKLMNOPQRSTUV"));
        assertThat(wallet.attach(stranger).state()).isEqualTo(WalletRead.State.UNREACHABLE);
        WalletRead read = wallet.attach(nodeUser(xavier, xavier.session()));
        assertThat(read.state()).isEqualTo(WalletRead.State.FRESH);
        assertThat(read.view().balance(Currency.PLN, 0).free()).isEqualTo(700);
    }
}
