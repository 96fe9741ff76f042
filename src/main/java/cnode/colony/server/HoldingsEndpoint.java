package cnode.colony.server;

import cnode.colony.CoinPage;
import cnode.colony.CoinRow;
import cnode.colony.client.ColonyVault;
import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.ColonyVault.HoldingsReply;
import cnode.colony.client.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/users/{user}/holdings}: the coins a user owns, free, reserved and in the
 * vault, in id order, one page at a time (query {@code limit}, 1 to 10 000, default 10 000;
 * {@code after}, a coin id). Read with the user's own session ({@link SessionCheck}). A page
 * limit out of range is {@code 400 BAD_QUERY}. The registry reads as of now: a coin held by a
 * swap past its expiry reads free. The writer thread reads only the page's coins (the registry
 * keeps each owner's ids in order); turning rows into the reply happens off it. Each page
 * carries the version of the user's coins, read in the same writer call as the page, for
 * {@link HoldingsChangesEndpoint}. Immutable; any thread.
 */
final class HoldingsEndpoint implements Endpoint<NoBody, HoldingsReply> {
    /** A page and the version it was read at, from one writer call. */
    private record Read(CoinPage page, String version) {}

    private final WriterLink link;

    HoldingsEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public Set<String> queryNames() {
        return Set.of("after", "limit");
    }

    @Override
    public CompletionStage<Outcome<HoldingsReply>> handle(NoBody request, Call call) {
        String user = call.pathParam("user");
        Integer limit = Pages.limit(call, ColonyVault.COINS_PAGE_MAX);
        if (limit == null) {
            return Pages.badLimit(ColonyVault.COINS_PAGE_MAX);
        }
        String after = call.query("after").orElse("");
        return link.askAsOwner(call, user, (state, owner, nowMs) -> Outcome.ok(new Read(
                state.registry().holdingsPage(owner, after, limit, nowMs),
                state.registry().holdingsVersion(owner))))
            .thenApply(outcome -> WriterLink.chain(outcome, read -> Outcome.ok(
                new HoldingsReply(views(read.page().coins()), read.page().next(),
                    read.version()))));
    }

    /** The rows as the wire shows them, in their order. */
    static List<CoinView> views(List<CoinRow> rows) {
        List<CoinView> coins = new ArrayList<>(rows.size());
        for (CoinRow row : rows) {
            coins.add(new CoinView(row.id(), row.faceValue(), row.coin().currency().code(),
                row.coin().colour(), row.coin().issuedAtMs(), row.coin().expiresAtMs(),
                row.place().name(), row.reservedBy()));
        }
        return coins;
    }
}
