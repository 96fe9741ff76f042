package cnode.peer;

/**
 * The bounds of a {@link UserLocator}, validated on construction.
 *
 * @param cacheMax users whose directory answer is kept (1 to 1 000 000)
 * @param ttlMs how long a kept answer is used (1 ms to 1 h); the colony counts a node online
 *     for 2 min after its last report, so a minute keeps the answer roughly as fresh
 * @param prefetchThreads threads that run background lookups (1 to 64)
 * @param prefetchQueueMax background lookups waiting; one more is refused (1 to 65 536)
 */
public record LocatorLimits(int cacheMax, long ttlMs, int prefetchThreads,
                            int prefetchQueueMax) {
    public LocatorLimits {
        if (cacheMax < 1 || cacheMax > 1_000_000 || ttlMs < 1 || ttlMs > 3_600_000
            || prefetchThreads < 1 || prefetchThreads > 64 || prefetchQueueMax < 1
            || prefetchQueueMax > 65_536) {
            throw new IllegalArgumentException("user locator limits out of range");
        }
    }

    /** 4 096 users for 60 s; 2 threads, 256 waiting lookups. */
    public static LocatorLimits defaults() {
        return new LocatorLimits(4_096, 60_000, 2, 256);
    }
}
