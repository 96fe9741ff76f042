package cnode.colony;

import static cnode.colony.RegistryRig.START_MS;
import static cnode.colony.RegistryRig.coin;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.money.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The conservation check finds what it must: it passes on a sound registry and names each kind
 * of corruption planted in otherwise sound rows (money that appeared or vanished, a coin with
 * two owners, a reservation that points nowhere, a prepared swap that does not hold its coins).
 */
final class ConservationTest {
    private static final CoinKind PLN = new CoinKind(Currency.PLN, 0);

    /** alice has coins 1 (5) and 2 (10); bobby 11 (20); swap "s1" holds coin 1 for bobby. */
    private static RegistryRows sound() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice").user("bobby");
        rig.give("alice", coin(1, 5), coin(2, 10));
        rig.give("bobby", coin(11, 20));
        assertThat(rig.registry.prepare(new SwapDraft("alice", "bobby", 5, START_MS + 1_000)
            .id("s1").paid(1).build(), rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        rig.assertSound();
        return rig.registry.rows();
    }

    private static RegistryRows withCoins(RegistryRows rows, UnaryOperator<List<CoinRow>> f) {
        return new RegistryRows(f.apply(new ArrayList<>(rows.coins())), rows.swaps(),
            rows.transfers(), rows.daily(), rows.totals());
    }

    private static List<String> violations(RegistryRows rows) {
        return Conservation.check(rows).violations();
    }

    @Test
    void aSoundRegistryPasses() {
        assertThat(Conservation.check(sound()).ok()).isTrue();
    }

    @Test
    void moneyThatAppearedIsFound() {
        RegistryRows rows = withCoins(sound(), coins -> {
            coins.add(new CoinRow(coin(3, 50), "alice", CoinPlace.WALLET, null));
            return coins;
        });
        assertThat(violations(rows)).singleElement().asString()
            .contains("PLN/0").contains("live coins 85");
        Registry restored = Registry.restore(RegistryPropertyTest.CONFIG,
            name -> Optional.empty(), rows);
        assertThat(restored.checkTotals().ok()).isFalse();
        assertThat(restored.check().ok()).isFalse();
    }

    @Test
    void moneyThatVanishedIsFound() {
        RegistryRows rows = withCoins(sound(), coins -> {
            coins.removeIf(row -> row.id().equals(RegistryRig.id(2)));
            return coins;
        });
        assertThat(violations(rows)).singleElement().asString().contains("live coins 25");
    }

    @Test
    void redeemedAboveIssuedIsFound() {
        RegistryRows rows = sound();
        RegistryRows bad = new RegistryRows(List.of(), List.of(), List.of(), List.of(),
            List.of(new CoinTotalRow(PLN, 5, 10)));
        assertThat(violations(bad)).anySatisfy(v -> assertThat(v).contains("redeemed 10 > "));
        assertThat(rows.totals()).isNotEmpty();
    }

    @Test
    void aCoinWithTwoOwnersIsFound() {
        RegistryRows rows = withCoins(sound(), coins -> {
            coins.add(new CoinRow(coin(2, 10), "bobby", CoinPlace.WALLET, null));
            return coins;
        });
        assertThat(violations(rows)).anySatisfy(v -> assertThat(v).contains("two owners"));
    }

    @Test
    void aReservationThatPointsNowhereIsFound() {
        RegistryRows rows = withCoins(sound(), coins -> {
            coins.replaceAll(row -> row.id().equals(RegistryRig.id(2))
                ? row.reservedBy("nowhere") : row);
            return coins;
        });
        assertThat(violations(rows)).singleElement().asString()
            .contains("reserved by nowhere, which is not a prepared swap");
    }

    @Test
    void aReservationBySwapThatDoesNotNameTheCoinIsFound() {
        RegistryRows rows = withCoins(sound(), coins -> {
            coins.replaceAll(row -> row.id().equals(RegistryRig.id(2))
                ? row.reservedBy("s1") : row);
            return coins;
        });
        assertThat(violations(rows)).singleElement().asString().contains("does not name it");
    }

    @Test
    void aPreparedSwapThatDoesNotHoldItsCoinIsFound() {
        RegistryRows rows = withCoins(sound(), coins -> {
            coins.replaceAll(row -> row.reservedBy(null));
            return coins;
        });
        assertThat(violations(rows)).singleElement().asString()
            .contains("prepared swap s1 does not hold coin");
    }

    @Test
    void aHeldCoinOwnedByTheWrongSideIsFound() {
        RegistryRows rows = withCoins(sound(), coins -> {
            coins.replaceAll(row -> row.id().equals(RegistryRig.id(1))
                ? new CoinRow(row.coin(), "bobby", CoinPlace.WALLET, "s1") : row);
            return coins;
        });
        assertThat(violations(rows)).singleElement().asString()
            .contains("not the side that gives it");
    }

    @Test
    void aReservationByASettledSwapIsFound() {
        RegistryRows rows = sound();
        List<SwapRow> swaps = rows.swaps().stream()
            .map(s -> s.settled(SwapState.VOIDED, START_MS)).toList();
        RegistryRows bad = new RegistryRows(rows.coins(), swaps, rows.transfers(), rows.daily(),
            rows.totals());
        assertThat(violations(bad)).singleElement().asString()
            .contains("which is not a prepared swap");
    }
}
