package cnode.crypto;

import java.util.List;
import java.util.Objects;

/**
 * The terms of one move of coins between a user's wallet and vault, as the owner signs them
 * (tag {@code cnode/vault/v1}); the colony verifies the signature against the directory's key
 * of the owner before it hands the move to the registry. The owner never changes, only where
 * the coins are kept.
 *
 * <p>The fields, in the order they are written (docs/SIGNATURES.md): transferId, user, to,
 * coin ids (sorted), expiresAtMs. Coin ids are a set: the order the caller lists them in does
 * not change the bytes. {@code expiresAtMs} bounds a replay: the colony refuses the signature
 * from that instant on, and accepts it only for as long as it remembers the transfer id, so a
 * copy of a signed move can never move the coins a second time. Immutable.
 *
 * @param transferId the client-chosen id that makes the move idempotent
 * @param user the owner of the coins
 * @param to where the coins go: {@code VAULT} (from the wallet) or {@code WALLET} (back)
 * @param coinIds the coins that move
 * @param expiresAtMs from this instant the signature must not be accepted, epoch milliseconds
 */
public record VaultPayload(String transferId, String user, String to, List<String> coinIds,
                           long expiresAtMs) {
    /** The most coin ids one move names. */
    public static final int COIN_IDS_MAX = SwapPayload.COIN_IDS_MAX;

    public VaultPayload {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(to, "to");
        coinIds = List.copyOf(coinIds);
        if (coinIds.size() > COIN_IDS_MAX) {
            throw new IllegalArgumentException("over " + COIN_IDS_MAX + " coins in one move");
        }
    }

    /** The canonical bytes the owner signs. */
    public byte[] bytes() {
        return new CanonicalWriter(DomainTag.VAULT)
            .text(transferId)
            .text(user)
            .text(to)
            .sortedTexts(coinIds)
            .number(expiresAtMs)
            .toBytes();
    }
}
