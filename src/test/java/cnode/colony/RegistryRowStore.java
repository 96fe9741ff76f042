package cnode.colony;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fake of the store the registry's writer will commit to: tables as sorted maps, changed
 * only by applying drained {@link RegistryChanges}, as a real store's transaction would. Its
 * rows are what {@link Registry#restore} gets after a restart. One test thread.
 */
public final class RegistryRowStore {
    private final Map<String, CoinRow> coins = new TreeMap<>();
    private final Map<String, SwapRow> swaps = new TreeMap<>();
    private final Map<String, RegistryTransfer> transfers = new TreeMap<>();
    private final Map<DailyKey, DailyRow> daily = new TreeMap<>();
    private final Map<CoinKind, CoinTotalRow> totals = new TreeMap<>();

    public void apply(RegistryChanges changes) {
        changes.coins().forEach(row -> coins.put(row.id(), row));
        changes.redeemedCoinIds().forEach(coins::remove);
        changes.swaps().forEach(row -> swaps.put(row.transferId(), row));
        changes.forgottenSwapIds().forEach(swaps::remove);
        changes.transfers().forEach(row -> transfers.put(row.transferId(), row));
        changes.forgottenTransferIds().forEach(transfers::remove);
        changes.daily().forEach(row -> daily.put(row.key(), row));
        changes.droppedDaily().forEach(daily::remove);
        changes.totals().forEach(row -> totals.put(row.kind(), row));
    }

    public RegistryRows rows() {
        return new RegistryRows(new ArrayList<>(coins.values()), new ArrayList<>(swaps.values()),
            new ArrayList<>(transfers.values()), new ArrayList<>(daily.values()),
            new ArrayList<>(totals.values()));
    }
}
