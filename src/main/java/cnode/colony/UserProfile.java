package cnode.colony;

/**
 * A user's public information, as any node may read it (looking a counterparty up, verifying a
 * peer's handshake against its public key, {@code getMerchantData}, {@code fetchUserLocation}).
 * Immutable.
 *
 * @param username     the user
 * @param publicKey    the Ed25519 public key, 32 bytes
 * @param merchant     whether the user is a merchant
 * @param merchantJson the merchant's data, one JSON object ({@code {}} when none)
 * @param location     where the user's node is, judged at the time of the query
 */
public record UserProfile(String username, UserBytes publicKey, boolean merchant,
                          String merchantJson, UserLocation location) {
    public boolean online() {
        return location.online();
    }
}
