package cnode.colony;

import java.util.List;
import java.util.Objects;

/**
 * A request to take a user's coins out of circulation: the bank pays their worth to the
 * user's bank account. The edge has checked the user's signature and the account number (IBAN
 * or NRB checksum); the registry only retires the coins. Immutable.
 *
 * @param transferId the client-chosen id that makes the redemption idempotent
 * @param user the owner of the coins
 * @param coinIds the coins to redeem, all of one kind, from wallet or vault
 * @param payoutTo where the worth is paid (the account in electronic IBAN form), or empty:
 *     part of what a repeated transfer id must match, so that a retry naming another account
 *     is refused rather than answered with the first payout
 */
public record CoinRedeemOrder(String transferId, String user, List<String> coinIds,
                              String payoutTo) {

    public CoinRedeemOrder {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(payoutTo, "payoutTo");
        coinIds = List.copyOf(coinIds);
    }

    /** A redemption whose payout the caller does not name. */
    public CoinRedeemOrder(String transferId, String user, List<String> coinIds) {
        this(transferId, user, coinIds, "");
    }
}
