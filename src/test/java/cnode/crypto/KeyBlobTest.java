package cnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * A private key sealed under a password: it opens with the right username and password only,
 * any changed byte keeps it shut, wrong guesses are values and not exceptions, and the format is
 * the documented one. Tests seal at the lowest accepted iteration count.
 */
final class KeyBlobTest {
    private static final int FAST = Pbkdf2.ITERATIONS_MIN;
    private final SecureRandom random = Ed25519Test.seeded(21);
    private final PrivateKey key = KeyPair.generate(random).privateKey();

    @Test
    void itOpensWithTheRightUserAndPasswordOnly() {
        KeyBlob blob = KeyBlob.seal(key, "alice", "s3cret", random, FAST);

        assertThat(blob.open("alice", "s3cret")).contains(key);
        assertThat(blob.open("alice", "s3creT")).isEmpty();
        assertThat(blob.open("alice", "")).isEmpty();
        assertThat(blob.open("alicf", "s3cret")).isEmpty();
        assertThat(blob.open("bob", "s3cret")).isEmpty();
        assertThat(blob.open(null, "s3cret")).isEmpty();
        assertThat(blob.open("alice", null)).isEmpty();
        assertThat(blob.open("al\uD800ice", "s3cret")).isEmpty();
        assertThat(blob.open("alice", "x".repeat(Pbkdf2.PASSWORD_CHARS_MAX + 1))).isEmpty();
    }

    @Test
    void anyChangedByteKeepsItShut() {
        byte[] bytes = KeyBlob.seal(key, "alice", "s3cret", random, FAST).bytes();
        for (int i = 0; i < KeyBlob.LENGTH; i++) {
            // The high bits of the iteration count would only make the derivation slow (or be
            // refused as out of bounds); its lowest bit is changed like every other byte's.
            int[] flips = i >= 1 && i <= 4 ? new int[] {0x01} : new int[] {0x01, 0x80};
            for (int flip : flips) {
                byte[] tampered = bytes.clone();
                tampered[i] ^= (byte) flip;
                Optional<PrivateKey> opened = KeyBlob.parse(tampered)
                    .flatMap(blob -> blob.open("alice", "s3cret"));
                assertThat(opened).as("byte %d ^ %d", i, flip).isEmpty();
            }
        }
    }

    @Test
    void theFormatIsTheDocumentedOne() {
        KeyBlob blob = KeyBlob.seal(key, "alice", "s3cret", random, 1234);
        byte[] bytes = blob.bytes();

        assertThat(bytes).hasSize(81);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(1234);
        assertThat(blob.iterations()).isEqualTo(1234);
        assertThat(blob.text()).hasSize(108).matches("[A-Za-z0-9_-]+");
        assertThat(KeyBlob.parse(blob.text())).contains(blob);
        assertThat(KeyBlob.parse(blob.text()).flatMap(b -> b.open("alice", "s3cret")))
            .contains(key);
        assertThat(blob.toString()).doesNotContain(blob.text().substring(0, 20))
            .contains("1234");
    }

    @Test
    void sealingTwiceGivesDifferentBlobs() {
        KeyBlob first = KeyBlob.seal(key, "alice", "s3cret", random, FAST);
        KeyBlob second = KeyBlob.seal(key, "alice", "s3cret", random, FAST);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.open("alice", "s3cret")).contains(key);
        assertThat(second.open("alice", "s3cret")).contains(key);
    }

    @Test
    void onlyWellShapedBlobsParse() {
        byte[] bytes = KeyBlob.seal(key, "alice", "s3cret", random, FAST).bytes();
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 2;
        byte[] tooCheap = bytes.clone();
        ByteBuffer.wrap(tooCheap).putInt(1, Pbkdf2.ITERATIONS_MIN - 1);
        byte[] tooDear = bytes.clone();
        ByteBuffer.wrap(tooDear).putInt(1, Pbkdf2.ITERATIONS_MAX + 1);

        for (byte[] bad : new byte[][] {otherVersion, tooCheap, tooDear, new byte[80],
            new byte[82], new byte[0]}) {
            assertThat(KeyBlob.parse(bad)).isEmpty();
        }
        assertThat(KeyBlob.parse((byte[]) null)).isEmpty();
        assertThat(KeyBlob.parse((String) null)).isEmpty();
        assertThat(KeyBlob.parse("not a blob")).isEmpty();
    }

    @Test
    void sealingOutsideTheBoundsIsABug() {
        assertThatThrownBy(() -> KeyBlob.seal(key, "alice", "pw", random, FAST - 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyBlob.seal(key, "alice",
            "x".repeat(Pbkdf2.PASSWORD_CHARS_MAX + 1), random, FAST))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 40)
    void anyUserAndPasswordRoundTrip(
            @ForAll @StringLength(min = 4, max = 32) String username,
            @ForAll @StringLength(max = 64) String password) {
        Assume.that(CanonicalWriter.wellFormed(username));
        KeyBlob blob = KeyBlob.seal(key, username, password, random, FAST);
        assertThat(KeyBlob.parse(blob.text()).flatMap(b -> b.open(username, password)))
            .contains(key);
        assertThat(blob.open(username + "x", password)).isEmpty();
    }
}
