package cnode.colony;

/**
 * The answer to {@link Directory#register}: the outcome, the username's verdict (so the edge
 * can say what is wrong with a refused name) and, when registered, the user's new mpin.
 * {@link #toString()} leaves out the mpin. Immutable.
 *
 * @param outcome  how the registration ended
 * @param username the {@link Username} verdict on the name given
 * @param mpin     the generated mpin when {@link Outcome#REGISTERED}, else empty
 */
public record UserRegistered(Outcome outcome, Username.Verdict username, String mpin) {
    /**
     * How a registration ended. The refusals are listed in the order {@link Directory#register}
     * checks them: the first that applies is the answer.
     */
    public enum Outcome {
        /** The user now exists. */
        REGISTERED,
        /** The name breaks the {@link Username} rule ({@link #username()} says how). */
        USERNAME_INVALID,
        /** The password hash is empty, too long, or has characters outside printable ASCII. */
        PASSWORD_HASH_INVALID,
        /** The public key is not 32 bytes. */
        PUBLIC_KEY_INVALID,
        /** No private key blob. */
        KEY_BLOB_MISSING,
        /** The private key blob is longer than the configured maximum. */
        KEY_BLOB_TOO_LARGE,
        /** The merchant data is longer than the configured maximum. */
        MERCHANT_DATA_TOO_LONG,
        /** Merchant data given for a user who is not a merchant. */
        MERCHANT_DATA_WITHOUT_MERCHANT,
        /** The merchant data is not one well-formed JSON object. */
        MERCHANT_DATA_NOT_AN_OBJECT,
        /** The clearing agent is not in the configured list. */
        AR_CHOICE_UNKNOWN,
        /** The e-money issuer is not in the configured list. */
        IPE_CHOICE_UNKNOWN,
        /** More recovery e-mails than the configured maximum. */
        TOO_MANY_EMAILS,
        /** A recovery e-mail is not of the form local@domain.tld. */
        EMAIL_INVALID,
        /** Another user has the name. */
        USERNAME_TAKEN,
        /** The directory holds as many users as it is configured to. */
        DIRECTORY_FULL
    }

    public UserRegistered {
        if (outcome == null || username == null || mpin == null) {
            throw new IllegalArgumentException("a registration answer has every field");
        }
        if ((outcome == Outcome.REGISTERED) == mpin.isEmpty()) {
            throw new IllegalArgumentException("an mpin comes with, and only with, REGISTERED");
        }
    }

    /** A refusal: no mpin. */
    static UserRegistered refused(Outcome outcome, Username.Verdict username) {
        return new UserRegistered(outcome, username, "");
    }

    public boolean registered() {
        return outcome == Outcome.REGISTERED;
    }

    @Override
    public String toString() {
        return "UserRegistered[" + outcome + ", username=" + username + "]";
    }
}
