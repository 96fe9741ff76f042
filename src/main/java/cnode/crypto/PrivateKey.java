package cnode.crypto;

import java.security.MessageDigest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 private key (RFC 8032): the 32-byte seed, with the public key derived from it at
 * construction. It has no text form and its {@code toString} never shows it: it leaves a
 * process only sealed in a {@link KeyBlob} (or, for the bank, in its own key file).
 *
 * <p>Not a record because it keeps BouncyCastle's key object and the derived public key, which
 * signing would otherwise recompute each time (a scalar multiplication, as dear as a
 * signature). Equality compares the seeds in constant time; the hash is that of the public
 * key, which reveals nothing secret. Immutable; safe to share between threads.
 */
public final class PrivateKey {
    /** Bytes in a private key (the seed). */
    public static final int LENGTH = 32;

    private final Ed25519PrivateKeyParameters key;
    private final PublicKey publicKey;

    private PrivateKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
        this.publicKey = PublicKey.derived(key.generatePublicKey());
    }

    /** The key whose seed is {@code seed}: exactly 32 bytes, else a bug. */
    public static PrivateKey of(byte[] seed) {
        if (seed == null || seed.length != LENGTH) {
            throw new IllegalArgumentException("a private key has " + LENGTH + " bytes");
        }
        return new PrivateKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** Wraps a key BouncyCastle generated. */
    static PrivateKey generated(Ed25519PrivateKeyParameters key) {
        return new PrivateKey(key);
    }

    /** This key's signature of {@code message} (pure Ed25519: deterministic, no context). */
    public Signature sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return new Signature(signer.generateSignature());
    }

    /** The public key that verifies this key's signatures. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The 32-byte seed (a copy): only to seal it in a {@link KeyBlob} or a key file. */
    public byte[] bytes() {
        return key.getEncoded();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrivateKey that
            && MessageDigest.isEqual(key.getEncoded(), that.key.getEncoded());
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    /** Names the public key only; the private key is never printed. */
    @Override
    public String toString() {
        return "PrivateKey[of " + publicKey.text() + "]";
    }
}
