package cnode.colony;

import java.util.List;
import java.util.Objects;

/**
 * One user as the directory keeps it and as the store writes it: the row of the persistence
 * seam ({@link Directory#drainChanges()}, {@link Directory#restore}). Users are never deleted.
 * {@link #toString()} leaves out the secrets (password hash, mpin, key blob) and the e-mails.
 * Immutable; changes make a new row.
 *
 * @param username       the name, unique ({@link Username})
 * @param passwordHash   the hash encoded by the edge; opaque
 * @param publicKey      the Ed25519 public key, 32 bytes
 * @param keyBlob        the encrypted private key; opaque
 * @param merchant       whether the user is a merchant
 * @param merchantJson   a merchant's data, one JSON object ({@code {}} when none was given)
 * @param arChoice       the clearing agent
 * @param ipeChoice      the e-money issuer
 * @param recoveryEmails recovery e-mail addresses, in the order given
 * @param mpin           the machine PIN ({@code getMpin}): 6 characters of {@code [0-9A-Z]}
 * @param lock           whether and why the user is locked
 * @param wrongPasswords wrong passwords given in a row since the last good login or unlock
 * @param limits         the user's money limits
 * @param registeredMs   when the user registered
 */
public record UserRow(String username, String passwordHash, UserBytes publicKey,
                      UserBytes keyBlob, boolean merchant, String merchantJson, String arChoice,
                      String ipeChoice, List<String> recoveryEmails, String mpin, UserLock lock,
                      int wrongPasswords, Limits limits, long registeredMs) {
    public UserRow {
        Objects.requireNonNull(username);
        Objects.requireNonNull(passwordHash);
        Objects.requireNonNull(publicKey);
        Objects.requireNonNull(keyBlob);
        Objects.requireNonNull(merchantJson);
        Objects.requireNonNull(arChoice);
        Objects.requireNonNull(ipeChoice);
        recoveryEmails = List.copyOf(recoveryEmails);
        Objects.requireNonNull(mpin);
        Objects.requireNonNull(lock);
        Objects.requireNonNull(limits);
        if (wrongPasswords < 0) {
            throw new IllegalArgumentException("wrong passwords are counted from zero");
        }
    }

    /** The same user with another lock state and count of wrong passwords. */
    UserRow withLock(UserLock newLock, int newWrongPasswords) {
        return new UserRow(username, passwordHash, publicKey, keyBlob, merchant, merchantJson,
            arChoice, ipeChoice, recoveryEmails, mpin, newLock, newWrongPasswords, limits,
            registeredMs);
    }

    /** The same user with other limits. */
    UserRow withLimits(Limits newLimits) {
        return new UserRow(username, passwordHash, publicKey, keyBlob, merchant, merchantJson,
            arChoice, ipeChoice, recoveryEmails, mpin, lock, wrongPasswords, newLimits,
            registeredMs);
    }

    public boolean locked() {
        return lock != UserLock.NONE;
    }

    /** What the registry sees of this user. */
    public Account account() {
        return new Account(username, locked(), merchant, limits);
    }

    @Override
    public String toString() {
        return "UserRow[username=" + username + ", merchant=" + merchant + ", lock=" + lock
            + ", wrongPasswords=" + wrongPasswords + ", limits=" + limits + ", registeredMs="
            + registeredMs + "]";
    }
}
