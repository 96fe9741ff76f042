package cnode.colony;

/**
 * What the login edge needs of a user and nobody else may see: the stored password hash (to
 * verify a password off the writer thread), the encrypted private key blob and the mpin (handed
 * to the user's node after a good login, or to {@code getMpin}). {@link #toString()} prints
 * none of them. Immutable.
 *
 * @param username     the user
 * @param passwordHash the hash as the edge encoded it at registration
 * @param keyBlob      the private key, encrypted under the user's password
 * @param mpin         the machine PIN
 */
public record UserSecrets(String username, String passwordHash, UserBytes keyBlob, String mpin) {
    @Override
    public String toString() {
        return "UserSecrets[username=" + username + "]";
    }
}
