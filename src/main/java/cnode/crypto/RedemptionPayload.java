package cnode.crypto;

import java.util.List;
import java.util.Objects;

/**
 * What a user signs to redeem coins (tag {@code cnode/redemption/v1}): the coins leave
 * circulation and the bank pays {@code amount} of {@code currency} out to the bank account.
 * The bank verifies the signature against the user's key in the directory before anything
 * changes.
 *
 * <p>The fields, in the order they are written (docs/SIGNATURES.md): transferId, user,
 * currency, colour, amount, coin ids (sorted), account. The account is signed in its electronic
 * IBAN form (no spaces, upper case; a Polish NRB as {@code PL} + its 26 digits), so the printed
 * and electronic forms, or an NRB and its IBAN, sign the same bytes. The transfer id is signed,
 * so a signature cannot be replayed under another id; a redeemed coin never comes back, so
 * replaying the same request later pays nothing. Immutable.
 *
 * @param transferId the client-chosen id that makes the redemption idempotent
 * @param user the owner of the coins
 * @param currency the currency code of every coin
 * @param colour the colour of every coin
 * @param amount billons: the worth of the coins, which is paid out
 * @param coinIds the coins to redeem; a set: the order they are listed in does not matter
 * @param account the bank account paid, in electronic IBAN form
 */
public record RedemptionPayload(
        String transferId, String user, String currency, long colour, long amount,
        List<String> coinIds, String account) {

    public RedemptionPayload {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(currency, "currency");
        coinIds = List.copyOf(coinIds);
        Objects.requireNonNull(account, "account");
    }

    /** The canonical bytes the user signs. */
    public byte[] bytes() {
        return new CanonicalWriter(DomainTag.REDEMPTION)
            .text(transferId)
            .text(user)
            .text(currency)
            .number(colour)
            .number(amount)
            .sortedTexts(coinIds)
            .text(account)
            .toBytes();
    }
}
