package cnode.colony.server;

import cnode.colony.client.CurrenciesReply;
import cnode.colony.client.Outcome;
import cnode.money.Currency;
import cnode.money.Denominations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/currencies}: the currencies whose ratio the network knows (contract §5: PLN,
 * EUR, GBP, JPY, USD, each 1 000 billons to the unit) and the 21 face values. The answer never
 * changes, so it is built once. Immutable.
 */
final class CurrenciesEndpoint implements Endpoint<NoBody, CurrenciesReply> {
    /** Contract §5's list, in its order; each is checked against {@link Currency#rated()}. */
    private static final List<String> RATED = List.of("PLN", "EUR", "GBP", "JPY", "USD");

    private final CurrenciesReply reply;

    CurrenciesEndpoint() {
        List<CurrenciesReply.Rated> rated = new ArrayList<>();
        for (String code : RATED) {
            Currency currency = new Currency(code);
            if (!currency.rated()) {
                throw new IllegalStateException(code + " is not rated in cnode.money.Currency");
            }
            rated.add(new CurrenciesReply.Rated(code, Currency.BILLONS_PER_UNIT));
        }
        reply = new CurrenciesReply(rated, Denominations.faceValues());
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<CurrenciesReply>> handle(NoBody request, Call call) {
        return Endpoint.reply(reply);
    }
}
