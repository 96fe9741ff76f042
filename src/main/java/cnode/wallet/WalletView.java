package cnode.wallet;

import cnode.money.Currency;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A read-only picture of the user's money at one moment: the balance of every currency and
 * colour the user holds, and every coin with its standing. Built by {@link #of} from the
 * cached holdings, the coins reserved on this node and a time; a pure function, so the
 * balance rules are tested as scenario tables. Invariant: the balances add up, per currency
 * and colour, to the face values of the coins. Immutable, so the {@link Wallet} hands the same
 * picture to every reader until the holdings, the reservations or the time change it
 * ({@link #changesAtMs}).
 */
public final class WalletView {
    private static final Comparator<HeldCoin> COIN_ORDER = Comparator
        .comparing((HeldCoin held) -> held.coin().currency().code())
        .thenComparingLong(held -> held.coin().colour())
        .thenComparingLong(held -> held.coin().faceValue())
        .thenComparing(held -> held.coin().id());

    private final String username;
    private final long asOfMs;
    private final boolean truncated;
    private final List<Balance> balances;
    private final List<HeldCoin> coins;
    private final Map<CoinStanding, List<HeldCoin>> byStanding;
    private final long changesAtMs;

    private WalletView(String username, long asOfMs, boolean truncated, List<Balance> balances,
                       List<HeldCoin> coins, long changesAtMs) {
        this.username = username;
        this.asOfMs = asOfMs;
        this.truncated = truncated;
        this.balances = List.copyOf(balances);
        this.coins = List.copyOf(coins);
        this.changesAtMs = changesAtMs;
        Map<CoinStanding, List<HeldCoin>> split = new EnumMap<>(CoinStanding.class);
        for (CoinStanding standing : CoinStanding.values()) {
            split.put(standing, new ArrayList<>());
        }
        for (HeldCoin held : this.coins) {
            split.get(held.standing()).add(held);
        }
        split.replaceAll((standing, list) -> List.copyOf(list));
        this.byStanding = split;
    }

    /**
     * The picture of {@code holdings} at {@code nowMs}, {@code reservedHere} being locked.
     * Holdings listed in id order (as the colony pages them) are put in the view's order
     * without a sort of the whole list: they are grouped by currency, colour and face value,
     * and only a group that arrives out of id order is sorted.
     */
    static WalletView of(String username, Collection<Holding> holdings, Set<String> reservedHere,
                         long nowMs, long asOfMs, boolean truncated) {
        Map<Group, List<HeldCoin>> groups = new TreeMap<>();
        Map<Kind, long[]> sums = new TreeMap<>();
        long changesAtMs = Long.MAX_VALUE;
        Group last = null;
        List<HeldCoin> lastList = null;
        long[] lastSums = null;
        for (Holding holding : holdings) {
            CoinStanding standing = holding.standing(
                reservedHere.contains(holding.coin().id()), nowMs);
            if (standing == CoinStanding.FREE) {
                changesAtMs = Math.min(changesAtMs, holding.coin().expiresAtMs());
            }
            Group group = new Group(holding.coin().currency().code(), holding.coin().colour(),
                holding.coin().faceValue());
            if (!group.equals(last)) {
                last = group;
                lastList = groups.computeIfAbsent(group, key -> new ArrayList<>());
                lastSums = sums.computeIfAbsent(new Kind(group.code(), group.colour()),
                    kind -> new long[CoinStanding.values().length]);
            }
            lastList.add(new HeldCoin(holding.coin(), standing, holding.incomingAtMs()));
            lastSums[standing.ordinal()] = Math.addExact(lastSums[standing.ordinal()],
                group.faceValue());
        }
        List<HeldCoin> coins = new ArrayList<>(holdings.size());
        for (List<HeldCoin> group : groups.values()) {
            if (!inIdOrder(group)) {
                group.sort(COIN_ORDER);
            }
            coins.addAll(group);
        }
        List<Balance> balances = new ArrayList<>(sums.size());
        sums.forEach((kind, sum) -> balances.add(new Balance(new Currency(kind.code()),
            kind.colour(), sum[CoinStanding.FREE.ordinal()], sum[CoinStanding.LOCKED.ordinal()],
            sum[CoinStanding.VAULT.ordinal()], sum[CoinStanding.EXPIRED.ordinal()])));
        WalletView view = new WalletView(username, asOfMs, truncated, balances, coins,
            changesAtMs);
        assert view.balancesMatchCoins() : "balances do not add up to the coins";
        return view;
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
    private record Kind(String code, long colour) implements Comparable<Kind> {
        @Override
        public int compareTo(Kind other) {
            int byCode = code.compareTo(other.code);
            return byCode != 0 ? byCode : Long.compare(colour, other.colour);
        }
    }

    /** A currency, colour and face value, in the view's order. */
    private record Group(String code, long colour, long faceValue) implements Comparable<Group> {
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

    /** Whose money this is. */
    public String username() {
        return username;
    }

    /** When the colony was asked for these coins. */
    public long asOfMs() {
        return asOfMs;
    }

    /** True when the user holds more coins than the cache keeps: only the first by id show. */
    public boolean truncated() {
        return truncated;
    }

    /** One balance per currency and colour held, by currency code then colour. */
    public List<Balance> balances() {
        return balances;
    }

    /** Every coin, by currency, colour, face value (smallest first), id. */
    public List<HeldCoin> coins() {
        return coins;
    }

    /**
     * The first moment after the one this picture was made for at which a coin's standing
     * changes by time alone (a free coin expires); {@code Long.MAX_VALUE} when none can.
     */
    long changesAtMs() {
        return changesAtMs;
    }

    /** The balance of {@code currency} and {@code colour}; zero when the user holds none. */
    public Balance balance(Currency currency, long colour) {
        for (Balance balance : balances) {
            if (balance.currency().equals(currency) && balance.colour() == colour) {
                return balance;
            }
        }
        return Balance.zero(currency, colour);
    }

    /** The coins of one standing, in the view's order. */
    public List<HeldCoin> coins(CoinStanding standing) {
        return byStanding.get(standing);
    }

    /**
     * Up to {@code perFace} free coins of each face value of {@code currency} and {@code
     * colour} that are valid past {@code validUntilMs}, at most {@code max} in all, smallest
     * face value first. Touches about as many coins as it returns (plus those expiring too
     * soon), however many the user holds: the free coins are in face-value order, so a face
     * value with enough is skipped by a binary search.
     */
    public List<HeldCoin> freeSample(Currency currency, long colour, long validUntilMs,
                                     int perFace, int max) {
        List<HeldCoin> free = byStanding.get(CoinStanding.FREE);
        List<HeldCoin> sample = new ArrayList<>();
        int i = firstAtLeast(free, new Group(currency.code(), colour, 0));
        int ofThisFace = 0;
        long face = -1;
        while (i < free.size() && sample.size() < max) {
            HeldCoin held = free.get(i);
            if (!held.coin().currency().equals(currency) || held.coin().colour() != colour) {
                break;
            }
            if (held.coin().faceValue() != face) {
                face = held.coin().faceValue();
                ofThisFace = 0;
            }
            if (ofThisFace == perFace) {
                i = firstAtLeast(free, new Group(currency.code(), colour, face + 1));
                continue;
            }
            if (held.coin().expiresAtMs() > validUntilMs) {
                sample.add(held);
                ofThisFace++;
            }
            i++;
        }
        return sample;
    }

    /** The index of the first coin of {@code coins} (in view order) at or after {@code at}. */
    private static int firstAtLeast(List<HeldCoin> coins, Group at) {
        int low = 0;
        int high = coins.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            HeldCoin held = coins.get(middle);
            Group group = new Group(held.coin().currency().code(), held.coin().colour(),
                held.coin().faceValue());
            if (group.compareTo(at) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Whether every balance equals the sum of its coins: no money created or lost here. */
    boolean balancesMatchCoins() {
        Map<Kind, Long> sums = new TreeMap<>();
        for (HeldCoin held : coins) {
            sums.merge(new Kind(held.coin().currency().code(), held.coin().colour()),
                held.coin().faceValue(), Math::addExact);
        }
        Map<Kind, Long> totals = new TreeMap<>();
        for (Balance balance : balances) {
            totals.put(new Kind(balance.currency().code(), balance.colour()), balance.total());
        }
        return sums.equals(totals);
    }

    @Override
    public String toString() {
        return "WalletView[" + username + ", " + coins.size() + " coins, " + balances + "]";
    }
}
