package cnode.wallet;

import cnode.money.Currency;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A read-only picture of the user's money at one moment: the balance of every currency and
 * colour the user holds, and every coin with its standing. Built by {@link #of} from the
 * cached holdings, the coins reserved on this node and a time; a pure function, so the
 * balance rules are tested as scenario tables. Invariant: the balances add up, per currency
 * and colour, to the face values of the coins. Immutable.
 *
 * @param username  whose money this is
 * @param asOfMs    when the colony was asked for these coins
 * @param truncated true when the user holds more coins than the cache keeps, so the picture
 *                  shows only the first ones by id
 * @param balances  one per currency and colour held, by currency code then colour
 * @param coins     by currency, colour, face value (smallest first), id
 */
public record WalletView(String username, long asOfMs, boolean truncated,
                         List<Balance> balances, List<HeldCoin> coins) {
    private static final Comparator<HeldCoin> COIN_ORDER = Comparator
        .comparing((HeldCoin held) -> held.coin().currency().code())
        .thenComparingLong(held -> held.coin().colour())
        .thenComparingLong(held -> held.coin().faceValue())
        .thenComparing(held -> held.coin().id());

    public WalletView {
        balances = List.copyOf(balances);
        coins = List.copyOf(coins);
    }

    /** The picture of {@code holdings} at {@code nowMs}, {@code reservedHere} being locked. */
    static WalletView of(String username, Collection<Holding> holdings, Set<String> reservedHere,
                         long nowMs, long asOfMs, boolean truncated) {
        Map<Kind, Balance> byKind = new TreeMap<>();
        List<HeldCoin> coins = new ArrayList<>(holdings.size());
        for (Holding holding : holdings) {
            CoinStanding standing = holding.standing(
                reservedHere.contains(holding.coin().id()), nowMs);
            coins.add(new HeldCoin(holding.coin(), standing, holding.incomingAtMs()));
            Currency currency = holding.coin().currency();
            long colour = holding.coin().colour();
            long billons = holding.coin().faceValue();
            byKind.compute(new Kind(currency.code(), colour), (kind, sum) ->
                (sum == null ? Balance.zero(currency, colour) : sum).plus(standing, billons));
        }
        coins.sort(COIN_ORDER);
        WalletView view = new WalletView(username, asOfMs, truncated,
            new ArrayList<>(byKind.values()), coins);
        assert view.balancesMatchCoins() : "balances do not add up to the coins";
        return view;
    }

    /** A currency and colour, ordered by code, then colour. */
    private record Kind(String code, long colour) implements Comparable<Kind> {
        @Override
        public int compareTo(Kind other) {
            int byCode = code.compareTo(other.code);
            return byCode != 0 ? byCode : Long.compare(colour, other.colour);
        }
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
        return coins.stream().filter(held -> held.standing() == standing).toList();
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
}
