package cnode.colony.server;

import cnode.colony.HoldingsChanges;
import cnode.colony.HoldingsChangesResult;
import cnode.colony.client.ColonyVault;
import cnode.colony.client.ColonyVault.HoldingsChangesReply;
import cnode.colony.client.Outcome;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/users/{user}/holdings/changes?since=VERSION&limit=N}: what changed in a user's
 * coins since a version (the {@code version} of a holdings page, or of an earlier answer), so
 * a node keeps its copy current without reading every coin again. At most {@code limit}
 * changes (1 to 10 000, default 10 000), each coin once: the coins the user has, as they read
 * now, and the ids of those that left. Read with the user's own session ({@link SessionCheck}).
 * A limit out of range, or no {@code since}, is {@code 400 BAD_QUERY}; a version the registry
 * cannot answer (malformed, from before the colony started, or older than its log remembers)
 * is {@code 410 CHANGES_GONE}: the node reads every page again. The writer thread reads only
 * the changes listed. Immutable; any thread.
 */
final class HoldingsChangesEndpoint implements Endpoint<NoBody, HoldingsChangesReply> {
    private final WriterLink link;

    HoldingsChangesEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public Set<String> queryNames() {
        return Set.of("since", "limit");
    }

    @Override
    public CompletionStage<Outcome<HoldingsChangesReply>> handle(NoBody request, Call call) {
        String user = call.pathParam("user");
        Integer limit = Pages.limit(call, ColonyVault.COINS_PAGE_MAX);
        if (limit == null) {
            return Pages.badLimit(ColonyVault.COINS_PAGE_MAX);
        }
        String since = call.query("since").orElse("");
        if (since.isEmpty()) {
            return Endpoint.answer(Refused.badQuery("since must be the version of a holdings"
                + " page or of an earlier answer."));
        }
        return link.askAsOwner(call, user, (state, owner, nowMs) ->
                Outcome.ok(state.registry().holdingsChanges(owner, since, limit, nowMs)))
            .thenApply(outcome -> WriterLink.chain(outcome, HoldingsChangesEndpoint::reply));
    }

    private static Outcome<HoldingsChangesReply> reply(HoldingsChanges changes) {
        if (changes.result() == HoldingsChangesResult.CHANGES_GONE) {
            return Outcome.refused(410, "CHANGES_GONE", "The colony cannot tell what changed"
                + " since this version (it restarted, or forgot that far back); read the"
                + " holdings again from the first page.");
        }
        return Outcome.ok(new HoldingsChangesReply(HoldingsEndpoint.views(changes.coins()),
            changes.gone(), changes.version(), changes.more()));
    }
}
