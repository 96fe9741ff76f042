package cnode.colony.client;

import java.util.List;

/**
 * The answer of {@code GET /v1/currencies}: the currencies whose ratio the network knows and
 * the face values every currency's coins have. Immutable.
 *
 * @param currencies the rated currencies, in the contract's order
 * @param faceValues the 21 face values in billons, smallest first
 */
public record CurrenciesReply(List<Rated> currencies, List<Long> faceValues) {
    public CurrenciesReply {
        currencies = List.copyOf(currencies);
        faceValues = List.copyOf(faceValues);
    }

    /**
     * One rated currency.
     *
     * @param code three upper-case letters
     * @param billonsPerUnit billons in one unit of the currency (1 000)
     */
    public record Rated(String code, long billonsPerUnit) {}
}
