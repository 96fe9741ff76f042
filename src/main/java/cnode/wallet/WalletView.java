package cnode.wallet;

import cnode.money.Currency;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongToIntFunction;

/**
 * A read-only picture of the user's money at one moment: the balance of every currency and
 * colour the user holds, and every coin with its standing. It is a {@link CoinBook} (the coins
 * as last read) with what this node did since laid over it: the coins its tasks reserved read
 * LOCKED, the coins its committed swaps spent are gone. {@link #of} makes one from holdings, a
 * pure function, so the balance rules are tested as scenario tables. Invariant: the balances
 * add up, per currency and colour, to the face values of the coins.
 *
 * <p>Immutable. The balances and the list of every coin are worked out on first use (a
 * payment's steps need neither: {@link #balance} of one currency and {@link #freeSample} /
 * {@link #freeToPay} touch only the coins they return and those reserved or spent here); the
 * work is idempotent, so two threads racing to it publish equal results.
 */
public final class WalletView {
    private final String username;
    private final long asOfMs;
    private final boolean truncated;
    private final CoinBook book;
    private final Set<String> reserved;
    private final Set<String> spent;
    private volatile List<Balance> balances;
    private volatile List<HeldCoin> coins;
    private volatile Map<CoinStanding, List<HeldCoin>> byStanding;

    private WalletView(String username, long asOfMs, boolean truncated, CoinBook book,
                       Set<String> reserved, Set<String> spent) {
        this.username = username;
        this.asOfMs = asOfMs;
        this.truncated = truncated;
        this.book = book;
        this.reserved = Set.copyOf(reserved);
        this.spent = Set.copyOf(spent);
    }

    /** The picture of {@code holdings} at {@code nowMs}, {@code reservedHere} being locked. */
    static WalletView of(String username, Collection<Holding> holdings, Set<String> reservedHere,
                         long nowMs, long asOfMs, boolean truncated) {
        return over(username, CoinBook.of(holdings, nowMs), reservedHere, Set.of(), asOfMs,
            truncated);
    }

