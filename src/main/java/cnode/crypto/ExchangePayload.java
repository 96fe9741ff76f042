package cnode.crypto;

import java.util.List;
import java.util.Objects;

/**
 * What a user signs to have the bank change coins (tag {@code cnode/exchange/v1}): the given
 * coins are redeemed and new coins worth exactly {@code amount}, split as
 * {@code changeMonexType} and {@code value} say ({@code changeMonexAtBnode}), are issued to the
 * same user. The same request re-issues expired coins. The bank verifies the signature against
 * the user's key in the directory before anything changes.
 *
 * <p>The fields, in the order they are written (docs/SIGNATURES.md): transferId, user,
 * currency, colour, amount, given coin ids (sorted), changeMonexType, value. The transfer id is
 * signed, so a signature cannot be replayed under another id; the given coins are signed, and
 * a coin once exchanged never comes back, so replaying the same request later changes nothing.
 * Immutable.
 *
 * @param transferId the client-chosen id that makes the exchange idempotent
 * @param user the owner of the given coins, who receives the new ones
 * @param currency the currency code of every coin, given and new
 * @param colour the colour of every coin, given and new
 * @param amount billons: the worth of the given coins, which the new coins are worth too
 * @param giveCoinIds the coins to give up; a set: the order they are listed in does not matter
 * @param changeMonexType {@code AMOUNT}, {@code HISTOGRAM} or {@code FACE_VALUE}
 * @param value the type's value: a formable amount, a curve's name or the counts, as sent
 */
public record ExchangePayload(
        String transferId, String user, String currency, long colour, long amount,
        List<String> giveCoinIds, String changeMonexType, String value) {

    public ExchangePayload {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(currency, "currency");
        giveCoinIds = List.copyOf(giveCoinIds);
        Objects.requireNonNull(changeMonexType, "changeMonexType");
        Objects.requireNonNull(value, "value");
    }

    /** The canonical bytes the user signs. */
    public byte[] bytes() {
        return new CanonicalWriter(DomainTag.EXCHANGE)
            .text(transferId)
            .text(user)
            .text(currency)
            .number(colour)
            .number(amount)
            .sortedTexts(giveCoinIds)
            .text(changeMonexType)
            .text(value)
            .toBytes();
    }
}
