package cnode.colony;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coin registry's state and the indexes derived from it, with the primitive writes that
 * keep the two in step and note what changed for the store. It judges nothing: {@link Registry}
 * decides, the ledger writes, and a write that breaks a structural rule (a coin id twice, a
 * negative sum) is a bug and throws.
 *
 * <p>State (the rows): live coins by id, swaps and transfer ids by transfer id, daily counters
 * by user and currency, totals by kind. Derived, never stored: each owner's coin ids, each
 * owner's sum per kind ({@code owned}), each payee's sum per kind owed by prepared swaps
 * ({@code pendingIn}), the live sum per kind, the time queues of prepared swaps' expiries,
 * transfer ids' forgetting and daily counters' days, and each owner's log of coin changes
 * ({@link HoldingsLog}, memory only: it starts empty, under a new epoch, with each ledger).
 *
 * <p>Invariants: each coin id is in exactly one owner's set, its owner's; the derived sums equal
 * a recomputation from the rows ({@link #indexViolations()} checks); a swap is in the expiry
 * queue exactly while prepared; every change to a row is noted until {@link #drain()}. Owned by
 * the registry's writer thread; not thread-safe.
 */
final class RegistryLedger {
    /** A coin owner and a kind of money: the key of per-owner sums. */
    record Holding(String owner, CoinKind kind) {}

    /** A key due at a time, ordered by time then key. */
    record Due(long atMs, String key) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(atMs, other.atMs);
            return byTime != 0 ? byTime : key.compareTo(other.key);
        }
    }

    private final Map<String, CoinRow> coins = new HashMap<>();
    /** Each owner's coin ids in id order, so a page of holdings is a walk of one subset. */
    private final Map<String, NavigableSet<String>> coinsByOwner = new HashMap<>();
    private final Map<Holding, Long> owned = new HashMap<>();
    private final Map<Holding, Long> pendingIn = new HashMap<>();
    private final Map<CoinKind, Long> live = new HashMap<>();
    private final Map<CoinKind, CoinTotalRow> totals = new HashMap<>();
    private final Map<String, SwapRow> swaps = new HashMap<>();
    private final NavigableSet<Due> swapsDue = new TreeSet<>();
    private final Map<String, RegistryTransfer> transfers = new HashMap<>();
    private final NavigableSet<Due> transfersDue = new TreeSet<>();
    private final Map<DailyKey, DailyRow> daily = new HashMap<>();
    private final NavigableMap<Long, Set<DailyKey>> dailyByDay = new TreeMap<>();

    private final HoldingsLog changeLog = new HoldingsLog();

    private final Set<String> changedCoins = new LinkedHashSet<>();
    private final Set<String> changedSwaps = new LinkedHashSet<>();
    private final Set<String> changedTransfers = new LinkedHashSet<>();
    private final Set<DailyKey> changedDaily = new LinkedHashSet<>();
    private final Set<CoinKind> changedTotals = new LinkedHashSet<>();

    CoinRow coin(String id) {
        return coins.get(id);
    }

    int coinCount() {
        return coins.size();
    }

    /** The ids of the coins {@code owner} owns, in id order; a read-only view. */
    Set<String> coinIdsOf(String owner) {
        Set<String> ids = coinsByOwner.get(owner);
        return ids == null ? Set.of() : Collections.unmodifiableSet(ids);
    }

    /** What {@code owner} owns of {@code kind}, wallet and vault, reserved or not. */
    long owned(String owner, CoinKind kind) {
        return owned.getOrDefault(new Holding(owner, kind), 0L);
    }

    /** What prepared swaps will give {@code payee} of {@code kind} when committed. */
    long pendingIn(String payee, CoinKind kind) {
        return pendingIn.getOrDefault(new Holding(payee, kind), 0L);
    }

    /** What the live coins of {@code kind} are worth. */
    long live(CoinKind kind) {
        return live.getOrDefault(kind, 0L);
    }

    CoinTotalRow totals(CoinKind kind) {
        CoinTotalRow row = totals.get(kind);
        return row == null ? new CoinTotalRow(kind, 0, 0) : row;
    }

    /** Inserts or replaces the coin with {@code row.id()}, keeping the indexes in step. */
    void putCoin(CoinRow row) {
        CoinRow old = coins.put(row.id(), row);
        if (old != null) {
            unindex(old);
        }
        index(row);
        changeLog.changed(old, row);
        changedCoins.add(row.id());
    }

    /** Deletes a live coin: it left circulation. */
    void removeCoin(String id) {
        CoinRow old = coins.remove(id);
        if (old == null) {
            throw new IllegalStateException("no live coin " + id);
        }
        unindex(old);
        changeLog.changed(old, null);
        changedCoins.add(id);
    }

    private void index(CoinRow row) {
        if (!coinsByOwner.computeIfAbsent(row.owner(), owner -> new TreeSet<>()).add(row.id())) {
            throw new IllegalStateException("coin " + row.id() + " indexed twice");
        }
        add(owned, new Holding(row.owner(), row.kind()), row.faceValue());
        add(live, row.kind(), row.faceValue());
    }

    private void unindex(CoinRow row) {
        Set<String> ids = coinsByOwner.get(row.owner());
        if (ids == null || !ids.remove(row.id())) {
            throw new IllegalStateException("coin " + row.id() + " not indexed");
        }
        if (ids.isEmpty()) {
            coinsByOwner.remove(row.owner());
        }
        add(owned, new Holding(row.owner(), row.kind()), -row.faceValue());
        add(live, row.kind(), -row.faceValue());
    }

    /** Adds {@code delta} to a sum; a sum that reaches zero leaves the map, so it stays small. */
    private static <K> void add(Map<K, Long> sums, K key, long delta) {
        long sum = Math.addExact(sums.getOrDefault(key, 0L), delta);
        if (sum < 0) {
            throw new IllegalStateException("sum below zero for " + key);
        }
        if (sum == 0) {
            sums.remove(key);
        } else {
            sums.put(key, sum);
        }
    }

    void putTotals(CoinTotalRow row) {
        totals.put(row.kind(), row);
        changedTotals.add(row.kind());
    }

    SwapRow swap(String transferId) {
        return swaps.get(transferId);
    }

    /** Inserts or replaces a swap, keeping the expiry queue and what payees are owed. */
    void putSwap(SwapRow row) {
        SwapRow old = swaps.put(row.transferId(), row);
        if (old != null && old.state() == SwapState.PREPARED) {
            swapsDue.remove(new Due(old.expiresAtMs(), old.transferId()));
            add(pendingIn, new Holding(old.payee(), old.kind()), -old.netBillons());
        }
        if (row.state() == SwapState.PREPARED) {
            swapsDue.add(new Due(row.expiresAtMs(), row.transferId()));
            add(pendingIn, new Holding(row.payee(), row.kind()), row.netBillons());
        }
        changedSwaps.add(row.transferId());
    }

    void removeSwap(String transferId) {
        SwapRow old = swaps.remove(transferId);
        if (old == null || old.state() == SwapState.PREPARED) {
            throw new IllegalStateException("only a settled swap is forgotten: " + transferId);
        }
        changedSwaps.add(transferId);
    }

    /** The prepared swap whose expiry came first, if it is at or before {@code nowMs}. */
    SwapRow firstSwapDue(long nowMs) {
        Due first = swapsDue.isEmpty() ? null : swapsDue.first();
        return first == null || first.atMs() > nowMs ? null : swaps.get(first.key());
    }

    RegistryTransfer transfer(String transferId) {
        return transfers.get(transferId);
    }

    int transferCount() {
        return transfers.size();
    }

    void putTransfer(RegistryTransfer row) {
        RegistryTransfer old = transfers.put(row.transferId(), row);
        if (old != null) {
            transfersDue.remove(new Due(old.forgetAtMs(), old.transferId()));
        }
        transfersDue.add(new Due(row.forgetAtMs(), row.transferId()));
        changedTransfers.add(row.transferId());
    }

    void removeTransfer(String transferId) {
        RegistryTransfer old = transfers.remove(transferId);
        if (old == null) {
            throw new IllegalStateException("no transfer " + transferId);
        }
        transfersDue.remove(new Due(old.forgetAtMs(), transferId));
        changedTransfers.add(transferId);
    }

    /** The transfer id to forget first, if its time is at or before {@code nowMs}. */
    RegistryTransfer firstTransferDue(long nowMs) {
        Due first = transfersDue.isEmpty() ? null : transfersDue.first();
        return first == null || first.atMs() > nowMs ? null : transfers.get(first.key());
    }

    DailyRow daily(DailyKey key) {
        return daily.get(key);
    }

    void putDaily(DailyRow row) {
        DailyRow old = daily.put(row.key(), row);
        if (old != null) {
            unqueueDaily(old);
        }
        dailyByDay.computeIfAbsent(row.day(), day -> new HashSet<>()).add(row.key());
        changedDaily.add(row.key());
    }

    void removeDaily(DailyKey key) {
        DailyRow old = daily.remove(key);
        if (old == null) {
            throw new IllegalStateException("no daily counter " + key);
        }
        unqueueDaily(old);
        changedDaily.add(key);
    }

    private void unqueueDaily(DailyRow row) {
        Set<DailyKey> keys = dailyByDay.get(row.day());
        keys.remove(row.key());
        if (keys.isEmpty()) {
            dailyByDay.remove(row.day());
        }
    }

    /** A daily counter of a day before {@code day}, or null when there is none. */
    DailyKey firstDailyBefore(long day) {
        Map.Entry<Long, Set<DailyKey>> first = dailyByDay.firstEntry();
        return first == null || first.getKey() >= day ? null : first.getValue().iterator().next();
    }

    /** The counters of {@code key} for {@code day}: zero when the kept row is of another day. */
    DailyRow today(DailyKey key, long day) {
        DailyRow row = daily.get(key);
        return row != null && row.day() == day ? row
            : new DailyRow(key.username(), key.currency(), day, 0, 0);
    }

    /** Adds a prepared swap's amount to {@code key}'s counters of {@code day}. */
    void count(DailyKey key, long day, long outBillons, long inBillons) {
        if (outBillons == 0 && inBillons == 0) {
            return;
        }
        DailyRow row = today(key, day);
        putDaily(new DailyRow(key.username(), key.currency(), day,
            Math.addExact(row.outBillons(), outBillons),
            Math.addExact(row.inBillons(), inBillons)));
    }

    /** Gives back a voided swap's amount, if the counters are still of its day. */
    void uncount(DailyKey key, long day, long outBillons, long inBillons) {
        DailyRow row = daily.get(key);
        if (row == null || row.day() != day || (outBillons == 0 && inBillons == 0)) {
            return;
        }
        putDaily(new DailyRow(key.username(), key.currency(), day,
            Math.subtractExact(row.outBillons(), outBillons),
            Math.subtractExact(row.inBillons(), inBillons)));
    }

    /** {@code row} as of {@code nowMs}: free if the swap holding it has reached its expiry. */
    CoinRow asOf(CoinRow row, long nowMs) {
        SwapRow holder = row.reserved() ? swaps.get(row.reservedBy()) : null;
        // A reservation without its swap only exists in corrupt rows; check() reports it.
        return holder == null || holder.expiresAtMs() > nowMs ? row : row.reservedBy(null);
    }

    /** Every coin of {@code owner} as of {@code nowMs}, by place; ids iterate in order. */
    CoinHoldings holdings(String owner, long nowMs) {
        List<CoinRow> free = new ArrayList<>();
        List<CoinRow> reserved = new ArrayList<>();
        List<CoinRow> vault = new ArrayList<>();
        for (String id : coinIdsOf(owner)) {
            CoinRow row = asOf(coins.get(id), nowMs);
            List<CoinRow> into = row.place() == CoinPlace.VAULT ? vault
                : row.reserved() ? reserved : free;
            into.add(row);
        }
        return new CoinHoldings(free, reserved, vault);
    }

    /**
     * The first {@code limit} coins of {@code owner} with an id after {@code after}, as of
     * {@code nowMs}, in id order. Reads at most {@code limit + 1} ids of the owner's set, so a
     * page costs the page (plus a log of the owner's coins), not every coin the owner has.
     */
    CoinPage holdingsPage(String owner, String after, int limit, long nowMs) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page has at least one coin: " + limit);
        }
        NavigableSet<String> ids = coinsByOwner.get(owner);
        if (ids == null) {
            return new CoinPage(List.of(), null);
        }
        List<CoinRow> rows = new ArrayList<>(Math.min(limit, ids.size()));
        for (String id : ids.tailSet(after, false)) {
            if (rows.size() == limit) {
                return new CoinPage(rows, rows.getLast().id());
            }
            rows.add(asOf(coins.get(id), nowMs));
        }
        return new CoinPage(rows, null);
    }

    /** The version of every owner's coins now: see {@link Registry#holdingsVersion}. */
    String holdingsVersion() {
        return changeLog.head();
    }

    /**
     * The changes of {@code owner}'s coins after {@code since}, at most {@code limit}, live
     * coins as of {@code nowMs}: see {@link Registry#holdingsChanges}. Time proportional to the
     * changes returned (times a log), never to all the owner's coins.
     */
    HoldingsChanges holdingsChanges(String owner, String since, int limit, long nowMs) {
        if (limit < 1) {
            throw new IllegalArgumentException("a read of changes takes at least one: " + limit);
        }
        long after = changeLog.since(owner, since);
        if (after < 0) {
            return HoldingsChanges.refused();
        }
        // One more than the limit tells whether the limit cut the answer.
        int ask = limit < Integer.MAX_VALUE ? limit + 1 : limit;
        List<HoldingsLog.Change> changes = changeLog.after(owner, after, ask);
        boolean more = changes.size() > limit;
        List<HoldingsLog.Change> listed = more ? changes.subList(0, limit) : changes;
        List<CoinRow> rows = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (HoldingsLog.Change change : listed) {
            if (change.gone()) {
                gone.add(change.coinId());
            } else {
                rows.add(asOf(coins.get(change.coinId()), nowMs));
            }
        }
        String version = more ? changeLog.version(listed.getLast().seq()) : changeLog.head();
        return new HoldingsChanges(HoldingsChangesResult.LISTED, rows, gone, version, more);
    }

    /** Lowers the bounds of the change log's tombstones, for tests. */
    void limitTombstones(int perOwner, int total) {
        changeLog.limit(perOwner, total);
    }

    List<CoinBalance> balances(String owner, long nowMs) {
        Map<CoinKind, long[]> sums = new TreeMap<>();
        for (String id : coinIdsOf(owner)) {
            CoinRow row = asOf(coins.get(id), nowMs);
            long[] sum = sums.computeIfAbsent(row.kind(), kind -> new long[4]);
            int slot = row.place() == CoinPlace.VAULT ? 2 : row.reserved() ? 1
                : row.coin().expiredAt(nowMs) ? 3 : 0;
            sum[slot] = Math.addExact(sum[slot], row.faceValue());
        }
        List<CoinBalance> balances = new ArrayList<>();
        sums.forEach((kind, sum) ->
            balances.add(new CoinBalance(kind, sum[0], sum[1], sum[2], sum[3])));
        return balances;
    }

    /** The rows changed since the last drain, as the store must write them; clears the notes. */
    RegistryChanges drain() {
        List<CoinRow> coinRows = new ArrayList<>();
        List<String> redeemed = new ArrayList<>();
        split(changedCoins, coins, coinRows, redeemed);
        List<SwapRow> swapRows = new ArrayList<>();
        List<String> forgottenSwaps = new ArrayList<>();
        split(changedSwaps, swaps, swapRows, forgottenSwaps);
        List<RegistryTransfer> transferRows = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        split(changedTransfers, transfers, transferRows, forgotten);
        List<DailyRow> dailyRows = new ArrayList<>();
        List<DailyKey> dropped = new ArrayList<>();
        split(changedDaily, daily, dailyRows, dropped);
        List<CoinTotalRow> totalRows = new ArrayList<>();
        split(changedTotals, totals, totalRows, new ArrayList<>());
        return new RegistryChanges(coinRows, redeemed, swapRows, forgottenSwaps, transferRows,
            forgotten, dailyRows, dropped, totalRows);
    }

    private static <K, V> void split(Set<K> changed, Map<K, V> current, List<V> written,
                                     List<K> deleted) {
        for (K key : changed) {
            V row = current.get(key);
            if (row == null) {
                deleted.add(key);
            } else {
                written.add(row);
            }
        }
        changed.clear();
    }

    /** Every row, each list sorted by its key. */
    RegistryRows rows() {
        return new RegistryRows(
            sorted(coins.values(), Comparator.comparing(CoinRow::id)),
            sorted(swaps.values(), Comparator.comparing(SwapRow::transferId)),
            sorted(transfers.values(), Comparator.comparing(RegistryTransfer::transferId)),
            sorted(daily.values(), Comparator.comparing(DailyRow::key)),
            sorted(totals.values(), Comparator.comparing(CoinTotalRow::kind)));
    }

    private static <V> List<V> sorted(Collection<V> values, Comparator<V> order) {
        List<V> list = new ArrayList<>(values);
        list.sort(order);
        return list;
    }

    /**
     * Where a derived index differs from a recomputation from the rows: the costly half of the
     * conservation check, which a sound ledger always passes.
     */
    List<String> indexViolations() {
        List<String> found = new ArrayList<>();
        Map<String, NavigableSet<String>> byOwner = new HashMap<>();
        Map<Holding, Long> ownedAgain = new HashMap<>();
        Map<CoinKind, Long> liveAgain = new HashMap<>();
        for (CoinRow row : coins.values()) {
            byOwner.computeIfAbsent(row.owner(), owner -> new TreeSet<>()).add(row.id());
            ownedAgain.merge(new Holding(row.owner(), row.kind()), row.faceValue(), Math::addExact);
            liveAgain.merge(row.kind(), row.faceValue(), Math::addExact);
        }
        Map<Holding, Long> pendingAgain = new HashMap<>();
        Set<Due> dueAgain = new HashSet<>();
        for (SwapRow row : swaps.values()) {
            if (row.state() == SwapState.PREPARED) {
                pendingAgain.merge(new Holding(row.payee(), row.kind()), row.netBillons(),
                    Math::addExact);
                dueAgain.add(new Due(row.expiresAtMs(), row.transferId()));
            }
        }
        pendingAgain.values().removeIf(sum -> sum == 0);
        compare("coins by owner", coinsByOwner, byOwner, found);
        compare("owned sums", owned, ownedAgain, found);
        compare("live sums", live, liveAgain, found);
        compare("pending sums", pendingIn, pendingAgain, found);
        compare("swap expiries", Map.of(0, Set.copyOf(swapsDue)), Map.of(0, dueAgain), found);
        Set<Due> forgetAgain = new HashSet<>();
        transfers.values().forEach(t -> forgetAgain.add(new Due(t.forgetAtMs(), t.transferId())));
        compare("transfer queue", Map.of(0, Set.copyOf(transfersDue)), Map.of(0, forgetAgain),
            found);
        found.addAll(changeLog.violations(coins));
        return found;
    }

    private static <K, V> void compare(String what, Map<K, V> kept, Map<K, V> again,
                                       List<String> found) {
        if (!kept.equals(again)) {
            found.add("the index of " + what + " differs from its recomputation");
        }
    }

    /** The kinds with a live sum or totals. */
    Set<CoinKind> kinds() {
        Set<CoinKind> kinds = new TreeSet<>(totals.keySet());
        kinds.addAll(live.keySet());
        return kinds;
    }
}