    /**
     * The picture of {@code book} with {@code reservedHere} locked and {@code spent} gone;
     * ids the book does not list are ignored.
     */
    static WalletView over(String username, CoinBook book, Set<String> reservedHere,
                           Set<String> spent, long asOfMs, boolean truncated) {
        WalletView view = new WalletView(username, asOfMs, truncated, book, reservedHere,
            spent);
        assert view.balancesMatchCoins() : "balances do not add up to the coins";
        return view;
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

    /** The book under this picture. */
    CoinBook book() {
        return book;
    }

    /**
     * The first moment at which a coin's standing may change by time alone (a free coin
     * expires); {@code Long.MAX_VALUE} when none can.
     */
    long changesAtMs() {
        return book.changesAtMs();
    }

    /** The standing of a coin of the book once this node's reservations are laid over it. */
    private CoinStanding standing(HeldCoin held) {
        CoinStanding base = held.standing();
        boolean lockedHere = (base == CoinStanding.FREE || base == CoinStanding.EXPIRED)
            && reserved.contains(held.coin().id());
        return lockedHere ? CoinStanding.LOCKED : base;
    }

    /** One balance per currency and colour held, by currency code then colour. */
    public List<Balance> balances() {
        List<Balance> known = balances;
        if (known == null) {
            known = sumUp();
            balances = known;
        }
        return known;
    }

    private List<Balance> sumUp() {
        Map<CoinBook.Kind, long[]> sums = book.sums();
        for (String id : spent) {
            HeldCoin held = book.coin(id);
            if (held != null) {
                long[] sum = sums.get(kind(held));
                sum[held.standing().ordinal()] -= held.coin().faceValue();
                sum[CoinBook.COUNT]--;
            }
        }
        for (String id : reserved) {
            HeldCoin held = book.coin(id);
            if (held != null && !spent.contains(id) && standing(held) != held.standing()) {
                long[] sum = sums.get(kind(held));
                sum[held.standing().ordinal()] -= held.coin().faceValue();
                sum[CoinStanding.LOCKED.ordinal()] = Math.addExact(
                    sum[CoinStanding.LOCKED.ordinal()], held.coin().faceValue());
            }
        }
        List<Balance> list = new ArrayList<>(sums.size());
        sums.forEach((kind, sum) -> {
            if (sum[CoinBook.COUNT] > 0) {
                list.add(new Balance(kind.currency(), kind.colour(),
                    sum[CoinStanding.FREE.ordinal()], sum[CoinStanding.LOCKED.ordinal()],
                    sum[CoinStanding.VAULT.ordinal()], sum[CoinStanding.EXPIRED.ordinal()]));
            }
        });
        return List.copyOf(list);
    }

    private static CoinBook.Kind kind(HeldCoin held) {
        return new CoinBook.Kind(held.coin().currency().code(), held.coin().colour());
    }

    /** Every coin, by currency, colour, face value (smallest first), id. */
    public List<HeldCoin> coins() {
        List<HeldCoin> known = coins;
        if (known == null) {
            List<HeldCoin> list = new ArrayList<>(book.coins().size());
            for (HeldCoin held : book.coins()) {
                if (spent.contains(held.coin().id())) {
                    continue;
                }
                CoinStanding standing = standing(held);
                list.add(standing == held.standing() ? held
                    : new HeldCoin(held.coin(), standing, held.incomingAtMs()));
            }
            known = List.copyOf(list);
            coins = known;
        }
        return known;
    }

    /** The balance of {@code currency} and {@code colour}; zero when the user holds none. */
    public Balance balance(Currency currency, long colour) {
        for (Balance balance : balances()) {
            if (balance.currency().equals(currency) && balance.colour() == colour) {
                return balance;
            }
        }
        return Balance.zero(currency, colour);
    }

    /** The coins of one standing, in the view's order. */
    public List<HeldCoin> coins(CoinStanding standing) {
        Map<CoinStanding, List<HeldCoin>> split = byStanding;
        if (split == null) {
            Map<CoinStanding, List<HeldCoin>> lists = new EnumMap<>(CoinStanding.class);
            for (CoinStanding each : CoinStanding.values()) {
                lists.put(each, new ArrayList<>());
            }
            for (HeldCoin held : coins()) {
                lists.get(held.standing()).add(held);
            }
            lists.replaceAll((each, list) -> List.copyOf(list));
            split = lists;
            byStanding = split;
        }
        return split.get(standing);
    }

    /**
     * Up to {@code perFace} free coins of each face value of {@code currency} and {@code
     * colour} that are valid past {@code validUntilMs}, at most {@code max} in all, smallest
     * face value first, smallest ids first within one.
     */
    public List<HeldCoin> freeSample(Currency currency, long colour, long validUntilMs,
                                     int perFace, int max) {
        return sample(currency, colour, validUntilMs, face -> perFace, max);
    }

    /**
     * The free coins of {@code currency} and {@code colour} valid past {@code validUntilMs}
     * that could take part in paying exactly {@code amount}: of each face value f at most
     * amount / f + 1 (an exact set never uses more), smallest ids first. When they sum to less
     * than the amount, no face value was cut short, so they are all the free coins valid that
     * long.
     */
    public List<HeldCoin> freeToPay(Currency currency, long colour, long validUntilMs,
                                    long amount) {
        return sample(currency, colour, validUntilMs,
            face -> (int) Math.min(Integer.MAX_VALUE - 1L, amount / face + 1), Integer.MAX_VALUE);
    }

    /**
     * The free coins, as the two samples above take them: the free list is in face-value
     * order, so a face value with enough is skipped by a binary search, and the walk touches
     * about as many coins as it returns, plus those expiring too soon or reserved here.
     */
    private List<HeldCoin> sample(Currency currency, long colour, long validUntilMs,
                                  LongToIntFunction perFace, int max) {
        List<HeldCoin> free = book.free();
        List<HeldCoin> sample = new ArrayList<>();
        int i = book.firstFreeAtLeast(new CoinBook.Group(currency.code(), colour, 0));
        int ofThisFace = 0;
        int limit = 0;
        long face = -1;
        while (i < free.size() && sample.size() < max) {
            HeldCoin held = free.get(i);
            if (!held.coin().currency().equals(currency) || held.coin().colour() != colour) {
                break;
            }
            if (held.coin().faceValue() != face) {
                face = held.coin().faceValue();
                ofThisFace = 0;
                limit = perFace.applyAsInt(face);
            }
            if (ofThisFace >= limit) {
                i = book.firstFreeAtLeast(new CoinBook.Group(currency.code(), colour, face + 1));
                continue;
            }
            String id = held.coin().id();
            if (held.coin().expiresAtMs() > validUntilMs && !reserved.contains(id)
                && !spent.contains(id)) {
                sample.add(held);
                ofThisFace++;
            }
            i++;
        }
        return sample;
    }

    /** Whether every balance equals the sum of its coins: no money created or lost here. */
    boolean balancesMatchCoins() {
        Map<CoinBook.Kind, Long> sums = new TreeMap<>();
        for (HeldCoin held : coins()) {
            sums.merge(kind(held), held.coin().faceValue(), Math::addExact);
        }
        Map<CoinBook.Kind, Long> totals = new TreeMap<>();
        for (Balance balance : balances()) {
            totals.put(new CoinBook.Kind(balance.currency().code(), balance.colour()),
                balance.total());
        }
        return sums.equals(totals);
    }

    @Override
    public String toString() {
        return "WalletView[" + username + ", " + book.coins().size() + " coins read, "
            + reserved.size() + " reserved here, " + spent.size() + " spent]";
    }
}
