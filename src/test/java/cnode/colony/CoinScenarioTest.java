package cnode.colony;

import static cnode.colony.RegistryRig.EUR;
import static cnode.colony.RegistryRig.START_MS;
import static cnode.colony.RegistryRig.coin;
import static cnode.colony.SwapDraft.ids;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.money.Coin;
import cnode.money.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of the bank's and the vault's operations as tables: every named result of
 * {@link Registry#mint}, {@link Registry#moveVault}, {@link Registry#redeem} and
 * {@link Registry#exchange}, and which refusal wins when two apply. After each case: a refusal
 * changed no coin and no total, a retry answers the same, and the registry is sound.
 */
final class CoinScenarioTest {
    private static final CoinKind PLN = new CoinKind(Currency.PLN, 0);

    /** One case: its name, expected answer, change to the world, and the call. */
    record Case(String name, Enum<?> expected, UnaryOperator<RegistryRig> world,
                Function<RegistryRig, Enum<?>> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * alice: 1 (100), 2 (200) in the wallet, 3 (50) in the vault, 4 (10) held by swap "held",
     * 5 (20, expiring in 30 s), 6 (EUR 100), 7 (PLN colour 1, 100). bobby: 11 (50). carol
     * (locked): 21 (100). erin1 (cap 600): 41 (500).
     */
    static RegistryRig world() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice").user("bobby").user("carol", true, Limits.NONE)
            .user("erin1", false, new Limits(1_000, 1_000, 1_000, 600));
        rig.give("alice", coin(1, 100), coin(2, 200), coin(3, 50), coin(4, 10));
        rig.give("alice", coin(5, 20, Currency.PLN, 0, START_MS + 30_000));
        rig.give("alice", coin(6, 100, EUR, 0, START_MS + RegistryRig.LIFE_MS));
        rig.give("alice", coin(7, 100, Currency.PLN, 1, START_MS + RegistryRig.LIFE_MS));
        rig.give("bobby", coin(11, 50));
        rig.give("carol", coin(21, 100));
        rig.give("erin1", coin(41, 500));
        SwapScenarioTest.vault(rig, "alice", 3);
        SwapScenarioTest.prepared(rig, new SwapDraft("alice", "bobby", 10, START_MS + 120_000)
            .id("held").paid(4));
        return rig;
    }

    private static Case one(String name, Enum<?> expected, Function<RegistryRig, Enum<?>> call) {
        return new Case(name, expected, rig -> rig, call);
    }

    /** The world restored under a config changed by {@code change}. */
    private static UnaryOperator<RegistryRig> restored(
            BiFunction<RegistryConfig, Registry, RegistryConfig> change) {
        return rig -> {
            RegistryRig again = new RegistryRig(change.apply(rig.registry.config(), rig.registry),
                rig.registry.rows());
            again.accounts.putAll(rig.accounts);
            return again;
        };
    }

    private static final UnaryOperator<RegistryRig> FULL = restored((c, r) ->
        new RegistryConfig(c.coinsPerOrderMax(), c.reservationMsMax(), c.retentionMs(),
            r.transferCount(), c.coinsMax()));
    private static final UnaryOperator<RegistryRig> NO_ROOM = restored((c, r) ->
        new RegistryConfig(c.coinsPerOrderMax(), c.reservationMsMax(), c.retentionMs(),
            c.transfersMax(), r.coinCount()));

    /** The world with PLN's issued total 50 below the largest long (circulation unchanged). */
    private static RegistryRig nearOverflow(RegistryRig rig) {
        RegistryRows rows = rig.registry.rows();
        List<CoinTotalRow> totals = new ArrayList<>();
        for (CoinTotalRow row : rows.totals()) {
            long issued = Long.MAX_VALUE - 50;
            totals.add(!row.kind().equals(PLN) ? row
                : new CoinTotalRow(PLN, issued, issued - row.circulatingBillons()));
        }
        RegistryRig again = new RegistryRig(rig.registry.config(), new RegistryRows(rows.coins(),
            rows.swaps(), rows.transfers(), rows.daily(), totals));
        again.accounts.putAll(rig.accounts);
        return again;
    }

    private static UnaryOperator<RegistryRig> advanced(long ms) {
        return rig -> {
            rig.advance(ms);
            return rig;
        };
    }

    private static Function<RegistryRig, Enum<?>> mint(String id, String user, Coin... coins) {
        return rig -> rig.registry.mint(new MintOrder(id, user, List.of(coins)), rig.now);
    }

    private static Coin[] many(int count) {
        return IntStream.range(100, 100 + count).mapToObj(n -> coin(n, 1)).toArray(Coin[]::new);
    }

    static List<Case> mintCases() {
        Coin fresh = coin(60, 100);
        Coin dead = coin(61, 100, Currency.PLN, 0, START_MS);
        return List.of(
            one("mint", MintResult.MINTED, mint("m1", "alice", fresh)),
            one("mint to the bank", MintResult.MINTED, mint("m1", Registry.BANK, fresh)),
            one("mint to a locked user", MintResult.MINTED, mint("m1", "carol", fresh)),
            one("bad transfer id", MintResult.BAD_TRANSFER_ID, mint("m 1", "alice", fresh)),
            one("no coins", MintResult.NO_COINS, mint("m1", "alice")),
            one("51 coins", MintResult.TOO_MANY_COINS, mint("m1", "alice", many(51))),
            one("50 coins", MintResult.MINTED, mint("m1", "alice", many(50))),
            one("a coin twice", MintResult.DUPLICATE_COIN, mint("m1", "alice", fresh, fresh)),
            one("PLN and EUR", MintResult.MIXED_COINS, mint("m1", "alice", fresh,
                coin(62, 1, EUR, 0, START_MS + 1_000))),
            new Case("transfer id used", MintResult.TRANSFER_ID_REUSED,
                rig -> done(rig, mint("m1", "alice", coin(62, 5))), mint("m1", "alice", fresh)),
            one("an expired coin", MintResult.COIN_EXPIRED, mint("m1", "alice", fresh, dead)),
            new Case("transfers full", MintResult.TRANSFERS_FULL, FULL,
                mint("m1", "alice", fresh)),
            one("unknown user", MintResult.UNKNOWN_USER, mint("m1", "zed99", fresh)),
            one("a live coin's id", MintResult.COIN_EXISTS, mint("m1", "alice", fresh,
                coin(11, 50))),
            new Case("registry full", MintResult.REGISTRY_FULL, NO_ROOM,
                mint("m1", "alice", fresh)),
            new Case("issued total overflows", MintResult.TOTAL_OVERFLOW,
                CoinScenarioTest::nearOverflow, mint("m1", "alice", fresh)),
            new Case("issued total just fits", MintResult.MINTED,
                CoinScenarioTest::nearOverflow, mint("m1", "alice", coin(60, 50))),
            one("over the balance cap", MintResult.BALANCE_CAP_EXCEEDED,
                mint("m1", "erin1", coin(60, 200))),
            one("up to the balance cap", MintResult.MINTED, mint("m1", "erin1", fresh)),
            one("duplicate and mixed", MintResult.DUPLICATE_COIN, mint("m1", "alice", fresh,
                fresh, coin(62, 1, EUR, 0, START_MS + 1_000))),
            new Case("mixed and reused", MintResult.MIXED_COINS,
                rig -> done(rig, mint("m1", "alice", coin(62, 5))),
                mint("m1", "alice", fresh, coin(63, 1, EUR, 0, START_MS + 1_000))),
            new Case("reused and expired", MintResult.TRANSFER_ID_REUSED,
                rig -> done(rig, mint("m1", "alice", coin(62, 5))), mint("m1", "alice", dead)),
            one("expired and unknown user", MintResult.COIN_EXPIRED, mint("m1", "zed99", dead)),
            one("unknown user and live id", MintResult.UNKNOWN_USER,
                mint("m1", "zed99", coin(11, 50))),
            one("live id and over the cap", MintResult.COIN_EXISTS,
                mint("m1", "erin1", coin(60, 200), coin(11, 50))),
            new Case("registry full and over the cap", MintResult.REGISTRY_FULL, NO_ROOM,
                mint("m1", "erin1", coin(60, 200))));
    }

    private static RegistryRig done(RegistryRig rig, Function<RegistryRig, Enum<?>> call) {
        call.apply(rig);
        return rig;
    }

    private static Function<RegistryRig, Enum<?>> vault(String id, String user, CoinPlace to,
                                                        int... coins) {
        return rig -> rig.registry.moveVault(new VaultOrder(id, user, ids(coins), to), rig.now);
    }

    static List<Case> vaultCases() {
        CoinPlace in = CoinPlace.VAULT;
        CoinPlace out = CoinPlace.WALLET;
        return List.of(
            one("to the vault", VaultMoveResult.MOVED, vault("v1", "alice", in, 1, 2)),
            one("back to the wallet", VaultMoveResult.MOVED, vault("v1", "alice", out, 3)),
            one("bad transfer id", VaultMoveResult.BAD_TRANSFER_ID, vault("", "alice", in, 1)),
            one("no coins", VaultMoveResult.NO_COINS, vault("v1", "alice", in)),
            one("51 coins", VaultMoveResult.TOO_MANY_COINS, vault("v1", "alice", in,
                IntStream.range(100, 151).toArray())),
            one("a coin twice", VaultMoveResult.DUPLICATE_COIN, vault("v1", "alice", in, 1, 1)),
            new Case("transfer id used", VaultMoveResult.TRANSFER_ID_REUSED,
                rig -> done(rig, vault("v1", "alice", in, 2)), vault("v1", "alice", in, 1)),
            new Case("transfers full", VaultMoveResult.TRANSFERS_FULL, FULL,
                vault("v1", "alice", in, 1)),
            one("unknown user", VaultMoveResult.UNKNOWN_USER, vault("v1", "zed99", in, 1)),
            one("locked user", VaultMoveResult.USER_LOCKED, vault("v1", "carol", in, 21)),
            one("unknown coin", VaultMoveResult.COIN_UNKNOWN, vault("v1", "alice", in, 1, 999)),
            one("bobby's coin", VaultMoveResult.NOT_OWNER, vault("v1", "alice", in, 1, 11)),
            one("already in the vault", VaultMoveResult.WRONG_PLACE,
                vault("v1", "alice", in, 1, 3)),
            one("already in the wallet", VaultMoveResult.WRONG_PLACE,
                vault("v1", "alice", out, 1)),
            one("a reserved coin", VaultMoveResult.COIN_RESERVED, vault("v1", "alice", in, 4)),
            new Case("an expired coin", VaultMoveResult.COIN_EXPIRED, advanced(30_000),
                vault("v1", "alice", in, 5)),
            one("unknown coin and bobby's", VaultMoveResult.COIN_UNKNOWN,
                vault("v1", "alice", in, 11, 999)),
            one("bobby's and misplaced", VaultMoveResult.NOT_OWNER,
                vault("v1", "alice", in, 3, 11)),
            one("misplaced and reserved", VaultMoveResult.WRONG_PLACE,
                vault("v1", "alice", in, 3, 4)),
            one("a reserved coin to the wallet", VaultMoveResult.WRONG_PLACE,
                vault("v1", "alice", out, 4)),
            new Case("reserved and expired", VaultMoveResult.COIN_RESERVED, advanced(30_000),
                vault("v1", "alice", in, 4, 5)));
    }

    private static Function<RegistryRig, Enum<?>> redeem(String id, String user, int... coins) {
        return rig -> rig.registry.redeem(new CoinRedeemOrder(id, user, ids(coins)), rig.now);
    }

    static List<Case> redeemCases() {
        return List.of(
            one("redeem", CoinRedeemResult.REDEEMED, redeem("r1", "alice", 1, 2)),
            one("redeem from the vault", CoinRedeemResult.REDEEMED, redeem("r1", "alice", 3)),
            one("bad transfer id", CoinRedeemResult.BAD_TRANSFER_ID, redeem("r/1", "alice", 1)),
            one("no coins", CoinRedeemResult.NO_COINS, redeem("r1", "alice")),
            one("51 coins", CoinRedeemResult.TOO_MANY_COINS, redeem("r1", "alice",
                IntStream.range(100, 151).toArray())),
            one("a coin twice", CoinRedeemResult.DUPLICATE_COIN, redeem("r1", "alice", 2, 2)),
            new Case("transfer id used", CoinRedeemResult.TRANSFER_ID_REUSED,
                rig -> done(rig, redeem("r1", "alice", 2)), redeem("r1", "alice", 1)),
            new Case("transfers full", CoinRedeemResult.TRANSFERS_FULL, FULL,
                redeem("r1", "alice", 1)),
            one("unknown user", CoinRedeemResult.UNKNOWN_USER, redeem("r1", "zed99", 1)),
            one("locked user", CoinRedeemResult.USER_LOCKED, redeem("r1", "carol", 21)),
            one("unknown coin", CoinRedeemResult.COIN_UNKNOWN, redeem("r1", "alice", 1, 999)),
            one("PLN and EUR", CoinRedeemResult.MIXED_COINS, redeem("r1", "alice", 1, 6)),
            one("colours 0 and 1", CoinRedeemResult.MIXED_COINS, redeem("r1", "alice", 1, 7)),
            one("bobby's coin", CoinRedeemResult.NOT_OWNER, redeem("r1", "alice", 1, 11)),
            one("a reserved coin", CoinRedeemResult.COIN_RESERVED, redeem("r1", "alice", 4)),
            new Case("an expired coin", CoinRedeemResult.COIN_EXPIRED, advanced(30_000),
                redeem("r1", "alice", 5)),
            one("unknown and mixed", CoinRedeemResult.COIN_UNKNOWN,
                redeem("r1", "alice", 6, 999)),
            one("mixed and bobby's", CoinRedeemResult.MIXED_COINS, redeem("r1", "alice", 6, 11)),
            one("bobby's and reserved", CoinRedeemResult.NOT_OWNER,
                redeem("r1", "alice", 4, 11)),
            new Case("reserved and expired", CoinRedeemResult.COIN_RESERVED, advanced(30_000),
                redeem("r1", "alice", 4, 5)));
    }

    private static Function<RegistryRig, Enum<?>> exchange(String id, String user, int[] give,
                                                           Coin... fresh) {
        return rig -> rig.registry.exchange(new CoinExchangeOrder(id, user, ids(give),
            List.of(fresh)), rig.now);
    }

    private static int[] give(int... coins) {
        return coins;
    }

    static List<Case> exchangeCases() {
        Coin c200 = coin(61, 200);
        Coin c100 = coin(62, 100);
        return List.of(
            one("exchange", CoinExchangeResult.EXCHANGED,
                exchange("x1", "alice", give(1, 2), c200, c100)),
            one("exchange from the vault", CoinExchangeResult.EXCHANGED,
                exchange("x1", "alice", give(3), coin(61, 50))),
            new Case("re-issue of an expired coin", CoinExchangeResult.EXCHANGED,
                advanced(30_000), exchange("x1", "alice", give(5), coin(61, 20,
                    Currency.PLN, 0, START_MS + RegistryRig.LIFE_MS))),
            one("bad transfer id", CoinExchangeResult.BAD_TRANSFER_ID,
                exchange("x".repeat(65), "alice", give(1), c100)),
            one("nothing given", CoinExchangeResult.NO_COINS,
                exchange("x1", "alice", give(), c100)),
            one("nothing asked", CoinExchangeResult.NO_COINS, exchange("x1", "alice", give(1))),
            one("51 coins", CoinExchangeResult.TOO_MANY_COINS,
                exchange("x1", "alice", IntStream.range(100, 150).toArray(), c100, c200)),
            one("a given coin twice", CoinExchangeResult.DUPLICATE_COIN,
                exchange("x1", "alice", give(1, 1), c200)),
            one("a new coin twice", CoinExchangeResult.DUPLICATE_COIN,
                exchange("x1", "alice", give(2), c100, c100)),
            one("a new coin with a given id", CoinExchangeResult.DUPLICATE_COIN,
                exchange("x1", "alice", give(1), coin(1, 100))),
            new Case("transfer id used", CoinExchangeResult.TRANSFER_ID_REUSED,
                rig -> done(rig, exchange("x1", "alice", give(2), c200)),
                exchange("x1", "alice", give(1), c100)),
            one("an expired new coin", CoinExchangeResult.NEW_COIN_EXPIRED,
                exchange("x1", "alice", give(1), coin(61, 100, Currency.PLN, 0, START_MS))),
            new Case("transfers full", CoinExchangeResult.TRANSFERS_FULL, FULL,
                exchange("x1", "alice", give(1), c100)),
            one("unknown user", CoinExchangeResult.UNKNOWN_USER,
                exchange("x1", "zed99", give(1), c100)),
            one("locked user", CoinExchangeResult.USER_LOCKED,
                exchange("x1", "carol", give(21), c100)),
            one("unknown coin", CoinExchangeResult.COIN_UNKNOWN,
                exchange("x1", "alice", give(999), c100)),
            one("EUR for PLN", CoinExchangeResult.MIXED_COINS,
                exchange("x1", "alice", give(1), coin(61, 100, EUR, 0, START_MS + 1_000))),
            one("PLN and EUR given", CoinExchangeResult.MIXED_COINS,
                exchange("x1", "alice", give(1, 6), c200)),
            one("bobby's coin", CoinExchangeResult.NOT_OWNER,
                exchange("x1", "alice", give(11), coin(61, 50))),
            one("a reserved coin", CoinExchangeResult.COIN_RESERVED,
                exchange("x1", "alice", give(4), coin(61, 10))),
            one("a new coin with a live id", CoinExchangeResult.COIN_EXISTS,
                exchange("x1", "alice", give(1), coin(11, 100))),
            one("less than given", CoinExchangeResult.TOTAL_MISMATCH,
                exchange("x1", "alice", give(1, 2), c200)),
            one("more than given", CoinExchangeResult.TOTAL_MISMATCH,
                exchange("x1", "alice", give(1), c200)),
            new Case("registry full", CoinExchangeResult.REGISTRY_FULL, NO_ROOM,
                exchange("x1", "alice", give(1), coin(61, 50), coin(62, 50))),
            new Case("one for one in a full registry", CoinExchangeResult.EXCHANGED, NO_ROOM,
                exchange("x1", "alice", give(1), c100)),
            new Case("issued total overflows", CoinExchangeResult.TOTAL_OVERFLOW,
                CoinScenarioTest::nearOverflow, exchange("x1", "alice", give(1), c100)),
            one("expired new coin and unknown user", CoinExchangeResult.NEW_COIN_EXPIRED,
                exchange("x1", "zed99", give(1), coin(61, 100, Currency.PLN, 0, START_MS))),
            one("mixed and bobby's", CoinExchangeResult.MIXED_COINS,
                exchange("x1", "alice", give(11), coin(61, 50, EUR, 0, START_MS + 1_000))),
            one("reserved and live new id", CoinExchangeResult.COIN_RESERVED,
                exchange("x1", "alice", give(4), coin(11, 10))),
            one("live new id and mismatch", CoinExchangeResult.COIN_EXISTS,
                exchange("x1", "alice", give(1), coin(11, 50))),
            new Case("mismatch in a full registry", CoinExchangeResult.TOTAL_MISMATCH, NO_ROOM,
                exchange("x1", "alice", give(1), coin(61, 50), coin(62, 20))));
    }

    static Stream<Case> cases() {
        return Stream.of(mintCases(), vaultCases(), redeemCases(), exchangeCases())
            .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void answersByName(Case scenario) {
        RegistryRig rig = scenario.world().apply(world());
        RegistryRows before = rig.registry.rows();

        Enum<?> result = scenario.call().apply(rig);

        assertThat(result).isEqualTo(scenario.expected());
        RegistryRows after = rig.registry.rows();
        if (!result.name().equals("MINTED") && !result.name().equals("MOVED")
            && !result.name().equals("REDEEMED") && !result.name().equals("EXCHANGED")) {
            assertThat(after.coins()).isEqualTo(before.coins());
            assertThat(after.totals()).isEqualTo(before.totals());
        } else {
            assertThat(after.coins()).isNotEqualTo(before.coins());
        }
        assertThat(scenario.call().apply(rig)).as("a retry").isEqualTo(result);
        assertThat(rig.registry.rows()).as("a retry changes nothing").isEqualTo(after);
        rig.assertSound();
    }

    @Test
    void theTablesNameEveryResult() {
        List<Object> named = cases().<Object>map(Case::expected).toList();
        assertThat(named).contains((Object[]) MintResult.values());
        assertThat(named).contains((Object[]) VaultMoveResult.values());
        assertThat(named).contains((Object[]) CoinRedeemResult.values());
        assertThat(named).contains((Object[]) CoinExchangeResult.values());
    }

    @Test
    void mintRedeemAndExchangeKeepTheTotals() {
        RegistryRig rig = world();
        CoinTotalRow start = total(rig);

        mint("m1", "alice", coin(60, 100), coin(61, 5)).apply(rig);
        assertThat(total(rig).issuedBillons()).isEqualTo(start.issuedBillons() + 105);
        redeem("r1", "alice", 1, 3).apply(rig);
        assertThat(total(rig).redeemedBillons()).isEqualTo(start.redeemedBillons() + 150);
        assertThat(rig.registry.coin(RegistryRig.id(1), rig.now)).isEmpty();
        exchange("x1", "alice", give(2), coin(62, 100), coin(63, 100)).apply(rig);

        assertThat(total(rig)).isEqualTo(new CoinTotalRow(PLN, start.issuedBillons() + 305,
            start.redeemedBillons() + 350));
        assertThat(rig.row(62).owner()).isEqualTo("alice");
        assertThat(rig.row(62).place()).isEqualTo(CoinPlace.WALLET);
        assertThat(rig.registry.coin(RegistryRig.id(2), rig.now)).isEmpty();
        assertThat(rig.registry.transfer("x1", rig.now).orElseThrow().billons()).isEqualTo(200);
        rig.assertSound();
    }

    @Test
    void aVaultMoveKeepsTheOwnerAndTheBalance() {
        RegistryRig rig = world();
        CoinBalance before = pln(rig);

        vault("v1", "alice", CoinPlace.VAULT, 1, 2).apply(rig);

        assertThat(rig.row(1).owner()).isEqualTo("alice");
        assertThat(rig.row(1).place()).isEqualTo(CoinPlace.VAULT);
        CoinBalance pln = pln(rig);
        assertThat(pln.vaultBillons()).isEqualTo(50 + 300);
        assertThat(pln.ownedBillons()).isEqualTo(before.ownedBillons());
        assertThat(rig.registry.balances("alice", rig.now)).extracting(CoinBalance::kind)
            .containsExactly(new CoinKind(EUR, 0), PLN, new CoinKind(Currency.PLN, 1));
        assertThat(rig.registry.holdings("alice", rig.now).vault()).extracting(CoinRow::id)
            .containsExactly(RegistryRig.id(1), RegistryRig.id(2), RegistryRig.id(3));
    }

    private static CoinBalance pln(RegistryRig rig) {
        return rig.registry.balances("alice", rig.now).stream()
            .filter(b -> b.kind().equals(PLN)).findFirst().orElseThrow();
    }

    private static CoinTotalRow total(RegistryRig rig) {
        return rig.registry.totals().stream().filter(t -> t.kind().equals(PLN)).findFirst()
            .orElseThrow();
    }
}
