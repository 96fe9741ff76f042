package cnode.wallet;

import static cnode.wallet.WalletFixtures.DAY_MS;
import static cnode.wallet.WalletFixtures.EXPIRES_MS;
import static cnode.wallet.WalletFixtures.ISSUED_MS;
import static cnode.wallet.WalletFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.money.Coin;
import cnode.money.Currency;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The balance rules as a scenario table: each row is the user's coins (where they are, which
 * swap holds them), the coins reserved on this node and a time, and the balances they must
 * make. Every row also checks that the balances add up to the coins and that each coin got the
 * standing its balance counts.
 */
class WalletViewTest {
    private static final long NOW_MS = ISSUED_MS + 10 * DAY_MS;
    private static final Currency EUR = new Currency("EUR");

    private static Holding wallet(String suffix, long billons) {
        return holding(suffix, billons, Currency.PLN, 0, Holding.Place.WALLET, null);
    }

    private static Holding holding(String suffix, long billons, Currency currency, long colour,
                                   Holding.Place place, String swap) {
        return new Holding(new Coin(id(suffix), billons, currency, colour, ISSUED_MS,
            EXPIRES_MS), place, swap, ISSUED_MS);
    }

    private static Balance pln(long free, long locked, long vault, long expired) {
        return new Balance(Currency.PLN, 0, free, locked, vault, expired);
    }

    /** One scenario: coins, reserved here, time, and the balances expected. */
    private record Row(String name, List<Holding> coins, Set<String> here, long nowMs,
                       List<Balance> balances) {}

    private static final Row[] TABLE = {
        new Row("no coins, no balance", List.of(), Set.of(), NOW_MS, List.of()),
        new Row("free coins add up", List.of(wallet("A", 200), wallet("B", 5_000)), Set.of(),
            NOW_MS, List.of(pln(5_200, 0, 0, 0))),
        new Row("a swap at the registry locks its coin",
            List.of(wallet("A", 200), holding("B", 5_000, Currency.PLN, 0,
                Holding.Place.WALLET, "pay-1")), Set.of(), NOW_MS,
            List.of(pln(200, 5_000, 0, 0))),
        new Row("a task here locks its coin", List.of(wallet("A", 200), wallet("B", 5_000)),
            Set.of(id("A")), NOW_MS, List.of(pln(5_000, 200, 0, 0))),
        new Row("reserved both here and at the registry counts once",
            List.of(holding("A", 1_000, Currency.PLN, 0, Holding.Place.WALLET, "pay-2")),
            Set.of(id("A")), NOW_MS, List.of(pln(0, 1_000, 0, 0))),
        new Row("the vault counts apart, reserved or not",
            List.of(holding("A", 2_000, Currency.PLN, 0, Holding.Place.VAULT, null),
                holding("B", 50, Currency.PLN, 0, Holding.Place.VAULT, "swap-x"),
                wallet("C", 1)), Set.of(id("A")), NOW_MS, List.of(pln(1, 0, 2_050, 0))),
        new Row("at its expiry a free coin is expired, a locked one stays locked",
            List.of(wallet("A", 100), wallet("B", 20), holding("C", 500_000, Currency.PLN, 0,
                Holding.Place.VAULT, null)), Set.of(id("B")), EXPIRES_MS,
            List.of(pln(0, 20, 500_000, 100))),
        new Row("one millisecond before expiry the coin is still free",
            List.of(wallet("A", 100)), Set.of(), EXPIRES_MS - 1, List.of(pln(100, 0, 0, 0))),
        new Row("currencies and colours never mix, ordered by code then colour",
            List.of(wallet("A", 5_000_000), holding("B", 10, Currency.PLN, 7,
                Holding.Place.WALLET, null), holding("C", 2, EUR, 0, Holding.Place.WALLET,
                null), holding("D", 1, EUR, 0, Holding.Place.VAULT, null)), Set.of(), NOW_MS,
            List.of(new Balance(EUR, 0, 2, 0, 1, 0), pln(5_000_000, 0, 0, 0),
                new Balance(Currency.PLN, 7, 10, 0, 0, 0))),
    };

    @Test
    void everyScenarioMakesItsBalances() {
        for (Row row : TABLE) {
            WalletView view = WalletView.of("wanda", row.coins(), row.here(), row.nowMs(),
                ISSUED_MS, false);
            assertThat(view.balances()).as(row.name()).isEqualTo(row.balances());
            assertThat(view.balancesMatchCoins()).as(row.name()).isTrue();
            assertThat(view.coins()).as(row.name()).hasSize(row.coins().size());
            for (Balance balance : row.balances()) {
                assertThat(sum(view, balance, CoinStanding.FREE)).as(row.name())
                    .isEqualTo(balance.free());
                assertThat(sum(view, balance, CoinStanding.LOCKED)).as(row.name())
                    .isEqualTo(balance.locked());
                assertThat(sum(view, balance, CoinStanding.VAULT)).as(row.name())
                    .isEqualTo(balance.vault());
                assertThat(sum(view, balance, CoinStanding.EXPIRED)).as(row.name())
                    .isEqualTo(balance.expired());
            }
        }
    }

    private static long sum(WalletView view, Balance balance, CoinStanding standing) {
        return view.coins(standing).stream()
            .filter(held -> held.coin().currency().equals(balance.currency())
                && held.coin().colour() == balance.colour())
            .mapToLong(held -> held.coin().faceValue()).sum();
    }

