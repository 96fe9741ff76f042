package cnode.colony;

import java.util.List;

/**
 * The whole state of a registry as plain rows: what {@link Registry#restore} rebuilds a
 * registry from and {@link Registry#rows()} returns (each list sorted by its key, so two equal
 * registries give equal rows). Derived figures (balances, reservations owed to payees,
 * circulating sums) are not rows: the registry recomputes them. Immutable.
 *
 * @param coins every live coin
 * @param swaps every remembered swap, prepared or settled
 * @param transfers every remembered transfer id
 * @param daily the daily counters
 * @param totals issued and redeemed per kind of money
 */
public record RegistryRows(
        List<CoinRow> coins, List<SwapRow> swaps, List<RegistryTransfer> transfers,
        List<DailyRow> daily, List<CoinTotalRow> totals) {

    /** No rows: a new registry. */
    public static final RegistryRows EMPTY =
        new RegistryRows(List.of(), List.of(), List.of(), List.of(), List.of());

    public RegistryRows {
        coins = List.copyOf(coins);
        swaps = List.copyOf(swaps);
        transfers = List.copyOf(transfers);
        daily = List.copyOf(daily);
        totals = List.copyOf(totals);
    }
}
