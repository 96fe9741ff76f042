package cnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Stored passwords: round trip, wrong passwords, a fresh salt per hash, the self-describing
 * stored form, and the refusal of stored strings this class did not write. Tests run at the
 * lowest accepted iteration count so they stay fast.
 */
final class PasswordHashTest {
    private static final int FAST = Pbkdf2.ITERATIONS_MIN;
    private final SecureRandom random = Ed25519Test.seeded(11);

    @Test
    void theRightPasswordMatchesAndNoOtherDoes() {
        PasswordHash hash = PasswordHash.create("correct horse", random, FAST);

        assertThat(hash.matches("correct horse")).isTrue();
        for (String wrong : new String[] {"correct hors", "correct horse ", "Correct horse", "",
            "correct horsę"}) {
            assertThat(hash.matches(wrong)).as(wrong).isFalse();
        }
        assertThat(hash.matches(null)).isFalse();
        assertThat(hash.matches("x".repeat(Pbkdf2.PASSWORD_CHARS_MAX + 1))).isFalse();
    }

    @Test
    void theStoredFormDescribesItselfAndRoundTrips() {
        PasswordHash hash = PasswordHash.create("pässwörd ✓", random, 1234);
        String stored = hash.encoded();

        assertThat(stored).matches("pbkdf2-sha256\\$1234\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}");
        PasswordHash read = PasswordHash.parse(stored);
        assertThat(read).isEqualTo(hash);
        assertThat(read.iterations()).isEqualTo(1234);
        assertThat(read.matches("pässwörd ✓")).isTrue();
        assertThat(read.toString()).doesNotContain(stored.substring(stored.lastIndexOf('$')));
    }

    @Test
    void eachHashHasItsOwnSalt() {
        PasswordHash first = PasswordHash.create("same", random, FAST);
        PasswordHash second = PasswordHash.create("same", random, FAST);

        assertThat(first.encoded()).isNotEqualTo(second.encoded());
        assertThat(first.matches("same")).isTrue();
        assertThat(second.matches("same")).isTrue();
    }

    @Test
    void theHashIsPbkdf2HmacSha256() {
        // The widely published PBKDF2-HMAC-SHA256 vector: "password", "salt", 4096 iterations.
        byte[] expected = HexFormat.of().parseHex(
            "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
        assertThat(Pbkdf2.derive("password", "salt".getBytes(), 4096, 32)).isEqualTo(expected);
    }

    @Test
    void storedStringsThisClassDidNotWriteAreRefused() {
        String good = PasswordHash.create("pw", random, FAST).encoded();
        String[] parts = good.split("\\$");
        for (String bad : new String[] {"", "pbkdf2-sha256", good + "$", "$" + good,
            good.replace("pbkdf2-sha256", "pbkdf2-sha512"),
            good.replace("$" + FAST + "$", "$0" + FAST + "$"),
            good.replace("$" + FAST + "$", "$999$"),
            good.replace("$" + FAST + "$", "$10000001$"),
            good.replace("$" + FAST + "$", "$-1000$"),
            parts[0] + "$" + parts[1] + "$" + parts[2] + "A$" + parts[3],
            parts[0] + "$" + parts[1] + "$" + parts[2] + "$" + parts[3] + "=",
            parts[0] + "$" + parts[1] + "$" + parts[2] + "$" + parts[3].substring(1)}) {
            assertThatThrownBy(() -> PasswordHash.parse(bad)).as(bad)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed password hash");
        }
    }

    @Test
    void creatingOutsideTheBoundsIsABug() {
        assertThatThrownBy(() -> PasswordHash.create("pw", random, FAST - 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.create("pw", random, Pbkdf2.ITERATIONS_MAX + 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.create(
            "x".repeat(Pbkdf2.PASSWORD_CHARS_MAX + 1), random, FAST))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(Pbkdf2.acceptable(Pbkdf2.ITERATIONS_DEFAULT)).isTrue();
    }
}
