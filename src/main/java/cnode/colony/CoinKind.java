package cnode.colony;

import cnode.money.Coin;
import cnode.money.Currency;
import java.util.Objects;

/**
 * A kind of money: a currency and a colour. Money of different kinds never mixes: a swap, a
 * redemption and an exchange each move one kind, and the conservation invariant (live coins =
 * issued - redeemed) holds per kind. Ordered by currency code, then colour, so rows and reports
 * come out in a stable order. Immutable.
 *
 * @param currency the currency
 * @param colour the sub-class of money, 0 for ordinary money; never negative
 */
public record CoinKind(Currency currency, long colour) implements Comparable<CoinKind> {

    public CoinKind {
        Objects.requireNonNull(currency, "currency");
        if (colour < 0) {
            throw new IllegalArgumentException("a colour is never negative");
        }
    }

    /** The kind of {@code coin}. */
    public static CoinKind of(Coin coin) {
        return new CoinKind(coin.currency(), coin.colour());
    }

    @Override
    public int compareTo(CoinKind other) {
        int byCurrency = currency.code().compareTo(other.currency.code());
        return byCurrency != 0 ? byCurrency : Long.compare(colour, other.colour);
    }

    @Override
    public String toString() {
        return currency.code() + "/" + colour;
    }
}
