package cnode.money;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.crypto.KeyPair;
import cnode.crypto.Signature;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The bank's signature on a coin: it verifies with the bank's public key and with no other, and
 * fails as soon as any fact of the coin differs from what was signed; the canonical bytes are
 * equal for equal coins and differ when any field does.
 */
final class SignedCoinTest {
    private static final KeyPair BANK = KeyPair.generate(seeded(1));
    private static final KeyPair OTHER = KeyPair.generate(seeded(2));

    @Property(tries = 300)
    void aSignedCoinVerifiesAndFailsAfterAnyChange(
            @ForAll("coins") Coin coin, @ForAll @IntRange(min = 0, max = 5) int field) {
        SignedCoin signed = SignedCoin.issue(coin, BANK.privateKey());
        assertThat(signed.verifiedBy(BANK.publicKey())).isTrue();
        assertThat(signed.verifiedBy(OTHER.publicKey())).isFalse();

        Coin changed = changed(coin, field);
        assertThat(changed).isNotEqualTo(coin);
        assertThat(SignedCoin.canonicalBytes(changed))
            .isNotEqualTo(SignedCoin.canonicalBytes(coin));
        SignedCoin forged = new SignedCoin(changed, signed.bankSignature());
        assertThat(forged.verifiedBy(BANK.publicKey())).isFalse();
    }

    @Property(tries = 100)
    void equalCoinsHaveEqualBytesAndSignatures(@ForAll("coins") Coin coin) {
        Coin copy = new Coin(new String(coin.id().toCharArray()), coin.faceValue(),
            new Currency(coin.currency().code()), coin.colour(), coin.issuedAtMs(),
            coin.expiresAtMs());
        assertThat(SignedCoin.canonicalBytes(copy)).isEqualTo(SignedCoin.canonicalBytes(coin));
        assertThat(SignedCoin.issue(copy, BANK.privateKey()))
            .isEqualTo(SignedCoin.issue(coin, BANK.privateKey()));
    }

    @Test
    void theCoinBytesAreTheDocumentedOnes() {
        Coin coin = new Coin("0123456789ABCDEFGHIJKLMNOP", 2_000, Currency.PLN, 0,
            1_700_000_000_000L, 1_800_000_000_000L);
        String expected = "0000000d" + hex("cnode/coin/v1")
            + "0000001a" + hex("0123456789ABCDEFGHIJKLMNOP")
            + "00000000000007d0"
            + "00000003" + hex("PLN")
            + "0000000000000000"
            + "0000018bcfe56800"
            + "000001a3185c5000";
        assertThat(HexFormat.of().formatHex(SignedCoin.canonicalBytes(coin)))
            .isEqualTo(expected);
    }

    @Test
    void aBrokenSignatureFails() {
        Coin coin = new Coin("0123456789ABCDEFGHIJKLMNOP", 500, Currency.PLN, 0, 1, 2);
        byte[] bytes = SignedCoin.issue(coin, BANK.privateKey()).bankSignature().bytes();
        bytes[10] ^= 4;
        assertThat(new SignedCoin(coin, new Signature(bytes)).verifiedBy(BANK.publicKey()))
            .isFalse();
    }

    @Provide
    Arbitrary<Coin> coins() {
        Arbitrary<String> id = Arbitraries.strings().withChars("0123456789ABCDEFGHIJKLMNOPQRSTUV")
            .ofLength(26);
        Arbitrary<Long> face = Arbitraries.of(Denominations.faceValues());
        Arbitrary<Currency> currency = Arbitraries.of("PLN", "EUR", "GBP", "JPY", "USD")
            .map(Currency::new);
        Arbitrary<Long> colour = Arbitraries.longs().between(0, 1_000);
        Arbitrary<Long> issued = Arbitraries.longs().between(0, 4_000_000_000_000L);
        Arbitrary<Long> life = Arbitraries.longs().between(1, 10L * 365 * 86_400_000);
        return Combinators.combine(id, face, currency, colour, issued, life)
            .as((i, f, c, col, at, ms) -> new Coin(i, f, c, col, at, at + ms));
    }

    private static Coin changed(Coin c, int field) {
        return switch (field) {
            case 0 -> new Coin(otherId(c.id()), c.faceValue(), c.currency(), c.colour(),
                c.issuedAtMs(), c.expiresAtMs());
            case 1 -> new Coin(c.id(), otherFace(c.faceValue()), c.currency(), c.colour(),
                c.issuedAtMs(), c.expiresAtMs());
            case 2 -> new Coin(c.id(), c.faceValue(),
                c.currency().code().equals("EUR") ? Currency.PLN : new Currency("EUR"),
                c.colour(), c.issuedAtMs(), c.expiresAtMs());
            case 3 -> new Coin(c.id(), c.faceValue(), c.currency(), c.colour() + 1,
                c.issuedAtMs(), c.expiresAtMs());
            case 4 -> new Coin(c.id(), c.faceValue(), c.currency(), c.colour(),
                c.issuedAtMs() - 1, c.expiresAtMs());
            default -> new Coin(c.id(), c.faceValue(), c.currency(), c.colour(),
                c.issuedAtMs(), c.expiresAtMs() + 1);
        };
    }

    private static String otherId(String id) {
        char last = id.charAt(id.length() - 1);
        return id.substring(0, id.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static long otherFace(long face) {
        int index = Denominations.indexOf(face);
        return Denominations.faceValue((index + 1) % Denominations.COUNT);
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
