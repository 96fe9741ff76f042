package cnode.payment;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.money.Coin;
import cnode.money.Currency;
import cnode.wallet.CoinStanding;
import cnode.wallet.HeldCoin;
import cnode.wallet.WalletFixtures;
import cnode.wallet.WalletRead;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link CoinPick#fromWallet} searches first among a bounded number of coins per face value
 * and only then, when that finds no exact set, among every free coin. Against the plain way
 * (every free coin valid long enough, straight to {@link CoinPick#choose}), on random wallets
 * with coins reserved here, coins expiring before the swap's end, and change offers: the same
 * refusal, and for a choice the same change and the same number of coins (the selection's
 * preferences), paying exactly the amount with the wallet's free coins.
 */
final class CoinPickPropertyTest {
    private static final Long[] FACES = {1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L};
    private static final long NOW_MS = WalletFixtures.ISSUED_MS + WalletFixtures.DAY_MS;
    private static final long SWAP_END_MS = NOW_MS + 60_000;

    /** A wallet's coins (face, expiring before the swap's end, reserved here), the amount. */
    record Case(List<long[]> coins, long amount, List<Long> offer) {}

    @Property(tries = 1500)
    void boundedCandidatesPickAsWellAsEveryCoin(@ForAll("cases") Case c) {
        List<Coin> coins = new ArrayList<>();
        Set<String> reserved = new HashSet<>();
        for (int i = 0; i < c.coins().size(); i++) {
            long[] spec = c.coins().get(i);
            String id = WalletFixtures.id(String.format("%04d", i));
            long expiresAtMs = spec[1] == 1 ? SWAP_END_MS - 1 : WalletFixtures.EXPIRES_MS;
            coins.add(new Coin(id, spec[0], Currency.PLN, 0, WalletFixtures.ISSUED_MS,
                expiresAtMs));
            if (spec[2] == 1) {
                reserved.add(id);
            }
        }
        List<PaymentWire.Offered> offer = new ArrayList<>();
        for (int i = 0; i < c.offer().size(); i++) {
            offer.add(new PaymentWire.Offered(WalletFixtures.id(String.format("X%03d", i)),
                c.offer().get(i)));
        }
        WalletRead read = WalletFixtures.read("payer", coins, reserved, NOW_MS);
        CoinPick bounded = CoinPick.fromWallet(read, c.amount(), "PLN", SWAP_END_MS, offer);
        CoinPick plain = plain(read, c.amount(), offer);
        Statistics.label("outcome").collect(bounded.refusal() == null
            ? (bounded.changeCoinIds().isEmpty() ? "EXACT" : "WITH_CHANGE") : bounded.refusal());
        assertThat(bounded.refusal()).isEqualTo(plain.refusal());
        assertThat(bounded.changeBillons()).isEqualTo(plain.changeBillons());
        assertThat(bounded.payerCoinIds().size() + bounded.changeCoinIds().size())
            .isEqualTo(plain.payerCoinIds().size() + plain.changeCoinIds().size());
        if (bounded.refusal() == null) {
            long paid = 0;
            for (String id : bounded.payerCoinIds()) {
                HeldCoin held = read.view().coins(CoinStanding.FREE).stream()
                    .filter(coin -> coin.coin().id().equals(id)).findFirst().orElseThrow();
                assertThat(held.coin().expiresAtMs()).isGreaterThan(SWAP_END_MS);
                paid += held.coin().faceValue();
            }
            assertThat(paid - bounded.changeBillons()).isEqualTo(c.amount());
        }
    }

    /** Every free coin valid past the swap's end, straight to the selection. */
    private static CoinPick plain(WalletRead read, long amount,
                                  List<PaymentWire.Offered> offer) {
        List<HeldCoin> free = new ArrayList<>();
        long outdated = 0;
        for (HeldCoin coin : read.view().coins(CoinStanding.FREE)) {
            if (coin.coin().expiresAtMs() > SWAP_END_MS) {
                free.add(coin);
            } else {
                outdated += coin.coin().faceValue();
            }
        }
        long locked = read.view().balance(Currency.PLN, 0).locked();
        return CoinPick.choose(amount, free, locked, outdated, offer);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<long[]> coin = Combinators.combine(Arbitraries.of(FACES),
            Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 9))
            .as((face, soon, here) -> new long[] {face, soon == 0 ? 1 : 0, here == 0 ? 1 : 0});
        return Combinators.combine(coin.list().ofMaxSize(40),
            Arbitraries.longs().between(1, 1_500),
            Arbitraries.of(FACES).list().ofMaxSize(6)).as(Case::new);
    }
}
