package cnode.payment;

/**
 * The time and rate limits of payments, from the command line (contract §2). Validated here
 * once, at start-up.
 *
 * @param decisionTimeoutMs      how long the other user may take to decide
 *                               ({@code --decision-timeout})
 * @param searchTimeoutMs        how long a user is looked for before
 *                               FINISHED_ERR_USER_NOT_FOUND ({@code --search-timeout})
 * @param verificationTimeoutMs  how long a prepared swap waits for the receiving side's
 *                               confirmation ({@code --verification-timeout})
 * @param requestsPerUserPerMinute  requests to one user per minute
 *                               ({@code --rate-limit-per-user})
 * @param inFlightMax            outgoing transfers under way at once ({@code --in-flight-max})
 */
public record PaymentPolicy(long decisionTimeoutMs, long searchTimeoutMs,
                            long verificationTimeoutMs, int requestsPerUserPerMinute,
                            int inFlightMax) {
    public PaymentPolicy {
        if (decisionTimeoutMs <= 0 || searchTimeoutMs <= 0 || verificationTimeoutMs <= 0
            || requestsPerUserPerMinute <= 0 || inFlightMax <= 0) {
            throw new IllegalArgumentException("payment limits must be positive");
        }
    }

    /** The contract's defaults: 10 min, 30 s, 30 s, 20 per minute, 256. */
    public static PaymentPolicy defaults() {
        return new PaymentPolicy(600_000, 30_000, 30_000, 20, 256);
    }
}
