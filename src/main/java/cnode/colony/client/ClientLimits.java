package cnode.colony.client;

/**
 * The bounds of a {@link ColonyClient}: how long to wait for a connection and for a whole
 * answer, and the largest reply read. Validated on construction; nothing waits or reads
 * without a bound.
 *
 * @param connectTimeoutMs at most this long to open a connection (1 ms to 10 min)
 * @param requestTimeoutMs at most this long for the whole answer (1 ms to 10 min)
 * @param replyBytesMax the largest reply body read (1 KiB to 256 MiB)
 */
public record ClientLimits(long connectTimeoutMs, long requestTimeoutMs, int replyBytesMax) {
    private static final long TIMEOUT_MS_MAX = 600_000;

    public ClientLimits {
        if (connectTimeoutMs < 1 || connectTimeoutMs > TIMEOUT_MS_MAX || requestTimeoutMs < 1
            || requestTimeoutMs > TIMEOUT_MS_MAX || replyBytesMax < 1_024
            || replyBytesMax > 256 * 1_024 * 1_024) {
            throw new IllegalArgumentException("colony client limits out of range");
        }
    }

    /** 5 s to connect, 30 s for an answer, replies up to 16 MiB. */
    public static ClientLimits defaults() {
        return new ClientLimits(5_000, 30_000, 16 * 1_024 * 1_024);
    }
}
