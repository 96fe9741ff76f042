package cnode.wallet;

import cnode.node.NodeUser;
import cnode.stdx.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's cache of its user's coins (contract §5: "a node caches its user's coins and
 * reserves the ones a running task needs"). The colony's registry is the truth; this is a copy
 * read from {@code GET /v1/users/{user}/holdings} (every page) when a user is attached, and
 * brought up to date by a read when the copy is older than {@link WalletLimits#maxAgeMs}
 * (only what changed since, as {@link HoldingsReader} asks). Readers get a
 * {@link WalletView}; tasks reserve coins here so that two tasks never pay with the same coin.
 *
 * <p>Invariants: at most {@link WalletLimits#coinsMax} coins are cached (a user with more is
 * shown the first ones by id, and the log says so); a coin is reserved by at most one task; the
 * cache and the reservations belong to the attached user only and are dropped when another is
 * attached or the user is detached. At most one fetch runs at a time: readers that find the
 * copy too old while a fetch runs wait for that fetch instead of starting their own
 * (single-flight). After a failed fetch, reads answer the last copy (STALE) and the next fetch
 * is tried only once the max age has passed again, so a dead colony is not hammered.
 *
 * <p>Threads: any thread may call any method. The state is guarded by one monitor, held only
 * for memory work; the fetch itself runs on the reader's thread outside it, its wait bounded by
 * the colony client's timeouts and the number of pages.
 */
public final class Wallet {
    private static final Logger LOG = LoggerFactory.getLogger(Wallet.class);

    private final HoldingsReader reader;
    private final Clock clock;
    private final WalletLimits limits;
    private final Object lock = new Object();

    // Guarded by lock.
    /** Bumped by attach and detach, so a fetch for an earlier user is thrown away. */
    private long generation;
    private NodeUser user;
    private WalletCopy loaded;
    private boolean lastFetchFailed;
    private boolean invalidated;
    private boolean receiptsPending;
    private long attemptedAtMs;
    private CompletableFuture<WalletCopy> inFlight;
    /** Fetches started so far; a spent coin notes the count when it was spent. */
    private long fetchesStarted;
    /**
     * Coins a committed swap took away, with {@link #fetchesStarted} at that moment: the copy
     * leaves them out until a fetch that started after the spend lands (one that started
     * before may still list them).
     */
    private final Map<String, Long> spentCoins = new HashMap<>();
    private final Map<String, List<String>> coinsByTask = new HashMap<>();
    private final Map<String, String> taskByCoin = new HashMap<>();
    /**
     * The copy as a book of coins, made from the holdings of {@code loaded} at {@code
     * bookAtMs} and true until new holdings land or a coin expires ({@link
     * CoinBook#changesAtMs}).
     */
    private CoinBook book;
    private Map<String, Holding> bookOf;
    private long bookAtMs;
    /** The last picture answered: the book with the reservations and spent coins of now. */
    private WalletView lastView;

    public Wallet(HoldingsSource source, Clock clock, WalletLimits limits) {
        if (source == null || clock == null || limits == null) {
            throw new IllegalArgumentException("a wallet needs a source, a clock and limits");
        }
        this.reader = new HoldingsReader(source, limits);
        this.clock = clock;
        this.limits = limits;
    }

    /** A fetch a reader started (mine) or joined. */
    private record Fetch(CompletableFuture<WalletCopy> future, long generation, NodeUser user,
                         WalletCopy previous, long serial, boolean mine) {}

    /**
     * Attaches {@code user} (just logged in), reads the user's coins from the colony and
     * answers that read. Another user's cache and reservations are dropped first; the same
     * user again (a renewed session) keeps both, so a running task keeps its coins, and only
     * the session used for the next fetch changes.
     */
    public WalletRead attach(NodeUser user) {
        if (user == null) {
            throw new IllegalArgumentException("attach a user; detach() for nobody");
        }
        boolean renewed;
        synchronized (lock) {
            renewed = this.user != null && this.user.username().equals(user.username());
            if (!renewed) {
                reset();
            }
            this.user = user;
            invalidated = true;
        }
        LOG.info("wallet attached to {}{}", user.username(), renewed ? " (new session)" : "");
        return read();
    }

    /** Detaches the user (logout): the cache and every reservation are dropped. */
    public void detach() {
        String was;
        synchronized (lock) {
            was = user == null ? null : user.username();
            reset();
        }
        if (was != null) {
            LOG.info("wallet detached from {}", was);
        }
    }

    private void reset() {
        assert Thread.holdsLock(lock);
        generation++;
        user = null;
        loaded = null;
        lastFetchFailed = false;
        invalidated = false;
        receiptsPending = false;
        inFlight = null;
        spentCoins.clear();
        book = null;
        bookOf = null;
        coinsByTask.clear();
        taskByCoin.clear();
        changed();
    }

    /** The reservations or the spent coins changed: the next answer makes a new picture. */
    private void changed() {
        assert Thread.holdsLock(lock);
        lastView = null;
    }

    /**
     * Makes the next read fetch from the colony whatever the copy's age, e.g. after a swap this
     * node committed. A fetch already running is not repeated.
     */
    public void invalidate() {
        synchronized (lock) {
            invalidated = true;
        }
    }

    /**
     * The user's money now: from the cache when it is young enough, else after a fetch (this
     * reader's, or the one already running). A failed fetch answers the last copy as STALE,
     * or UNREACHABLE when there is none.
     */
    public WalletRead read() {
        Fetch fetch;
        synchronized (lock) {
            if (user == null) {
                return WalletRead.without(WalletRead.State.NOT_ATTACHED);
            }
            long nowMs = clock.nowMs();
            if (inFlight == null) {
                if (!due(nowMs)) {
                    return answer(nowMs);
                }
                inFlight = new CompletableFuture<>();
                attemptedAtMs = nowMs;
                invalidated = false;
                fetchesStarted++;
                fetch = new Fetch(inFlight, generation, user, loaded, fetchesStarted, true);
            } else {
                fetch = new Fetch(inFlight, generation, null, null, 0, false);
            }
        }
        if (fetch.mine()) {
            run(fetch);
        } else {
            await(fetch.future());
        }
        synchronized (lock) {
            if (user == null) {
                return WalletRead.without(WalletRead.State.NOT_ATTACHED);
            }
            return answer(clock.nowMs());
        }
    }

    /**
     * {@link #read()} on behalf of {@code username}: NOT_ATTACHED when the wallet holds
     * another user's coins (a login or logout is under way), so a reply never mixes one user's
     * name with another's money.
     */
    public WalletRead readAs(String username) {
        synchronized (lock) {
            if (user == null || !user.username().equals(username)) {
                return WalletRead.without(WalletRead.State.NOT_ATTACHED);
            }
        }
        WalletRead read = read();
        if (read.view() != null && !read.view().username().equals(username)) {
            return WalletRead.without(WalletRead.State.NOT_ATTACHED);
        }
        return read;
    }

    private boolean due(long nowMs) {
        assert Thread.holdsLock(lock);
        boolean neverTried = loaded == null && !lastFetchFailed;
        return neverTried || invalidated || nowMs - attemptedAtMs > limits.maxAgeMs();
    }

    private WalletRead answer(long nowMs) {
        assert Thread.holdsLock(lock);
        if (loaded == null) {
            return WalletRead.without(WalletRead.State.UNREACHABLE);
        }
        boolean bookTrue = book != null && bookOf == loaded.holdings() && nowMs >= bookAtMs
            && nowMs < book.changesAtMs();
        if (!bookTrue) {
            book = CoinBook.of(loaded.holdings(), nowMs);
            bookOf = loaded.holdings();
            bookAtMs = nowMs;
            lastView = null;
        }
        if (lastView == null) {
            lastView = WalletView.over(loaded.username(), book, taskByCoin.keySet(),
                spentCoins.keySet(), loaded.fetchedAtMs(), loaded.truncated());
        }
        return new WalletRead(lastFetchFailed ? WalletRead.State.STALE
            : WalletRead.State.FRESH, lastView);
    }

    private void run(Fetch fetch) {
        WalletCopy fresh = null;
        try {
            fresh = reader.read(fetch.user(), fetch.previous(), clock.nowMs());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                if (generation == fetch.generation()) {
                    inFlight = null;
                    lastFetchFailed = fresh == null;
                    if (fresh != null) {
                        loaded = fresh;
                        spentCoins.values().removeIf(serial -> serial < fetch.serial());
                        changed();
                    }
                }
            }
            fetch.future().complete(fresh);
        }
    }

    private static void await(CompletableFuture<WalletCopy> future) {
        try {
            future.get();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException("a wallet fetch never completes exceptionally",
                impossible);
        }
    }

    /**
     * Reserves {@code coinIds} for {@code taskId}, all or none, judged on the last copy read:
     * the guards of {@link Reservation} in their order, then the point of no return.
     *
     * @param coinIds distinct ids, at least one
     */
    public Reservation reserve(String taskId, List<String> coinIds) {
        if (taskId == null || taskId.isEmpty() || coinIds.isEmpty()
            || new HashSet<>(coinIds).size() != coinIds.size()) {
            throw new IllegalArgumentException("reserve needs a task id and distinct coin ids");
        }
        synchronized (lock) {
            if (user == null || loaded == null) {
                return Reservation.NOT_ATTACHED;
            }
            if (coinsByTask.containsKey(taskId)) {
                return Reservation.TASK_HOLDS_COINS;
            }
            for (String id : coinIds) {
                Holding holding = loaded.holdings().get(id);
                if (holding == null || holding.place() == Holding.Place.VAULT
                    || spentCoins.containsKey(id)) {
                    return Reservation.NOT_HELD;
                }
            }
            long nowMs = clock.nowMs();
            for (String id : coinIds) {
                Holding holding = loaded.holdings().get(id);
                if (taskByCoin.containsKey(id)
                    || holding.standing(false, nowMs) != CoinStanding.FREE) {
                    return Reservation.NOT_FREE;
                }
            }
            // Point of no return: the coins are this task's until it releases them.
            coinsByTask.put(taskId, List.copyOf(coinIds));
            coinIds.forEach(id -> taskByCoin.put(id, taskId));
            changed();
            assert taskByCoin.size() == coinsByTask.values().stream().mapToInt(List::size).sum();
            return Reservation.RESERVED;
        }
    }

    /** Releases the coins {@code taskId} reserved; how many (0 when it held none). */
    public int release(String taskId) {
        synchronized (lock) {
            List<String> coins = coinsByTask.remove(taskId);
            if (coins == null) {
                return 0;
            }
            coins.forEach(taskByCoin::remove);
            changed();
            return coins.size();
        }
    }

    /**
     * A swap this node committed took the coins {@code taskId} reserved away from the user:
     * they leave the copy at once (so nothing chooses them again before the next read) and
     * the reservation ends. Coins the swap brought in appear with the next read, within the
     * max age; reading everything again after each payment would cost every payment a walk
     * over all the user's coins. Returns how many coins left the copy.
     */
    public int spent(String taskId) {
        synchronized (lock) {
            List<String> gone = coinsByTask.getOrDefault(taskId, List.of());
            int removed = 0;
            if (loaded != null) {
                for (String id : gone) {
                    if (loaded.holdings().containsKey(id)
                        && spentCoins.put(id, fetchesStarted) == null) {
                        removed++;
                    }
                }
            }
            // What the swap brought in is not in the copy yet: a read that shows balances
            // (readSettled) reads again first, so nobody sees the money dip in between.
            receiptsPending = true;
            release(taskId);
            return removed;
        }
    }

    /**
     * {@link #readAs} for a read that shows the user's money (getMoneyStatus, getCoinList, the
     * page): when a committed swap brought coins in since the last read from the colony, the
     * copy is read again first, so balances never show a payment half applied. Payment steps
     * use {@link #readAs}, which only needs the free coins to be right.
     */
    public WalletRead readSettled(String username) {
        synchronized (lock) {
            if (receiptsPending) {
                receiptsPending = false;
                invalidated = true;
            }
        }
        return readAs(username);
    }

    /** The coins {@code taskId} holds, in the order it reserved them; empty when none. */
    public List<String> reservedBy(String taskId) {
        synchronized (lock) {
            return new ArrayList<>(coinsByTask.getOrDefault(taskId, List.of()));
        }
    }

    /** The ids of every coin reserved here, by any task. */
    public Set<String> reservedHere() {
        synchronized (lock) {
            return Set.copyOf(taskByCoin.keySet());
        }
    }
}
