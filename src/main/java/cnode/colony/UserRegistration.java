package cnode.colony;

import java.util.List;

/**
 * What a new user hands the directory at registration, before any check (the checks and their
 * order are {@link Directory#register}'s). Nulls are read as empty, so that a missing field
 * becomes a named refusal and never an exception: a null string is {@code ""}, null bytes are
 * {@link UserBytes#EMPTY}, a null list is empty and a null e-mail in it is {@code ""}.
 * {@link #toString()} leaves out the password hash and the e-mails. Immutable.
 *
 * @param username       the wanted name ({@link Username})
 * @param passwordHash   the password hash encoded by the edge (PBKDF2-HMAC-SHA256 with its salt
 *                       and parameters); opaque to the directory
 * @param publicKey      the user's Ed25519 public key, 32 bytes
 * @param keyBlob        the user's private key, encrypted by the node; opaque, bounded
 * @param merchant       whether the user is a merchant (an acceptant)
 * @param merchantJson   a merchant's data as one JSON object (empty for none); the edge puts
 *                       the fields of contract §3 in it ({@code publicProfileJson},
 *                       {@code invoiceDataJson}, {@code financialAccountJson}, {@code logo})
 * @param arChoice       the clearing agent, one of the configured names; empty for the default
 * @param ipeChoice      the e-money issuer, one of the configured names; empty for the default
 * @param recoveryEmails the recovery e-mail addresses, possibly none; the edge leaves out the
 *                       empty ones of {@code startRegister}
 */
public record UserRegistration(String username, String passwordHash, UserBytes publicKey,
                               UserBytes keyBlob, boolean merchant, String merchantJson,
                               String arChoice, String ipeChoice, List<String> recoveryEmails) {
    public UserRegistration {
        username = orEmpty(username);
        passwordHash = orEmpty(passwordHash);
        publicKey = publicKey == null ? UserBytes.EMPTY : publicKey;
        keyBlob = keyBlob == null ? UserBytes.EMPTY : keyBlob;
        merchantJson = orEmpty(merchantJson);
        arChoice = orEmpty(arChoice);
        ipeChoice = orEmpty(ipeChoice);
        recoveryEmails = recoveryEmails == null ? List.of()
            : recoveryEmails.stream().map(UserRegistration::orEmpty).toList();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    @Override
    public String toString() {
        return "UserRegistration[username=" + username + ", merchant=" + merchant
            + ", arChoice=" + arChoice + ", ipeChoice=" + ipeChoice + ", "
            + recoveryEmails.size() + " e-mails]";
    }
}
