package cnode.colony;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The conservation check over a registry's rows, by recomputation from scratch (it trusts no
 * running sum): for each kind of money the live coins sum to issued minus redeemed, and the
 * totals are sane; no coin id has two rows (two owners); every reservation points at a prepared
 * swap that names the coin, whose payer (or payee, for change) owns it; every prepared swap's
 * coins are live and reserved by it. Runs at colony start-up, for {@code admin check}, and in
 * tests after every step. Stateless; any thread, on rows nobody changes meanwhile.
 */
final class Conservation {

    private Conservation() {
    }

    /** The violations found in {@code rows}, in the order above. */
    static ConservationReport check(RegistryRows rows) {
        List<String> found = new ArrayList<>();
        Map<String, CoinRow> coins = new HashMap<>();
        for (CoinRow row : rows.coins()) {
            if (coins.put(row.id(), row) != null) {
                found.add("coin " + row.id() + " has two rows (two owners)");
            }
        }
        checkSums(rows, found);
        Map<String, SwapRow> swaps = new HashMap<>();
        rows.swaps().forEach(row -> swaps.put(row.transferId(), row));
        checkReservations(coins, swaps, found);
        checkPreparedSwaps(coins, swaps, found);
        return new ConservationReport(found);
    }

    private static void checkSums(RegistryRows rows, List<String> found) {
        Map<CoinKind, Long> live = new TreeMap<>();
        for (CoinRow row : rows.coins()) {
            live.merge(row.kind(), row.faceValue(), Math::addExact);
        }
        Map<CoinKind, CoinTotalRow> totals = new TreeMap<>();
        rows.totals().forEach(row -> totals.put(row.kind(), row));
        Set<CoinKind> kinds = new TreeSet<>(live.keySet());
        kinds.addAll(totals.keySet());
        for (CoinKind kind : kinds) {
            CoinTotalRow total = totals.getOrDefault(kind, new CoinTotalRow(kind, 0, 0));
            long sum = live.getOrDefault(kind, 0L);
            if (total.redeemedBillons() > total.issuedBillons()) {
                found.add(kind + ": redeemed " + total.redeemedBillons() + " > issued "
                    + total.issuedBillons());
            }
            if (sum != total.circulatingBillons()) {
                found.add(kind + ": live coins " + sum + " != issued " + total.issuedBillons()
                    + " - redeemed " + total.redeemedBillons());
            }
        }
    }

    private static void checkReservations(Map<String, CoinRow> coins, Map<String, SwapRow> swaps,
                                          List<String> found) {
        for (CoinRow row : coins.values()) {
            if (!row.reserved()) {
                continue;
            }
            SwapRow swap = swaps.get(row.reservedBy());
            if (swap == null || swap.state() != SwapState.PREPARED) {
                found.add("coin " + row.id() + " is reserved by " + row.reservedBy()
                    + ", which is not a prepared swap");
                continue;
            }
            boolean paid = swap.payerCoinIds().contains(row.id());
            boolean change = swap.changeCoinIds().contains(row.id());
            if (!paid && !change) {
                found.add("coin " + row.id() + " is reserved by swap " + swap.transferId()
                    + ", which does not name it");
            } else if (!row.owner().equals(paid ? swap.payer() : swap.payee())) {
                found.add("coin " + row.id() + " in swap " + swap.transferId()
                    + " is owned by " + row.owner() + ", not the side that gives it");
            }
        }
    }

    private static void checkPreparedSwaps(Map<String, CoinRow> coins,
                                           Map<String, SwapRow> swaps, List<String> found) {
        for (SwapRow swap : swaps.values()) {
            if (swap.state() != SwapState.PREPARED) {
                continue;
            }
            for (String id : swap.coinIds()) {
                CoinRow row = coins.get(id);
                if (row == null || !swap.transferId().equals(row.reservedBy())) {
                    found.add("prepared swap " + swap.transferId() + " does not hold coin " + id);
                }
            }
        }
    }
}
