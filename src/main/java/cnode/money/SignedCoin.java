package cnode.money;

import cnode.crypto.CanonicalWriter;
import cnode.crypto.DomainTag;
import cnode.crypto.PrivateKey;
import cnode.crypto.PublicKey;
import cnode.crypto.Signature;
import java.util.Objects;

/**
 * A coin with the bank's Ed25519 signature over its canonical bytes: the form in which a coin
 * enters the registry, which verifies it once there rather than on every hop. The signed bytes
 * (tag {@code cnode/coin/v1}, docs/SIGNATURES.md) are, in order: id, faceValue, currency code,
 * colour, issuedAtMs, expiresAtMs. A {@code SignedCoin} may hold a signature that does not
 * verify (one read from outside); {@link #verifiedBy} is the judgement. Immutable.
 *
 * @param coin the facts the bank signed
 * @param bankSignature the bank's signature of {@link #canonicalBytes(Coin)}
 */
public record SignedCoin(Coin coin, Signature bankSignature) {

    public SignedCoin {
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(bankSignature, "bankSignature");
    }

    /** The bank signs {@code coin} with its private key. */
    public static SignedCoin issue(Coin coin, PrivateKey bankKey) {
        return new SignedCoin(coin, bankKey.sign(canonicalBytes(coin)));
    }

    /** Whether the signature is {@code bankKey}'s over this coin's facts. */
    public boolean verifiedBy(PublicKey bankKey) {
        return bankKey.verifies(canonicalBytes(coin), bankSignature);
    }

    /** The bytes the bank signs for {@code coin}. */
    public static byte[] canonicalBytes(Coin coin) {
        return new CanonicalWriter(DomainTag.COIN)
            .text(coin.id())
            .number(coin.faceValue())
            .text(coin.currency().code())
            .number(coin.colour())
            .number(coin.issuedAtMs())
            .number(coin.expiresAtMs())
            .toBytes();
    }
}
