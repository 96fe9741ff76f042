package cnode.colony.client;

import cnode.crypto.PrivateKey;
import cnode.crypto.RedemptionPayload;
import cnode.money.BankAccount;
import java.util.List;

/**
 * The body of {@code POST /v1/bank/redemptions}: the user's coins, worth {@code billons}, leave
 * circulation and the bank pays them out to {@code account}. Signed by the user over
 * {@link #payload()} (docs/SIGNATURES.md, {@code cnode/redemption/v1}), in which the account is
 * in its electronic IBAN form. Immutable.
 *
 * @param transferId the client-chosen id: 1 to 64 characters of {@code [A-Za-z0-9._:-]}; the
 *     same request again gets the first answer
 * @param user the owner of the coins
 * @param currency the coins' currency
 * @param colour the coins' colour; absent means 0
 * @param billons the worth of the coins, positive
 * @param coinIds the coins, from wallet or vault, not expired
 * @param account an IBAN (printed or electronic) or a Polish NRB (26 digits, spaces allowed)
 * @param signature the user's Ed25519 signature of the payload, base64url
 */
public record RedemptionRequest(String transferId, String user, String currency,
                                @OptionalField Long colour, long billons, List<String> coinIds,
                                String account, String signature) {
    public RedemptionRequest {
        coinIds = List.copyOf(coinIds);
    }

    /** The request for {@code payload}, signed with {@code userKey}. */
    public static RedemptionRequest signed(RedemptionPayload payload, PrivateKey userKey) {
        return new RedemptionRequest(payload.transferId(), payload.user(), payload.currency(),
            payload.colour(), payload.amount(), payload.coinIds(), payload.account(),
            userKey.sign(payload.bytes()).text());
    }

    /**
     * What the user signs: every field but the signature, the account as its electronic IBAN
     * when it is one (else as sent, which the colony refuses anyway).
     */
    public RedemptionPayload payload() {
        BankAccount.Checked checked = BankAccount.parse(account);
        String iban = checked.account().map(BankAccount::iban).orElse(account);
        return new RedemptionPayload(transferId, user, currency, colour == null ? 0 : colour,
            billons, coinIds, iban);
    }
}
