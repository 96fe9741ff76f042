package cnode.colony.server;

import cnode.colony.UserRegistered;

/**
 * The sentences that go with the directory's registration refusals ({@code 400}, named as
 * {@link UserRegistered.Outcome} names them). Stateless.
 */
final class RegisterRefusals {
    private RegisterRefusals() {}

    static String message(UserRegistered.Outcome outcome) {
        return switch (outcome) {
            case USERNAME_INVALID -> "The username breaks the rule.";
            case PASSWORD_HASH_INVALID -> "The password could not be stored.";
            case PUBLIC_KEY_INVALID -> "publicKey is not 32 bytes.";
            case KEY_BLOB_MISSING -> "keyBlob is empty.";
            case KEY_BLOB_TOO_LARGE -> "keyBlob is larger than the directory keeps.";
            case MERCHANT_DATA_TOO_LONG -> "merchantData is longer than the directory keeps.";
            case MERCHANT_DATA_WITHOUT_MERCHANT -> "merchantData is only for a merchant"
                + " (merchant true).";
            case MERCHANT_DATA_NOT_AN_OBJECT -> "merchantData is not one JSON object.";
            case AR_CHOICE_UNKNOWN -> "arChoice is not one of the colony's clearing agents.";
            case IPE_CHOICE_UNKNOWN -> "ipeChoice is not one of the colony's e-money issuers.";
            case TOO_MANY_EMAILS -> "recoveryEmails lists more addresses than the colony keeps.";
            case EMAIL_INVALID -> "A recovery e-mail is not of the form local@domain.tld.";
            case USERNAME_TAKEN -> "Another user has the name.";
            case DIRECTORY_FULL -> "The directory is full.";
            case REGISTERED -> throw new IllegalArgumentException("REGISTERED is no refusal");
        };
    }
}
