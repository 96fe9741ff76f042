package cnode.colony.server;

import cnode.colony.CoinBalance;
import cnode.colony.client.ColonyVault.BalanceView;
import cnode.colony.client.ColonyVault.BalancesReply;
import cnode.colony.client.Outcome;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/users/{user}/balances}: a user's money of each kind (currency and colour),
 * free, locked by prepared swaps, in the vault and expired, read with the user's own session
 * ({@link SessionCheck}). A user without coins has an empty list. Immutable; any thread.
 */
final class BalancesEndpoint implements Endpoint<NoBody, BalancesReply> {
    private final WriterLink link;

    BalancesEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<BalancesReply>> handle(NoBody request, Call call) {
        String user = call.pathParam("user");
        return link.askAsOwner(call, user, (state, owner, nowMs) -> Outcome.ok(
            new BalancesReply(owner, views(state.registry().balances(owner, nowMs)))));
    }

    private static List<BalanceView> views(List<CoinBalance> balances) {
        return balances.stream().map(balance -> new BalanceView(
            balance.kind().currency().code(), balance.kind().colour(), balance.freeBillons(),
            balance.lockedBillons(), balance.vaultBillons(), balance.expiredBillons())).toList();
    }
}
