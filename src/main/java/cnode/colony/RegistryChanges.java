package cnode.colony;

import java.util.List;

/**
 * What changed in a registry since the last {@link Registry#drainChanges()}: rows to write
 * (insert or replace by key) and keys to delete. Applied in one store transaction, after the
 * answers it holds were decided and before they are acknowledged, it brings the store to the
 * registry's state. Each row is the latest state of its key (a coin changed three times is one
 * row); a key appears as written or as deleted, never both. Immutable.
 *
 * @param coins coins to write, by coin id
 * @param redeemedCoinIds coins to delete: they left circulation
 * @param swaps swaps to write, by transfer id
 * @param forgottenSwapIds swaps to delete
 * @param transfers transfer ids to write
 * @param forgottenTransferIds transfer ids to delete
 * @param daily daily counters to write, by user and currency
 * @param droppedDaily daily counters to delete
 * @param totals totals to write, by kind
 */
public record RegistryChanges(
        List<CoinRow> coins, List<String> redeemedCoinIds, List<SwapRow> swaps,
        List<String> forgottenSwapIds, List<RegistryTransfer> transfers,
        List<String> forgottenTransferIds, List<DailyRow> daily, List<DailyKey> droppedDaily,
        List<CoinTotalRow> totals) {

    public RegistryChanges {
        coins = List.copyOf(coins);
        redeemedCoinIds = List.copyOf(redeemedCoinIds);
        swaps = List.copyOf(swaps);
        forgottenSwapIds = List.copyOf(forgottenSwapIds);
        transfers = List.copyOf(transfers);
        forgottenTransferIds = List.copyOf(forgottenTransferIds);
        daily = List.copyOf(daily);
        droppedDaily = List.copyOf(droppedDaily);
        totals = List.copyOf(totals);
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return coins.isEmpty() && redeemedCoinIds.isEmpty() && swaps.isEmpty()
            && forgottenSwapIds.isEmpty() && transfers.isEmpty()
            && forgottenTransferIds.isEmpty() && daily.isEmpty() && droppedDaily.isEmpty()
            && totals.isEmpty();
    }
}
