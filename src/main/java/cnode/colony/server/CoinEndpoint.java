package cnode.colony.server;

import cnode.colony.CoinRow;
import cnode.colony.client.CoinReply;
import cnode.colony.client.Outcome;
import cnode.colony.store.ColonyCommand;
import cnode.money.Coin;
import cnode.stdx.Ids;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/coins/{id}}: a live coin's six facts and the bank's signature of them, so a
 * node can verify a coin it is offered ({@code GET /v1/bank/key}). No token. Who owns the coin
 * and where it is kept are not shown: they are the registry's business, and a coin id would
 * otherwise tell anyone who holds it. A coin redeemed or exchanged is no longer live. Guards:
 * {@code BAD_COIN_ID}, then {@code COIN_UNKNOWN}. The read goes through the writer, so it sees
 * only committed coins. Stateless; any thread.
 */
final class CoinEndpoint implements Endpoint<NoBody, CoinReply> {
    private static final Pattern ID = Pattern.compile("[0-9A-Z]{" + Ids.LENGTH + "}");

    private final WriterLink link;
    private final Bank bank;

    CoinEndpoint(WriterLink link, Bank bank) {
        this.link = link;
        this.bank = bank;
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<CoinReply>> handle(NoBody request, Call call) {
        String id = call.pathParam("id");
        if (!ID.matcher(id).matches()) {
            return Endpoint.refuse(BankRefusals.of("BAD_COIN_ID"));
        }
        ColonyCommand<Optional<Coin>> lookup = (state, nowMs) ->
            state.registry().coin(id, nowMs).map(CoinRow::coin);
        return bank.submit(link, lookup, coin -> coin.isPresent()
            ? Outcome.ok(bank.signed(coin.get()))
            : Outcome.refused(BankRefusals.notFound("COIN_UNKNOWN", "No live coin has the id "
                + id + ".")));
    }
}
