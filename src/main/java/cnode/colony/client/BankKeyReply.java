package cnode.colony.client;

import cnode.crypto.PublicKey;
import java.util.Optional;

/**
 * The answer of {@code GET /v1/bank/key}: the bank's Ed25519 public key, which verifies every
 * coin the colony issues. Immutable.
 *
 * @param publicKey base64url without padding, 43 characters
 */
public record BankKeyReply(String publicKey) {
    /** The key, or empty when the text is not the canonical text of a key. */
    public Optional<PublicKey> key() {
        return PublicKey.parse(publicKey);
    }
}
