package cnode.colony.server;

import cnode.colony.Registry;
import cnode.colony.SwapCommitResult;
import cnode.colony.SwapRow;
import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/swaps/{transferId}/commit}: phase two, the point of no return: every coin
 * of the prepared swap changes owner, all or nothing. Asked by a party of the swap with its
 * session ({@link SwapViews#ofParty}); the payer's and payee's consent is already in the
 * signatures the prepare checked. Answers the swap ({@code 200}, also when it was committed
 * before), {@code 409 ALREADY_VOIDED} or {@code 409 EXPIRED} (nothing moved, ever). The check
 * of the caller and the commit are one writer command. Immutable; any thread.
 */
final class SwapCommitEndpoint implements Endpoint<NoBody, SwapReply> {
    private final WriterLink link;

    SwapCommitEndpoint(WriterLink link) {
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
                transferId, nowMs), swap -> committed(state.registry(), transferId, nowMs))))
            .thenApply(outcome -> WriterLink.chain(outcome,
                swap -> Outcome.ok(SwapViews.reply(swap))));
    }

    /** Commits and answers the swap as it now stands; writer thread. */
    private static Outcome<SwapRow> committed(Registry registry, String transferId,
                                              long nowMs) {
        SwapCommitResult result = registry.commit(transferId, nowMs);
        return switch (result) {
            case COMMITTED -> Outcome.ok(registry.swap(transferId, nowMs).orElseThrow());
            case UNKNOWN_SWAP -> SwapViews.unknownSwap();
            case ALREADY_VOIDED -> Outcome.refused(409, "ALREADY_VOIDED", "The swap was voided;"
                + " nothing moved and nothing will.");
            case EXPIRED -> Outcome.refused(409, "EXPIRED", "The swap reached its expiry"
                + " before a commit and was voided; nothing moved.");
        };
    }
}
