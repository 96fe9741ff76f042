package cnode.colony.server;

import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/swaps/{transferId}}: a swap as it stands, for a party of it (the payee's node
 * confirms the coins before the payer commits; either side polls for the end). A prepared
 * swap past its expiry reads {@code EXPIRED} at once, before the writer's sweep. Immutable;
 * any thread.
 */
final class SwapReadEndpoint implements Endpoint<NoBody, SwapReply> {
    private final WriterLink link;

    SwapReadEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<SwapReply>> handle(NoBody request, Call call) {
        String transferId = call.pathParam("transferId");
        return WriterLink.then(SessionCheck.token(call), token -> link.ask((state, nowMs) ->
                SwapViews.ofParty(state.directory(), state.registry(), token, transferId, nowMs)))
            .thenApply(outcome -> WriterLink.chain(outcome,
                swap -> Outcome.ok(SwapViews.reply(swap))));
    }
}
