package cnode.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An Ed25519 key pair: a user's (made at registration) or the bank's. The public key is always
 * the one derived from the private key. Immutable; its {@code toString} shows the public key
 * only.
 *
 * @param publicKey the key others verify with
 * @param privateKey the key that signs
 */
public record KeyPair(PublicKey publicKey, PrivateKey privateKey) {

    public KeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!privateKey.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException("the public key is not the private key's");
        }
    }

    /** A new key pair from {@code random}, which the caller owns (a test passes a seeded one). */
    public static KeyPair generate(SecureRandom random) {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return of(PrivateKey.generated((Ed25519PrivateKeyParameters) pair.getPrivate()));
    }

    /** The pair of {@code privateKey} and the public key derived from it. */
    public static KeyPair of(PrivateKey privateKey) {
        return new KeyPair(privateKey.publicKey(), privateKey);
    }

    /** Signs with the private key. */
    public Signature sign(byte[] message) {
        return privateKey.sign(message);
    }
}
