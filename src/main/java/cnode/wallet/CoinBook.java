package cnode.wallet;

import cnode.money.Coin;
import cnode.money.Currency;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The user's coins as the colony last listed them, at one moment, before anything this node
 * reserved or spent since: every coin with its standing, in the view's order (currency,
 * colour, face value, id), looked up by id, the free ones apart, and the sums per currency
 * and colour by standing. A {@link WalletView} lays this node's reservations and spent coins
 * over it, so a payment's reservation costs a few lookups instead of a new picture of every
 * coin. Built in one pass by {@link #of}; immutable.
 */
final class CoinBook {
    private static final Comparator<HeldCoin> COIN_ORDER = Comparator
        .comparing((HeldCoin held) -> held.coin().currency().code())
        .thenComparingLong(held -> held.coin().colour())
        .thenComparingLong(held -> held.coin().faceValue())
        .thenComparing(held -> held.coin().id());
    /** Slots of a kind's sums: one per standing, then the count of coins. */
    static final int COUNT = CoinStanding.values().length;

    private final List<HeldCoin> coins;
    private final List<HeldCoin> free;
    /** The holdings the book was made from, by id: its lookups (never changed). */
    private final Map<String, Holding> byId;
    private final long atMs;
    private final Map<Kind, long[]> sums;
    private final long changesAtMs;

    private CoinBook(List<HeldCoin> coins, Map<String, Holding> byId, long atMs,
                     Map<Kind, long[]> sums, long changesAtMs) {
        this.coins = List.copyOf(coins);
        this.byId = byId;
        this.atMs = atMs;
        this.sums = sums;
        this.changesAtMs = changesAtMs;
        List<HeldCoin> freeCoins = new ArrayList<>();
        for (HeldCoin held : this.coins) {
            if (held.standing() == CoinStanding.FREE) {
                freeCoins.add(held);
            }
        }
        this.free = List.copyOf(freeCoins);
    }

    /** The book of {@code holdings} at {@code nowMs}, none reserved here. */
    static CoinBook of(Collection<Holding> holdings, long nowMs) {
        Map<String, Holding> byId = new LinkedHashMap<>();
        for (Holding holding : holdings) {
            byId.put(holding.coin().id(), holding);
        }
        return of(byId, nowMs);
    }

    /**
     * The book of {@code holdings} (by id; the map must not change afterwards) at {@code
     * nowMs}, none reserved here. Holdings listed in id order (as the wallet keeps them) are
     * put in the view's order without a sort of the whole list: they are grouped by currency,
     * colour and face value, and only a group that arrives out of id order is sorted (none
     * can when the map is sorted by id, as the wallet's copy is).
     */
    static CoinBook of(Map<String, Holding> holdings, long nowMs) {
        boolean byId = holdings instanceof SortedMap<String, Holding> sorted
            && sorted.comparator() == null;
        Map<Group, List<HeldCoin>> groups = new HashMap<>();
        Map<Kind, long[]> sums = new TreeMap<>();
        long changesAtMs = Long.MAX_VALUE;
        Group last = null;
        List<HeldCoin> lastList = null;
        long[] lastSums = null;
        for (Holding holding : holdings.values()) {
            CoinStanding standing = holding.standing(false, nowMs);
            if (standing == CoinStanding.FREE) {
                changesAtMs = Math.min(changesAtMs, holding.coin().expiresAtMs());
            }
            Coin coin = holding.coin();
            if (last == null || last.faceValue() != coin.faceValue()
                || last.colour() != coin.colour() || !last.code().equals(coin.currency().code())) {
                Group group = new Group(coin.currency().code(), coin.colour(), coin.faceValue());
                last = group;
                lastList = groups.computeIfAbsent(group, key -> new ArrayList<>());
                lastSums = sums.computeIfAbsent(new Kind(group.code(), group.colour()),
                    kind -> new long[COUNT + 1]);
            }
            lastList.add(new HeldCoin(holding.coin(), standing, holding.incomingAtMs()));
            lastSums[standing.ordinal()] = Math.addExact(lastSums[standing.ordinal()],
                coin.faceValue());
            lastSums[COUNT]++;
        }
        List<HeldCoin> coins = new ArrayList<>(holdings.size());
        for (Group key : new TreeMap<>(groups).keySet()) {
            List<HeldCoin> group = groups.get(key);
            if (!byId && !inIdOrder(group)) {
                group.sort(COIN_ORDER);
            }
            coins.addAll(group);
        }
        return new CoinBook(coins, holdings, nowMs, sums, changesAtMs);
    }

    private static boolean inIdOrder(List<HeldCoin> group) {
        for (int i = 1; i < group.size(); i++) {
            if (group.get(i - 1).coin().id().compareTo(group.get(i).coin().id()) > 0) {
                return false;
            }
        }
        return true;
    }

    /** A currency and colour, ordered by code, then colour. */
    record Kind(String code, long colour) implements Comparable<Kind> {
        @Override
        public int compareTo(Kind other) {
            int byCode = code.compareTo(other.code);
            return byCode != 0 ? byCode : Long.compare(colour, other.colour);
        }

        Currency currency() {
            return new Currency(code);
        }
    }

    /** A currency, colour and face value, in the view's order. */
    record Group(String code, long colour, long faceValue) implements Comparable<Group> {
        static Group of(HeldCoin held) {
            return new Group(held.coin().currency().code(), held.coin().colour(),
                held.coin().faceValue());
        }

        @Override
        public int compareTo(Group other) {
            int byCode = code.compareTo(other.code);
            if (byCode != 0) {
                return byCode;
            }
            int byColour = Long.compare(colour, other.colour);
            return byColour != 0 ? byColour : Long.compare(faceValue, other.faceValue);
        }
    }

    /** Every coin, in the view's order, with its standing before this node's reservations. */
    List<HeldCoin> coins() {
        return coins;
    }

    /** The free coins (before this node's reservations), in the view's order. */
    List<HeldCoin> free() {
        return free;
    }

    /** The coin with {@code id}, or null when the book does not list it. */
    HeldCoin coin(String id) {
        Holding holding = byId.get(id);
        return holding == null ? null : new HeldCoin(holding.coin(),
            holding.standing(false, atMs), holding.incomingAtMs());
    }

    /**
     * A copy of the sums per currency and colour: billons by standing (indexed by ordinal),
     * then the count of coins at {@link #COUNT}.
     */
    Map<Kind, long[]> sums() {
        Map<Kind, long[]> copy = new TreeMap<>();
        sums.forEach((kind, sum) -> copy.put(kind, sum.clone()));
        return copy;
    }

    /**
     * The first moment after the book's at which a coin's standing changes by time alone (a
     * free coin expires); {@code Long.MAX_VALUE} when none can.
     */
    long changesAtMs() {
        return changesAtMs;
    }

    /** The index of the first free coin at or after {@code at} in the view's order. */
    int firstFreeAtLeast(Group at) {
        int low = 0;
        int high = free.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Group.of(free.get(middle)).compareTo(at) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
