package cnode.colony.server;

import cnode.colony.Account;
import cnode.colony.CoinBalance;
import cnode.colony.Directory;
import cnode.colony.Limits;
import cnode.colony.Registry;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyAdmin.Balance;
import cnode.colony.client.ColonyAdmin.UserEntry;
import cnode.colony.client.ColonyAdmin.UserLimits;
import cnode.colony.client.ColonyAdmin.UsersReply;
import cnode.colony.client.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/admin/users} (no token, contract §2): users in name order, one page at a
 * time (query {@code limit}, 1 to 1 000, default 1 000; {@code after}, a username), each with
 * merchant flag, lock state, limits and money per currency: {@code wallet} (free, locked and
 * expired coins together) and {@code vault}. {@code next} is given when another page follows.
 * Immutable; any thread.
 */
final class AdminUsersEndpoint implements Endpoint<NoBody, UsersReply> {
    private final WriterLink link;

    AdminUsersEndpoint(WriterLink link) {
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
    public CompletionStage<Outcome<UsersReply>> handle(NoBody request, Call call) {
        Integer limit = Pages.limit(call, ColonyAdmin.USERS_PAGE_MAX);
        if (limit == null) {
            return Pages.badLimit(ColonyAdmin.USERS_PAGE_MAX);
        }
        String after = call.query("after").filter(name -> !name.isEmpty()).orElse(null);
        return link.read((state, nowMs) -> page(state.directory(), state.registry(), after,
                limit, nowMs))
            .thenApply(page -> Outcome.ok(reply(page)))
            .exceptionally(WriterLink::failure);
    }

    /** What one page holds, as the cores answer it. */
    private record Page(List<Account> accounts, List<List<CoinBalance>> balances,
                        boolean more) {}

    /** One page; writer thread, so plain reads only. */
    private static Page page(Directory directory, Registry registry, String after, int limit,
                             long nowMs) {
        List<Account> accounts = directory.accounts(after, limit);
        List<List<CoinBalance>> balances = new ArrayList<>(accounts.size());
        for (Account account : accounts) {
            balances.add(registry.balances(account.username(), nowMs));
        }
        boolean more = accounts.size() == limit
            && !directory.accounts(accounts.getLast().username(), 1).isEmpty();
        return new Page(accounts, balances, more);
    }

    private static UsersReply reply(Page page) {
        List<UserEntry> users = new ArrayList<>(page.accounts().size());
        for (int i = 0; i < page.accounts().size(); i++) {
            Account account = page.accounts().get(i);
            Limits limits = account.limits();
            users.add(new UserEntry(account.username(), account.merchant(), account.locked(),
                new UserLimits(limits.perTransfer(), limits.dailyOut(), limits.dailyIn(),
                    limits.balanceCap()), balances(page.balances().get(i))));
        }
        return new UsersReply(users, page.more() ? users.getLast().username() : null);
    }

    /** Per currency, every colour summed: the wallet's coins and the vault's. */
    private static List<Balance> balances(List<CoinBalance> kinds) {
        Map<String, long[]> sums = new TreeMap<>();
        for (CoinBalance kind : kinds) {
            long[] sum = sums.computeIfAbsent(kind.kind().currency().code(), code -> new long[2]);
            long wallet = Math.addExact(Math.addExact(kind.freeBillons(), kind.lockedBillons()),
                kind.expiredBillons());
            sum[0] = Math.addExact(sum[0], wallet);
            sum[1] = Math.addExact(sum[1], kind.vaultBillons());
        }
        List<Balance> balances = new ArrayList<>(sums.size());
        sums.forEach((code, sum) -> balances.add(new Balance(code, sum[0], sum[1])));
        return balances;
    }
}