    @Test
    void aCurrencyNotHeldReadsAsZero() {
        WalletView view = WalletView.of("wanda", List.of(wallet("A", 200)), Set.of(), NOW_MS,
            ISSUED_MS, false);
        assertThat(view.balance(EUR, 0)).isEqualTo(Balance.zero(EUR, 0));
        assertThat(view.balance(Currency.PLN, 1)).isEqualTo(Balance.zero(Currency.PLN, 1));
        assertThat(view.balance(Currency.PLN, 0)).isEqualTo(pln(200, 0, 0, 0));
    }

    @Test
    void coinsAreOrderedByCurrencyColourFaceValueThenId() {
        WalletView view = WalletView.of("wanda", List.of(wallet("Z", 500), wallet("B", 500),
            wallet("A", 1_000), wallet("C", 1), holding("D", 1, EUR, 0, Holding.Place.WALLET,
                null)), Set.of(), NOW_MS, ISSUED_MS, false);
        assertThat(view.coins()).extracting(held -> held.coin().id())
            .containsExactly(id("D"), id("C"), id("B"), id("Z"), id("A"));
    }

    @Test
    void balancesAreExactAtTheTopOfTheRange() {
        Balance nearTop = pln(Long.MAX_VALUE - 1, 0, 0, 0);
        assertThat(nearTop.plus(CoinStanding.FREE, 1).free()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> nearTop.plus(CoinStanding.FREE, 2))
            .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aFreeSampleTakesAFewOfEachFaceValueValidLongEnough() {
        long soonMs = NOW_MS + 1_000;
        Holding shortLived = new Holding(new Coin(id("S"), 100, Currency.PLN, 0, ISSUED_MS,
            soonMs), Holding.Place.WALLET, null, ISSUED_MS);
        WalletView view = WalletView.of("wanda", List.of(wallet("A1", 100), wallet("A2", 100),
            wallet("A3", 100), shortLived, wallet("B1", 200), wallet("B2", 200),
            wallet("C1", 500), holding("D1", 500, Currency.PLN, 0, Holding.Place.WALLET,
                "pay-1"), holding("E1", 100, EUR, 0, Holding.Place.WALLET, null),
            holding("F1", 100, Currency.PLN, 3, Holding.Place.WALLET, null)), Set.of(id("B2")),
            NOW_MS, ISSUED_MS, false);
        assertThat(view.freeSample(Currency.PLN, 0, soonMs, 2, 10))
            .extracting(held -> held.coin().id())
            .as("two of 100 (the short-lived one left out), B1 (B2 reserved), C1 (D1 held)")
            .containsExactly(id("A1"), id("A2"), id("B1"), id("C1"));
        assertThat(view.freeSample(Currency.PLN, 0, soonMs, 2, 3)).hasSize(3);
        assertThat(view.freeSample(Currency.PLN, 0, NOW_MS, 5, 10))
            .extracting(held -> held.coin().id()).contains(id("S"));
        assertThat(view.freeSample(EUR, 0, NOW_MS, 5, 10)).extracting(held -> held.coin().id())
            .containsExactly(id("E1"));
        assertThat(view.freeSample(Currency.PLN, 3, NOW_MS, 5, 10)).hasSize(1);
        assertThat(view.freeSample(new Currency("GBP"), 0, NOW_MS, 5, 10)).isEmpty();
    }

    @Test
    void aPictureKnowsWhenTimeAloneChangesIt() {
        long soonMs = NOW_MS + 1_000;
        Holding shortLived = new Holding(new Coin(id("S"), 100, Currency.PLN, 0, ISSUED_MS,
            soonMs), Holding.Place.WALLET, null, ISSUED_MS);
        assertThat(WalletView.of("wanda", List.of(wallet("A", 1), shortLived), Set.of(),
            NOW_MS, ISSUED_MS, false).changesAtMs()).isEqualTo(soonMs);
        Holding heldBySwap = new Holding(shortLived.coin(), Holding.Place.WALLET, "pay-1",
            ISSUED_MS);
        assertThat(WalletView.of("wanda", List.of(wallet("A", 1), heldBySwap), Set.of(),
            NOW_MS, ISSUED_MS, false).changesAtMs()).as("a locked coin stays locked")
            .isEqualTo(EXPIRES_MS);
        assertThat(WalletView.of("wanda", List.of(), Set.of(), NOW_MS, ISSUED_MS, false)
            .changesAtMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void reservationsAndSpentCoinsAreLaidOverTheBook() {
        CoinBook book = CoinBook.of(List.of(wallet("A", 100), wallet("B", 200),
            wallet("C", 500), holding("D", 1, EUR, 0, Holding.Place.WALLET, null)), NOW_MS);
        WalletView view = WalletView.over("wanda", book, Set.of(id("B"), id("GONE")),
            Set.of(id("C"), id("D")), NOW_MS, false);
        assertThat(view.balances()).as("EUR's only coin is spent: no EUR balance")
            .containsExactly(pln(100, 200, 0, 0));
        assertThat(view.coins()).extracting(held -> held.coin().id() + " " + held.standing())
            .containsExactly(id("A") + " FREE", id("B") + " LOCKED");
        assertThat(view.balancesMatchCoins()).isTrue();
        assertThat(view.freeSample(Currency.PLN, 0, NOW_MS, 5, 10))
            .extracting(held -> held.coin().id()).containsExactly(id("A"));
        assertThat(view.freeToPay(Currency.PLN, 0, NOW_MS, 1_000))
            .extracting(held -> held.coin().id()).containsExactly(id("A"));
    }
}
