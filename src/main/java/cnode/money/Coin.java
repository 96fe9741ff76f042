package cnode.money;

import cnode.stdx.Ids;

/**
 * The facts of one coin that the bank signs: its id, face value, currency, colour and the two
 * dates that bound its life. Who owns it and where it is kept are not facts of the coin; the
 * colony's registry records them. Immutable; validated on construction, so a {@code Coin} that
 * exists is well-formed (an expired one too: expiry is judged against a time by its holder).
 *
 * @param id 26 characters of {@code [0-9A-Z]}, unique in the registry
 * @param faceValue one of {@link Denominations#faceValues()}, in billons
 * @param currency the coin's currency
 * @param colour a sub-class of money, 0 for ordinary money; never negative
 * @param issuedAtMs when the bank issued it, epoch milliseconds
 * @param expiresAtMs from this instant on the coin is expired, epoch milliseconds
 */
public record Coin(
        String id, long faceValue, Currency currency, long colour, long issuedAtMs,
        long expiresAtMs) {

    public Coin {
        if (id == null || id.length() != Ids.LENGTH) {
            throw new IllegalArgumentException("coin id must have " + Ids.LENGTH + " characters");
        }
        if (!Denominations.isFaceValue(faceValue)) {
            throw new IllegalArgumentException("not a face value: " + faceValue);
        }
        if (currency == null || colour < 0) {
            throw new IllegalArgumentException("coin needs a currency and a colour >= 0");
        }
        if (expiresAtMs <= issuedAtMs) {
            throw new IllegalArgumentException("coin must expire after it is issued");
        }
    }

    /** Whether the coin is expired at {@code nowMs}: expired coins cannot move. */
    public boolean expiredAt(long nowMs) {
        return nowMs >= expiresAtMs;
    }
}
