package cnode.peer;

import cnode.colony.client.ColonyUsers;
import cnode.colony.client.ColonyUsers.LocationView;
import cnode.colony.client.ColonyUsers.ProfileReply;
import cnode.colony.client.Outcome;
import cnode.crypto.PublicKey;
import cnode.stdx.Clock;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds users for the SEARCHING step and for handshakes: the directory's profile of a user
 * ({@code GET /v1/users/{user}} through {@link ColonyUsers#profile}), kept for
 * {@link LocatorLimits#ttlMs()} in a bounded cache that {@code fetchUserLocation}'s background
 * lookups ({@link #prefetch}) fill ahead of a payment.
 *
 * <p>Rules: a kept answer is used while fresh, except that a user kept as offline is asked
 * again (so a node that has just come online is seen at once); a peer location given with a
 * request is used as the address, while the key still comes from the directory; an unknown
 * user and an unreachable colony are never kept. As a {@link KeyDirectory} it answers the
 * directory's key from the same cache; a colony that cannot be asked is an
 * {@link IOException} there. Time comes from the {@link Clock}, so tests drive expiry.
 * Thread-safe: the cache is Caffeine's, the background lookups run on a small bounded pool.
 */
public final class UserLocator implements KeyDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserLocator.class);

    /** What {@link #prefetch} did with a lookup. */
    public enum Prefetch { QUEUED, ALREADY_QUEUED, QUEUE_FULL, CLOSED }

    private record Entry(PublicKey publicKey, LocationView location) {}

    /** A profile fetched: its entry, or the result that says why there is none. */
    private record Fetched(Entry entry, LocateResult failure) {}

    private final ColonyUsers users;
    private final Cache<String, Entry> cache;
    private final ThreadPoolExecutor prefetcher;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    public UserLocator(ColonyUsers users, Clock clock, LocatorLimits limits) {
        this.users = Objects.requireNonNull(users, "users");
        this.cache = Caffeine.newBuilder()
            .maximumSize(limits.cacheMax())
            .expireAfterWrite(Duration.ofMillis(limits.ttlMs()))
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.nowMs()))
            .executor(Runnable::run)
            .build();
        this.prefetcher = new ThreadPoolExecutor(limits.prefetchThreads(),
            limits.prefetchThreads(), 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.prefetchQueueMax()),
            Thread.ofVirtual().name("user-locator-", 0).factory(),
            new ThreadPoolExecutor.AbortPolicy());
        this.prefetcher.allowCoreThreadTimeOut(true);
    }

    /** Where {@code username} is now, by the directory (or the fresh kept answer). */
    public LocateResult locate(String username) throws InterruptedException {
        return locate(username, Optional.empty());
    }

    /**
     * Where {@code username} is; {@code hint}, when given (a request's peer location), is the
     * address to use even if the directory says otherwise or calls the user offline.
     */
    public LocateResult locate(String username, Optional<PeerAddress> hint)
        throws InterruptedException {
        Entry kept = cache.getIfPresent(username);
        if (kept != null && (hint.isPresent() || online(kept).isPresent())) {
            return answer(username, kept, hint);
        }
        Fetched fetched = fetch(username);
        return fetched.failure() != null ? fetched.failure()
            : answer(username, fetched.entry(), hint);
    }

    /**
     * Starts a background lookup that refreshes the kept answer for {@code username}
     * ({@code fetchUserLocation}); returns at once.
     */
    public Prefetch prefetch(String username) {
        if (prefetcher.isShutdown()) {
            return Prefetch.CLOSED;
        }
        if (!queued.add(username)) {
            return Prefetch.ALREADY_QUEUED;
        }
        try {
            prefetcher.execute(() -> prefetchNow(username));
            return Prefetch.QUEUED;
        } catch (RejectedExecutionException full) {
            queued.remove(username);
            return prefetcher.isShutdown() ? Prefetch.CLOSED : Prefetch.QUEUE_FULL;
        }
    }

    private void prefetchNow(String username) {
        try {
            Fetched fetched = fetch(username);
            LOG.debug("user {} prefetched: {}", username,
                fetched.failure() != null ? fetched.failure() : "kept");
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            queued.remove(username);
        }
    }

    /** Drops the kept answer for {@code username}, e.g. after its address did not answer. */
    public void forget(String username) {
        cache.invalidate(username);
    }

    /** Whether an answer for {@code username} is kept and fresh. */
    boolean holds(String username) {
        return cache.getIfPresent(username) != null;
    }

    @Override
    public Optional<PublicKey> publicKey(String username)
        throws IOException, InterruptedException {
        Entry kept = cache.getIfPresent(username);
        if (kept != null) {
            return Optional.of(kept.publicKey());
        }
        Fetched fetched = fetch(username);
        if (fetched.failure() instanceof LocateResult.ColonyUnreachable unreachable) {
            throw new IOException("the directory could not be asked: " + unreachable.detail());
        }
        return fetched.failure() != null ? Optional.empty()
            : Optional.of(fetched.entry().publicKey());
    }

    private Fetched fetch(String username) throws InterruptedException {
        Outcome<ProfileReply> outcome;
        try {
            outcome = users.profile(username);
        } catch (IOException unreachable) {
            return new Fetched(null, new LocateResult.ColonyUnreachable(
                unreachable.getMessage()));
        }
        if (outcome instanceof Outcome.Refused<ProfileReply> refused) {
            if (refused.refusal().error().equals("UNKNOWN_USER")) {
                cache.invalidate(username);
                return new Fetched(null, new LocateResult.UnknownUser(username));
            }
            return new Fetched(null,
                new LocateResult.ColonyUnreachable(refused.refusal().line()));
        }
        ProfileReply profile = ((Outcome.Ok<ProfileReply>) outcome).reply();
        Optional<PublicKey> key = PublicKey.parse(profile.publicKey());
        if (key.isEmpty() || profile.location() == null) {
            return new Fetched(null, new LocateResult.ColonyUnreachable(
                "the directory's profile of " + username + " is not well-formed"));
        }
        Entry entry = new Entry(key.get(), profile.location());
        cache.put(username, entry);
        return new Fetched(entry, null);
    }

    private static LocateResult answer(String username, Entry entry,
                                       Optional<PeerAddress> hint) {
        Optional<PeerAddress> address = hint.isPresent() ? hint : online(entry);
        return address.<LocateResult>map(at -> new LocateResult.Found(username, at,
                entry.publicKey()))
            .orElse(new LocateResult.Offline(username));
    }

    private static Optional<PeerAddress> online(Entry entry) {
        return entry.location().online() ? PeerAddress.parse(entry.location().address())
            : Optional.empty();
    }

    /** Stops the background lookups; the cache stays usable. */
    @Override
    public void close() {
        prefetcher.shutdownNow();
    }
}
