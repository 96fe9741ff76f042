package cnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Ed25519 through BouncyCastle's lightweight API: the RFC 8032 §7.1 test vectors 1 to 3, and
 * that any change to the message, the signature or the key makes verification fail; the key
 * and signature types (copies, equality, text forms, a private key that never prints).
 */
final class Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 §7.1, TEST 1 to 3: secret key, public key, message, signature. */
    private static final List<String[]> RFC_8032 = List.of(
        new String[] {
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        new String[] {
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        new String[] {
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"});

    @Test
    void rfc8032VectorsSignAndVerify() {
        for (String[] vector : RFC_8032) {
            PrivateKey key = PrivateKey.of(HEX.parseHex(vector[0]));
            byte[] message = HEX.parseHex(vector[2]);
            Signature expected = new Signature(HEX.parseHex(vector[3]));

            assertThat(HEX.formatHex(key.publicKey().bytes())).isEqualTo(vector[1]);
            assertThat(key.sign(message)).isEqualTo(expected);
            PublicKey published = PublicKey.of(HEX.parseHex(vector[1]));
            assertThat(published.verifies(message, expected)).isTrue();
        }
    }

    @Test
    void rfc8032SignaturesFailOnAnyOtherMessageOrKey() {
        for (int i = 0; i < RFC_8032.size(); i++) {
            String[] vector = RFC_8032.get(i);
            PublicKey key = PublicKey.of(HEX.parseHex(vector[1]));
            PublicKey otherKey = PublicKey.of(HEX.parseHex(RFC_8032.get((i + 1) % 3)[1]));
            byte[] message = HEX.parseHex(vector[2]);
            Signature signature = new Signature(HEX.parseHex(vector[3]));

            byte[] longer = HEX.parseHex(vector[2] + "00");
            assertThat(key.verifies(longer, signature)).isFalse();
            assertThat(otherKey.verifies(message, signature)).isFalse();
        }
    }

    @Property(tries = 200)
    void anyChangedBitOfMessageSignatureOrKeyFails(
            @ForAll @Size(min = 1, max = 200) byte[] message, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 1 << 16) int flip) {
        KeyPair pair = KeyPair.generate(seeded(seed));
        Signature signature = pair.sign(message);
        assertThat(pair.publicKey().verifies(message, signature)).isTrue();

        byte[] badMessage = message.clone();
        badMessage[flip % message.length] ^= (byte) (1 << (flip % 8));
        assertThat(pair.publicKey().verifies(badMessage, signature)).isFalse();

        byte[] badSignature = signature.bytes();
        badSignature[flip % Signature.LENGTH] ^= (byte) (1 << (flip % 8));
        assertThat(pair.publicKey().verifies(message, new Signature(badSignature))).isFalse();

        byte[] badKey = pair.publicKey().bytes();
        badKey[flip % PublicKey.LENGTH] ^= (byte) (1 << (flip % 8));
        PublicKey.parse(Base64Url.encode(badKey)).ifPresent(other ->
            assertThat(other.verifies(message, signature)).isFalse());
    }

    @Test
    void generationUsesTheRandomItIsGiven() {
        KeyPair first = KeyPair.generate(seeded(7));
        KeyPair again = KeyPair.generate(seeded(7));
        KeyPair other = KeyPair.generate(seeded(8));

        assertThat(again).isEqualTo(first);
        assertThat(other.publicKey()).isNotEqualTo(first.publicKey());
        assertThat(other.privateKey()).isNotEqualTo(first.privateKey());
        assertThat(KeyPair.of(first.privateKey())).isEqualTo(first);
        assertThatThrownBy(() -> new KeyPair(other.publicKey(), first.privateKey()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAndSignaturesCopyTheirBytes() {
        KeyPair pair = KeyPair.generate(seeded(1));
        byte[] publicBytes = pair.publicKey().bytes();
        publicBytes[0] ^= 1;
        assertThat(pair.publicKey().bytes()).isNotEqualTo(publicBytes);

        byte[] privateBytes = pair.privateKey().bytes();
        privateBytes[0] ^= 1;
        assertThat(pair.privateKey().bytes()).isNotEqualTo(privateBytes);

        byte[] raw = pair.sign(new byte[] {1}).bytes();
        Signature signature = new Signature(raw);
        raw[0] ^= 1;
        assertThat(signature.bytes()).isNotEqualTo(raw);
        assertThat(pair.publicKey().verifies(new byte[] {1}, signature)).isTrue();
    }

    @Test
    void textFormsRoundTripAndAreStrict() {
        KeyPair pair = KeyPair.generate(seeded(2));
        Signature signature = pair.sign(new byte[] {42});

        assertThat(pair.publicKey().text()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(signature.text()).hasSize(86).matches("[A-Za-z0-9_-]+");
        assertThat(PublicKey.parse(pair.publicKey().text())).contains(pair.publicKey());
        assertThat(Signature.parse(signature.text())).contains(signature);

        String key = pair.publicKey().text();
        for (String bad : new String[] {null, "", key + "=", key.substring(1), key + "A",
            key.replace(key.charAt(5), '+'), " " + key.substring(1), key.substring(0, 42) + "B"}) {
            assertThat(PublicKey.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
        assertThat(Signature.parse(signature.text() + "==")).isEmpty();
        assertThat(Signature.parse(pair.publicKey().text())).isEmpty();
    }

    @Test
    void bytesThatAreNoPointAreNoPublicKey() {
        // About half of all y coordinates have no x on the curve; find one among small y.
        byte[] found = null;
        for (int y = 2; y < 64 && found == null; y++) {
            byte[] candidate = new byte[PublicKey.LENGTH];
            candidate[0] = (byte) y;
            if (PublicKey.parse(Base64Url.encode(candidate)).isEmpty()) {
                found = candidate;
            }
        }
        assertThat(found).isNotNull();
        byte[] notAPoint = found;
        assertThatThrownBy(() -> PublicKey.of(notAPoint))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicKey.of(new byte[31]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrivateKey.of(new byte[33]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Signature(new byte[63]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrivateKeyNeverPrints() {
        KeyPair pair = KeyPair.generate(seeded(3));
        String seedText = Base64Url.encode(pair.privateKey().bytes());
        String seedHex = HEX.formatHex(pair.privateKey().bytes());

        for (String printed : List.of(pair.privateKey().toString(), pair.toString())) {
            assertThat(printed).doesNotContain(seedText).doesNotContain(seedHex)
                .contains(pair.publicKey().text());
        }
        assertThat(pair.privateKey().hashCode()).isEqualTo(pair.publicKey().hashCode());
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
