package cnode.colony.server;

import cnode.colony.Registry;
import cnode.colony.SwapRow;
import cnode.colony.SwapVoidResult;
import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/swaps/{transferId}/void}: ends a prepared swap without moving anything; its
 * coins are free again. Asked by a party of the swap with its session (either side may back
 * out before the commit). Answers the swap ({@code 200}) once it holds no coins: voided now or
 * before, or already {@code EXPIRED} (its expiry voided it: what the caller wanted); a
 * committed swap is {@code 409 ALREADY_COMMITTED}. Immutable; any thread.
 */
final class SwapVoidEndpoint implements Endpoint<NoBody, SwapReply> {
    private final WriterLink link;

    SwapVoidEndpoint(WriterLink link) {
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
            WriterLink.chain(SwapViews.ofParty(state.directory(), state.registry(), token,
                transferId, nowMs), swap -> voided(state.registry(), transferId, nowMs))))
            .thenApply(outcome -> WriterLink.chain(outcome,
                swap -> Outcome.ok(SwapViews.reply(swap))));
    }

    /** Voids and answers the swap as it now stands; writer thread. */
    private static Outcome<SwapRow> voided(Registry registry, String transferId, long nowMs) {
        SwapVoidResult result = registry.voidSwap(transferId, nowMs);
        return switch (result) {
            case VOIDED, EXPIRED -> Outcome.ok(registry.swap(transferId, nowMs).orElseThrow());
            case UNKNOWN_SWAP -> SwapViews.unknownSwap();
            case ALREADY_COMMITTED -> Outcome.refused(409, "ALREADY_COMMITTED", "The swap was"
                + " committed: past the point of no return, it cannot be voided.");
        };
    }
}
