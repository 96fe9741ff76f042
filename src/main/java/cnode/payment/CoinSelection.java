package cnode.payment;

import cnode.payment.Selection.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Coin selection and change for one payment: which of the payer's free coins to send, and which
 * of the other side's offered coins come back as change, so that the payee gains exactly the
 * amount. A deterministic core: plain values in, a {@link Selection} out; no I/O, no clock, no
 * shared state (each call owns its search; any thread may call it).
 *
 * <h2>Order of outcomes</h2>
 * Judged in the contract's order (section 4.1), each guard returning its named result:
 * <ol>
 * <li>{@code NOT_ENOUGH_MONEY}: free + locked &lt; amount;</li>
 * <li>{@code COLLECTING_MONEX_AMOUNT}: free &lt; amount &le; free + locked;</li>
 * <li>{@code EXACT} or {@code WITH_CHANGE}: the preferred selection below, if any exists within
 *     {@code coinsMax} coins in all;</li>
 * <li>{@code CHANGE_MISMATCH}: free &ge; amount but no selection exists: no exact set of payer
 *     coins, and no overpaying set whose surplus the offer makes exactly. A selection that would
 *     need more than {@code coinsMax} coins does not exist for this purpose: when the coin limit
 *     rules out every way, the answer is {@code CHANGE_MISMATCH} too (the contract has no other
 *     status for it, and the cure is the same: other coins on one side or the other).</li>
 * </ol>
 *
 * <h2>Preferences</h2>
 * Among all selections (payer set P, change set Q from the offer, sum P = amount + sum Q,
 * |P| + |Q| &le; coinsMax) the one with the smallest surplus sum Q is taken, then the fewest
 * coins |P| + |Q|. An exact set is the surplus 0, so it always wins over change, and among exact
 * sets the fewest coins win. Ties (same surplus, same count) go to the selection found first in
 * the search order below, which depends only on the face values, never on the order of the
 * input lists; within one face value the coins with the smallest ids are taken. So the same
 * input gives the same selection.
 *
 * <h2>Algorithm</h2>
 * Coins of one face value are interchangeable, so both sides are grouped into levels by face
 * value, largest first, with a count per side (at most 21 levels for real coins). A level's
 * choice is one signed number n: n &gt; 0 payer coins of that face, or -n offered coins (never
 * both: a payer coin and a change coin of the same face cancel, and dropping the pair lowers
 * the surplus and the count). A depth-first branch and bound walks the levels with the
 * remainder r still to pay (negative: change still owed) and prunes a state when
 * <ul>
 * <li>r is outside [-(offer's coins below), payer's coins below], or not a multiple of the gcd
 *     of the face values below;</li>
 * <li>its lower bound cannot beat the best found, or needs more than coinsMax coins. The
 *     surplus is at least the change so far plus all of a negative r, and in any case plus
 *     what the payer's coins below cannot make: (-r) mod their gcd (a payer holding only
 *     multiples of 1 000 billons leaves the last digits to change). The coins are at least the
 *     coins so far plus the fewest coins of the paying side (payer for r &gt; 0, offer for
 *     r &lt; 0) whose largest ones reach |r|;</li>
 * <li>a memo of (level, r) states already searched proves that no completion from it beats the
 *     best within the coins left (an open-addressing table of proofs, bounded in size).</li>
 * </ul>
 * At each level n starts at floor(r / face) (pay without overshooting), goes down (leaving more
 * to smaller coins, then taking change of this face), then up from there (overshooting, owing
 * change). Along each direction a cheaper bound (the surplus of a negative r, ceil(|r| / the
 * next face) coins) never decreases, so the first child that fails it ends that direction; the
 * stronger bounds above, not monotone, prune single states. All sums use exact arithmetic;
 * the search holds one choice per level, so no coin is used twice and the limit holds. The
 * first optimum in search order is kept (later ones must be strictly better), and the memo
 * only skips states proven unable to beat the best, so the result does not depend on it.
 *
 * <p>The call checks its arguments (the distinct ids under {@code assert} only, as hashing
 * thousands of ids costs more than the search), and always re-checks the chosen coins: their
 * sum less the change is the amount and no id appears twice, else IllegalStateException.
 *
 * <h2>Bounds</h2>
 * Recursion depth is the number of distinct face values; grouping costs a sort of the face
 * values, O(n log n) for n coins; ids are sorted only within the face values taken. The states
 * with different remainders at a level number at most the span of the coins below over the
 * gcd of the face values above, for the 1-2-5 series a small multiple of the coin count, and
 * the memo keeps most from being searched twice. Amounts enter only through exact long
 * arithmetic, so 10^12 billons cost the same as 10. On a 2-vCPU machine
 * ({@code CoinSelectionBenchmark}, CPU time per call) a 2 000-coin purse costs about 35
 * microseconds to group, 65 for an exact set, 150 with change from a 2 000-coin till (a few
 * hundred to a few thousand states); purses built to be hard (both sides holding thousands of
 * coins of the same four face values) took up to about 200 000 states, a few milliseconds.
 * Each search is capped at {@link #SEARCH_STEPS_MAX} states; past the cap the best selection
 * found so far is returned, or {@code CHANGE_MISMATCH}, and {@link Selection#searchSteps()}
 * equals the cap (only inputs without the 1-2-5 structure, e.g. forty unrelated face values of
 * about 2^40 billons, have been seen to reach it).
 */
public final class CoinSelection {
    /** The largest coin limit a caller may pass (the colony's swaps allow 1 000). */
    public static final int COINS_MAX_LIMIT = 100_000;
    /** The most coins one side may list. */
    public static final int SIDE_COINS_MAX = 1_000_000;
    /** The most search states one call visits. */
    public static final long SEARCH_STEPS_MAX = 1_000_000;

    private static final Comparator<CoinFace> BY_ID = Comparator.comparing(CoinFace::id);

    private CoinSelection() {
    }

    /**
     * Chooses the coins for paying {@code amount}, or says why it cannot.
     *
     * @param amount what the payee must gain, in billons, positive
     * @param payer the payer's free coins and locked billons
     * @param changeOffer the coins the other side could give back as change; empty when it
     *                    cannot give change
     * @param coinsMax the most coins one swap may move, both sides together, 1 to
     *                 {@link #COINS_MAX_LIMIT}
     * @throws IllegalArgumentException on a caller's bug: a non-positive amount, a bad limit
     *         or too many coins (one coin id listed twice is a bug too: an AssertionError
     *         under {@code -ea}, and always an IllegalStateException if such a coin would be
     *         chosen twice)
     */
    public static Selection choose(long amount, Purse payer, List<CoinFace> changeOffer,
                                   int coinsMax) {
        checkArguments(amount, payer.freeCoins(), changeOffer, coinsMax);
        long free = sum(payer.freeCoins());
        if (Math.addExact(free, payer.lockedBillons()) < amount) {
            return Selection.refused(Outcome.NOT_ENOUGH_MONEY, 0);
        }
        if (free < amount) {
            return Selection.refused(Outcome.COLLECTING_MONEX_AMOUNT, 0);
        }
        Search search = new Search(Levels.of(payer.freeCoins(), changeOffer), coinsMax);
        search.visit(0, amount, 0, 0);
        Selection selection = search.selection();
        // Cheap, so always on: a wrong sum or a coin twice would ask the registry to move
        // money nobody agreed to.
        if (!selection.payerCoins().isEmpty()
            && (Math.subtractExact(selection.payerSum(), selection.changeSum()) != amount
                || !distinctIds(selection.payerCoins(), selection.changeCoins()))) {
            throw new IllegalStateException("coin selection broke its sum or ids: " + amount);
        }
        return selection;
    }

    private static void checkArguments(long amount, List<CoinFace> free,
                                       List<CoinFace> changeOffer, int coinsMax) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
        if (coinsMax < 1 || coinsMax > COINS_MAX_LIMIT) {
            throw new IllegalArgumentException("coinsMax must be 1 to " + COINS_MAX_LIMIT);
        }
        if (free.size() > SIDE_COINS_MAX || changeOffer.size() > SIDE_COINS_MAX) {
            throw new IllegalArgumentException("more than " + SIDE_COINS_MAX + " coins a side");
        }
        // Hashing thousands of ids per call costs more than the search, so the whole input
        // is checked under assert (every test) and the chosen coins always, in choose().
        assert distinctIds(free, changeOffer) : "a coin id is listed twice";
    }

    /** Whether no coin id appears twice in the lists together. */
    private static boolean distinctIds(List<CoinFace> first, List<CoinFace> second) {
        Set<String> ids = new HashSet<>();
        for (List<CoinFace> side : List.of(first, second)) {
            for (CoinFace coin : side) {
                if (!ids.add(coin.id())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long sum(List<CoinFace> coins) {
        long sum = 0;
        for (CoinFace coin : coins) {
            sum = Math.addExact(sum, coin.faceValue());
        }
        return sum;
    }

    /**
     * Both sides grouped by face value, largest first, with sums and gcds of each level and
     * all below it. Level {@code faces.length} is the empty end, so the suffix arrays have one
     * entry more. Built once per call, never changed.
     */
    private record Levels(long[] faces, CoinFace[][] payer, CoinFace[][] offer,
                          long[] payerBelow, long[] offerBelow, long[] gcdBelow,
                          long[] payerGcdBelow) {

        static Levels of(List<CoinFace> free, List<CoinFace> changeOffer) {
            long[] ascending = new long[free.size() + changeOffer.size()];
            int at = 0;
            for (List<CoinFace> side : List.of(free, changeOffer)) {
                for (CoinFace coin : side) {
                    ascending[at++] = coin.faceValue();
                }
            }
            Arrays.sort(ascending);
            int count = 0;
            for (int i = 0; i < ascending.length; i++) {
                if (i == 0 || ascending[i] != ascending[i - 1]) {
                    ascending[count++] = ascending[i];
                }
            }
            ascending = Arrays.copyOf(ascending, count);
            long[] faces = new long[count];
            for (int level = 0; level < count; level++) {
                faces[level] = ascending[count - 1 - level];
            }
            CoinFace[][] payer = split(free, ascending);
            CoinFace[][] offer = split(changeOffer, ascending);
            long[] payerBelow = new long[count + 1];
            long[] offerBelow = new long[count + 1];
            long[] gcdBelow = new long[count + 1];
            long[] payerGcdBelow = new long[count + 1];
            for (int level = count - 1; level >= 0; level--) {
                long face = faces[level];
                payerBelow[level] = Math.addExact(payerBelow[level + 1],
                    Math.multiplyExact(face, payer[level].length));
                offerBelow[level] = Math.addExact(offerBelow[level + 1],
                    Math.multiplyExact(face, offer[level].length));
                gcdBelow[level] = gcd(face, gcdBelow[level + 1]);
                payerGcdBelow[level] = payer[level].length == 0 ? payerGcdBelow[level + 1]
                    : gcd(face, payerGcdBelow[level + 1]);
            }
            return new Levels(faces, payer, offer, payerBelow, offerBelow, gcdBelow,
                payerGcdBelow);
        }

        /**
         * The coins of one side at each level, largest face first, in input order: ids are
         * sorted only where coins are taken ({@link #smallestIds}).
         */
        private static CoinFace[][] split(List<CoinFace> coins, long[] ascending) {
            int count = ascending.length;
            int[] sizes = new int[count];
            for (CoinFace coin : coins) {
                sizes[count - 1 - Arrays.binarySearch(ascending, coin.faceValue())]++;
            }
            CoinFace[][] levels = new CoinFace[count][];
            for (int level = 0; level < count; level++) {
                levels[level] = new CoinFace[sizes[level]];
                sizes[level] = 0;
            }
            for (CoinFace coin : coins) {
                int level = count - 1 - Arrays.binarySearch(ascending, coin.faceValue());
                levels[level][sizes[level]++] = coin;
            }
            return levels;
        }

        /** The {@code n} coins of {@code coins} with the smallest ids, smallest first. */
        static List<CoinFace> smallestIds(CoinFace[] coins, int n) {
            CoinFace[] sorted = coins.clone();
            Arrays.sort(sorted, BY_ID);
            return Arrays.asList(sorted).subList(0, n);
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long rest = a % b;
                a = b;
                b = rest;
            }
            return a;
        }
    }

    /**
     * One depth-first branch and bound over the levels, owned by the call that made it.
     * Invariant: while a level is visited, {@code counts} holds the choice of every level
     * above it and 0 at it and below; {@code best*} describe the best selection found so far
     * ({@link #NONE} before the first).
     */
    private static final class Search {
        private static final long NONE = Long.MAX_VALUE;

        private final Levels levels;
        private final int coinsMax;
        private final long[] counts;
        private final long[] bestCounts;
        private final Memo memo = new Memo();
        private long bestChange = NONE;
        private long bestCoins = NONE;
        private long steps;

        Search(Levels levels, int coinsMax) {
            this.levels = levels;
            this.coinsMax = coinsMax;
            this.counts = new long[levels.faces().length];
            this.bestCounts = new long[levels.faces().length];
        }

        /** Searches the completions of {@code remainder} from {@code level} on. */
        void visit(int level, long remainder, long change, long coins) {
            if (remainder == 0) {
                found(change, coins);
                return;
            }
            if (level == counts.length || steps >= SEARCH_STEPS_MAX
                || remainder > levels.payerBelow()[level]
                || remainder < -levels.offerBelow()[level]
                || remainder % levels.gcdBelow()[level] != 0) {
                return;
            }
            steps++;
            long changeBound = Math.addExact(change, changeAtLeast(level, remainder));
            long coinsBound = coins + coinsToCover(level, remainder);
            if (coinsBound > coinsMax || !better(changeBound, coinsBound)) {
                return;
            }
            long changeLeft = relative(bestChange, change);
            long coinsLeft = relative(bestCoins, coins);
            if (memo.covers(level, remainder, changeLeft, coinsLeft, coinsMax - coins)) {
                return;
            }
            long face = levels.faces()[level];
            long low = Math.max(-levels.offer()[level].length,
                Math.ceilDiv(Math.subtractExact(remainder, levels.payerBelow()[level + 1]), face));
            long high = Math.min(levels.payer()[level].length,
                Math.floorDiv(Math.addExact(remainder, levels.offerBelow()[level + 1]), face));
            if (low <= high) {
                // Pay without overshooting first; the lower bound grows monotonically in each
                // direction away from that start, so the first hopeless child ends a direction.
                long start = Math.clamp(Math.floorDiv(remainder, face), low, high);
                for (long n = start; n >= low; n--) {
                    if (!child(level, remainder, change, coins, n)) {
                        break;
                    }
                }
                for (long n = start + 1; n <= high; n++) {
                    if (!child(level, remainder, change, coins, n)) {
                        break;
                    }
                }
            }
            if (steps < SEARCH_STEPS_MAX) {
                // Finished without a cut: nothing from here beats the best, within these coins.
                memo.record(level, remainder, relative(bestChange, change),
                    relative(bestCoins, coins), coinsMax - coins);
            }
        }

        /**
         * Visits the choice {@code n} at {@code level} (n &gt; 0 payer coins, -n offered coins)
         * unless its lower bound cannot beat the best; says whether it could.
         */
        private boolean child(int level, long remainder, long change, long coins, long n) {
            long face = levels.faces()[level];
            long childRemainder = Math.subtractExact(remainder, Math.multiplyExact(n, face));
            long childChange =
                n < 0 ? Math.addExact(change, Math.multiplyExact(-n, face)) : change;
            long childCoins = coins + Math.abs(n);
            long changeBound = Math.addExact(childChange, Math.max(0, -childRemainder));
            long coinsBound = childCoins + coinsAtLeast(level + 1, childRemainder);
            if (coinsBound > coinsMax || !better(changeBound, coinsBound)) {
                return false;
            }
            counts[level] = n;
            visit(level + 1, childRemainder, childChange, childCoins);
            counts[level] = 0;
            return true;
        }

        /**
         * A lower bound on the change still to come from {@code level} on: all of a negative
         * remainder, and in any case the change must make up what the payer's coins below
         * cannot, modulo their gcd (a payer holding only multiples of 1 000 billons leaves the
         * last digits to change). Not monotone in the choice at the level above, so it prunes
         * a state, never a direction.
         */
        private long changeAtLeast(int level, long remainder) {
            long payerGcd = levels.payerGcdBelow()[level];
            if (remainder <= 0 || payerGcd == 0) {
                return -remainder;
            }
            return Math.floorMod(-remainder, payerGcd);
        }

        /**
         * A lower bound on the coins still to come from {@code level} on: a positive remainder
         * needs payer coins summing to at least it, and no set of k coins sums to more than
         * the k largest; a negative one likewise from the offer. Costs a pass over the levels,
         * so it prunes states; {@link #coinsAtLeast} is the cheap one for directions.
         */
        private long coinsToCover(int level, long remainder) {
            CoinFace[][] side = remainder > 0 ? levels.payer() : levels.offer();
            long left = Math.abs(remainder);
            long coins = 0;
            for (int at = level; at < counts.length && left > 0; at++) {
                long face = levels.faces()[at];
                long taken = Math.min(side[at].length, Math.ceilDiv(left, face));
                coins += taken;
                left -= taken * face;
            }
            return left > 0 ? (long) coinsMax + 1 : coins;
        }

        /** A lower bound on the coins that pay or owe {@code remainder} from {@code level}. */
        private long coinsAtLeast(int level, long remainder) {
            if (remainder == 0) {
                return 0;
            }
            if (level == counts.length) {
                return (long) coinsMax + 1;
            }
            return Math.ceilDiv(Math.abs(remainder), levels.faces()[level]);
        }

        private boolean better(long change, long coins) {
            return change < bestChange || (change == bestChange && coins < bestCoins);
        }

        private void found(long change, long coins) {
            if (better(change, coins)) {
                assert coins <= coinsMax;
                bestChange = change;
                bestCoins = coins;
                System.arraycopy(counts, 0, bestCounts, 0, counts.length);
            }
        }

        private static long relative(long best, long sofar) {
            return best == NONE ? NONE : best - sofar;
        }

        /** The best selection found, or CHANGE_MISMATCH if there was none. */
        Selection selection() {
            if (bestChange == NONE) {
                return Selection.refused(Outcome.CHANGE_MISMATCH, steps);
            }
            List<CoinFace> payerCoins = new ArrayList<>();
            List<CoinFace> changeCoins = new ArrayList<>();
            for (int level = 0; level < bestCounts.length; level++) {
                int n = Math.toIntExact(bestCounts[level]);
                if (n > 0) {
                    payerCoins.addAll(Levels.smallestIds(levels.payer()[level], n));
                } else if (n < 0) {
                    changeCoins.addAll(Levels.smallestIds(levels.offer()[level], -n));
                }
            }
            Outcome outcome = bestChange == 0 ? Outcome.EXACT : Outcome.WITH_CHANGE;
            return new Selection(outcome, payerCoins, changeCoins, steps);
        }
    }

    /**
     * What the search proved about the states it finished: from (level, remainder) no
     * completion is lexicographically below (change, coins) with at most {@code budget}
     * coins. Open addressing with linear probing, doubling at half full, at most
     * {@link #ENTRIES_MAX} entries (past that it stops learning, which costs time, not
     * correctness); one entry per state, a newer proof replacing one that does not cover it.
     * Owned by one {@link Search}.
     */
    private static final class Memo {
        private static final int ENTRIES_MAX = 1 << 17;

        private int[] levels = new int[256];
        private long[] remainders = new long[256];
        private long[] changes = new long[256];
        private long[] coins = new long[256];
        private long[] budgets = new long[256];
        private int size;

        boolean covers(int level, long remainder, long change, long coinCount, long budget) {
            int slot = find(level, remainder);
            return levels[slot] != 0 && covered(slot, change, coinCount, budget);
        }

        void record(int level, long remainder, long change, long coinCount, long budget) {
            int slot = find(level, remainder);
            if (levels[slot] == 0) {
                if (size >= ENTRIES_MAX) {
                    return;
                }
                levels[slot] = level + 1;
                remainders[slot] = remainder;
                size++;
            } else if (covered(slot, change, coinCount, budget)) {
                return;
            }
            changes[slot] = change;
            coins[slot] = coinCount;
            budgets[slot] = budget;
            if (size * 2 > levels.length) {
                grow();
            }
        }

        private boolean covered(int slot, long change, long coinCount, long budget) {
            return budget <= budgets[slot] && (change < changes[slot]
                || (change == changes[slot] && coinCount <= coins[slot]));
        }

        /** The slot of the state, or the empty slot where it would go. */
        private int find(int level, long remainder) {
            int mask = levels.length - 1;
            long hash = (remainder ^ (level * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
            int slot = (int) (hash ^ (hash >>> 31)) & mask;
            while (levels[slot] != 0
                && (levels[slot] != level + 1 || remainders[slot] != remainder)) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            int[] oldLevels = levels;
            long[] oldRemainders = remainders;
            long[] oldChanges = changes;
            long[] oldCoins = coins;
            long[] oldBudgets = budgets;
            int capacity = oldLevels.length * 2;
            levels = new int[capacity];
            remainders = new long[capacity];
            changes = new long[capacity];
            coins = new long[capacity];
            budgets = new long[capacity];
            for (int old = 0; old < oldLevels.length; old++) {
                if (oldLevels[old] != 0) {
                    int slot = find(oldLevels[old] - 1, oldRemainders[old]);
                    levels[slot] = oldLevels[old];
                    remainders[slot] = oldRemainders[old];
                    changes[slot] = oldChanges[old];
                    coins[slot] = oldCoins[old];
                    budgets[slot] = oldBudgets[old];
                }
            }
        }
    }
}
