package cnode.colony;

import static cnode.colony.RegistryRig.START_MS;
import static cnode.colony.RegistryRig.coin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.money.Coin;
import cnode.money.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bad input the registry must answer by name or refuse loudly: its limits validated at
 * construction, times that are not times, huge and empty orders, amounts that are negative or
 * overflow, names that are not valid Unicode, and rows that cannot be one registry's. A refused
 * order changes nothing.
 */
final class RegistryBadInputTest {

    @Test
    void theConfigIsValidatedOnConstruction() {
        RegistryConfig ok = RegistryConfig.defaults();
        assertThat(ok.coinsPerOrderMax()).isEqualTo(1_000);
        assertThatThrownBy(() -> new RegistryConfig(0, 1, 1, 1, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryConfig(RegistryConfig.COINS_PER_ORDER_LIMIT + 1, 1,
            1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryConfig(1, 0, 1, 1, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryConfig(1, Registry.DAY_MS + 1, 1, 1, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryConfig(1, 1, 0, 1, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryConfig(1, 1, 31 * Registry.DAY_MS, 1, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryConfig(1, 1, 1, 0, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryConfig(1, 1, 1, 1, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RegistryConfig(RegistryConfig.COINS_PER_ORDER_LIMIT, Registry.DAY_MS,
            30 * Registry.DAY_MS, 1, 1).coinsPerOrderMax()).isEqualTo(10_000);
    }

    @Test
    void aTimeIsNeverNegativeNorBeyondTheLimit() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice");
        MintOrder mint = new MintOrder("m1", "alice", List.of(coin(1, 5)));

        assertThatThrownBy(() -> rig.registry.mint(mint, -1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.registry.commit("m1", Registry.TIME_MAX_MS + 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.registry.expire(Long.MIN_VALUE, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(rig.registry.rows()).isEqualTo(RegistryRows.EMPTY);
    }

    @Test
    void anOrderOfMoreCoinsThanTheLimitIsRefusedByName() {
        RegistryRig rig = new RegistryRig(RegistryConfig.defaults());
        rig.user("alice").user("bobby");
        List<String> ids = IntStream.range(0, 1_001).mapToObj(RegistryRig::id).toList();
        SwapOrder order = new SwapOrder("s1", "alice", "bobby", Currency.PLN, 1, ids,
            List.of(), START_MS + 1_000);

        assertThat(rig.registry.prepare(order, rig.now))
            .isEqualTo(SwapPrepareResult.TOO_MANY_COINS);
        assertThat(rig.registry.prepare(new SwapOrder("s1", "alice", "bobby", Currency.PLN, 1,
            ids.subList(0, 1_000), List.of(), START_MS + 1_000), rig.now))
            .as("1 000 is allowed").isEqualTo(SwapPrepareResult.COIN_UNKNOWN);
        assertThat(rig.registry.redeem(new CoinRedeemOrder("r1", "alice", ids), rig.now))
            .isEqualTo(CoinRedeemResult.TOO_MANY_COINS);
        assertThat(rig.registry.moveVault(new VaultOrder("v1", "alice", ids, CoinPlace.VAULT),
            rig.now)).isEqualTo(VaultMoveResult.TOO_MANY_COINS);
        List<Coin> many = IntStream.range(0, 1_001).mapToObj(n -> coin(n, 1))
            .toList();
        assertThat(rig.registry.mint(new MintOrder("m1", "alice", many), rig.now))
            .isEqualTo(MintResult.TOO_MANY_COINS);
        assertThat(rig.registry.exchange(new CoinExchangeOrder("x1", "alice", ids.subList(0, 2),
            many.subList(2, 1_001)), rig.now)).isEqualTo(CoinExchangeResult.TOO_MANY_COINS);
        assertThat(rig.registry.transferCount()).as("only the judged one is remembered")
            .isEqualTo(1);
    }

    @Test
    void amountsThatAreNegativeOrOverflowAreRefusedByName() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice").user("bobby");
        rig.give("alice", coin(1, 5_000_000), coin(2, 5_000_000));
        for (long amount : new long[] {-1, Long.MIN_VALUE}) {
            assertThat(rig.registry.prepare(new SwapDraft("alice", "bobby", amount,
                START_MS + 1_000).paid(1).build(), rig.now))
                .isEqualTo(SwapPrepareResult.NEGATIVE_AMOUNT);
        }
        for (long amount : new long[] {Long.MAX_VALUE, 10_000_001, 9_999_999}) {
            assertThat(rig.registry.prepare(new SwapDraft("alice", "bobby", amount,
                START_MS + 1_000).id("s" + amount).paid(1, 2).build(), rig.now))
                .isEqualTo(SwapPrepareResult.AMOUNT_MISMATCH);
        }
        assertThat(rig.registry.prepare(new SwapDraft("alice", "bobby", 10_000_000,
            START_MS + 1_000).id("s-ok").paid(1, 2).build(), rig.now))
            .isEqualTo(SwapPrepareResult.PREPARED);
        assertThatThrownBy(() -> coin(9, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(-1, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        rig.assertSound();
    }

    @Test
    void namesThatAreNotValidUnicodeAreJustUnknown() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice");
        rig.give("alice", coin(1, 5));
        SwapOrder order = new SwapOrder("s1", "alice", "\uD800", Currency.PLN, 5,
            SwapDraft.ids(1), List.of(), START_MS + 1_000);

        assertThat(rig.registry.prepare(order, rig.now))
            .isEqualTo(SwapPrepareResult.PAYEE_UNKNOWN);
        assertThat(rig.registry.prepare(order, rig.now))
            .isEqualTo(SwapPrepareResult.PAYEE_UNKNOWN);
        assertThat(rig.registry.redeem(new CoinRedeemOrder("r1", "alice",
            List.of("\uDC00x")), rig.now)).isEqualTo(CoinRedeemResult.COIN_UNKNOWN);
    }

    @Test
    void rowsThatCannotBeOneRegistrysAreRefusedOnRestore() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice").user("bobby");
        rig.give("alice", coin(1, 5), coin(2, 10));
        RegistryRows rows = rig.registry.rows();
        List<CoinRow> twice = new ArrayList<>(rows.coins());
        twice.add(new CoinRow(coin(1, 5), "bobby", CoinPlace.WALLET, null));
        RegistryRows twoOwners = new RegistryRows(twice, rows.swaps(), rows.transfers(),
            rows.daily(), rows.totals());
        List<CoinTotalRow> totals = new ArrayList<>(rows.totals());
        totals.addAll(rows.totals());
        RegistryRows twoTotals = new RegistryRows(rows.coins(), rows.swaps(), rows.transfers(),
            rows.daily(), totals);
        RegistryConfig config = rig.registry.config();
        Accounts none = name -> Optional.empty();

        assertThatThrownBy(() -> Registry.restore(config, none, twoOwners))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two owners");
        assertThatThrownBy(() -> Registry.restore(config, none, twoTotals))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinRow(coin(3, 1), "alice", CoinPlace.VAULT, "s1"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinTotalRow(new CoinKind(Currency.PLN, 0), -1, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(Registry.restore(config, none, rows).rows()).isEqualTo(rows);
    }
}
