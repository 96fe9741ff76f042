package cnode.node;

import cnode.colony.client.ColonyUsers.MerchantDetails;
import cnode.colony.client.SessionToken;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;

/**
 * The user logged in on this node, as a login left it: the name, the key pair opened from the
 * sealed key with the password, the sealed key itself (so the node can check a password
 * offline by opening it again), the colony session, the mpin and the merchant's data.
 * Immutable; a new login makes a new value. {@link #toString()} shows only the name and the
 * role, never the session, the key or the mpin.
 *
 * @param merchantData  a merchant's data as the directory holds it; null for other users
 */
public record NodeUser(String username, KeyPair keys, KeyBlob keyBlob, SessionToken session,
                       String mpin, boolean merchant, MerchantDetails merchantData) {
    public NodeUser {
        if (username == null || keys == null || keyBlob == null || session == null
            || mpin == null) {
            throw new IllegalArgumentException("a logged-in user needs a name, keys, a sealed "
                + "key, a session and an mpin");
        }
    }

    /** Whether {@code password} is this user's: it opens the sealed key (one PBKDF2 run). */
    public boolean passwordMatches(String password) {
        return keyBlob.open(username, password).isPresent();
    }

    @Override
    public String toString() {
        return "NodeUser[" + username + (merchant ? ", merchant" : "") + "]";
    }
}
