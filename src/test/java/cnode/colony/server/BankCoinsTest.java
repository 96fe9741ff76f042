package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.colony.CoinKind;
import cnode.crypto.KeyPair;
import cnode.money.Coin;
import cnode.money.CoinDistribution;
import cnode.money.Currency;
import cnode.money.IssuanceCurve;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The bank's coins are a function of the request: for any amount and split the coins are
 * worth exactly the amount, one per count of the split, well-formed, with distinct ids, issued
 * and expiring as configured; the same inputs give the same coins (so a retry is recognised),
 * and another transfer id, time or purpose gives none of the same ids.
 */
class BankCoinsTest {
    private static final long VALIDITY_MS = 86_400_000L;
    private static final Bank BANK = new Bank(KeyPair.generate(new SecureRandom()), VALIDITY_MS,
        1_000);
    private static final CoinKind PLN = new CoinKind(Currency.PLN, 0);

    private static CoinDistribution split(long amount, Optional<IssuanceCurve> curve) {
        CoinDistribution.Outcome outcome = curve
            .map(named -> CoinDistribution.alongCurve(amount, named))
            .orElseGet(() -> CoinDistribution.fewestCoins(amount));
        Assume.that(outcome.ok() && outcome.distribution().orElseThrow().coins() <= 1_000);
        return outcome.distribution().orElseThrow();
    }

    @Property(tries = 300)
    void coinsAreExactWellFormedDistinctAndRepeatable(
            @ForAll @LongRange(min = 1, max = 5_000_000_000L) long amount,
            @ForAll Optional<IssuanceCurve> curve,
            @ForAll @AlphaChars @StringLength(min = 1, max = 64) String transferId,
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long issuedAtMs) {
        CoinDistribution distribution = split(amount, curve);
        List<Coin> coins = BANK.coins(Bank.Purpose.MINT, transferId, issuedAtMs, PLN,
            distribution);
        assertThat(coins).hasSize((int) distribution.coins());
        assertThat(coins.stream().mapToLong(Coin::faceValue).sum()).isEqualTo(amount);
        assertThat(coins).allSatisfy(coin -> {
            assertThat(coin.id()).matches("[0-9A-V]{26}");
            assertThat(coin.issuedAtMs()).isEqualTo(issuedAtMs);
            assertThat(coin.expiresAtMs()).isEqualTo(issuedAtMs + VALIDITY_MS);
            assertThat(coin.currency()).isEqualTo(Currency.PLN);
        });
        Set<String> ids = new HashSet<>(coins.stream().map(Coin::id).toList());
        assertThat(ids).hasSize(coins.size());
        assertThat(BANK.coins(Bank.Purpose.MINT, transferId, issuedAtMs, PLN, distribution))
            .isEqualTo(coins);
        for (List<Coin> other : List.of(
            BANK.coins(Bank.Purpose.EXCHANGE, transferId, issuedAtMs, PLN, distribution),
            BANK.coins(Bank.Purpose.MINT, transferId + "x", issuedAtMs, PLN, distribution),
            BANK.coins(Bank.Purpose.MINT, transferId, issuedAtMs + 1, PLN, distribution))) {
            assertThat(other.stream().map(Coin::id)).doesNotContainAnyElementsOf(ids);
        }
    }

    @Test
    void signedCoinsVerifyWithTheBanksKeyOnly() {
        List<Coin> coins = BANK.coins(Bank.Purpose.MINT, "t", 1_000,
            new CoinKind(Currency.PLN, 3), CoinDistribution.fewestCoins(8).distribution()
                .orElseThrow());
        KeyPair stranger = KeyPair.generate(new SecureRandom());
        for (Coin coin : coins) {
            var signed = BANK.signed(coin).signedCoin().orElseThrow();
            assertThat(signed.coin()).isEqualTo(coin);
            assertThat(signed.verifiedBy(BANK.publicKey())).isTrue();
            assertThat(signed.verifiedBy(stranger.publicKey())).isFalse();
            assertThat(BANK.signed(coin)).as("deterministic").isEqualTo(BANK.signed(coin));
        }
        assertThatThrownBy(() -> BANK.coins(Bank.Purpose.MINT, "t", 1_000, PLN,
            CoinDistribution.fromText(1_001, "1001").distribution().orElseThrow()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bank(KeyPair.generate(new SecureRandom()), 0, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
