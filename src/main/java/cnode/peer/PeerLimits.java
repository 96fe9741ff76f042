package cnode.peer;

/**
 * Every bound of the peer-to-peer port and client, in one place, validated on construction so
 * a bad value refuses to start (docs/PEER-PROTOCOL.md, "Limits"). Immutable.
 *
 * @param frameBytesMax the largest frame, counted after its 4-byte length (1 KiB to 16 MiB)
 * @param handshakeTimeoutMs the whole handshake, from accept or connect to the link being up
 * @param readTimeoutMs once a frame's first byte has arrived, the rest must follow within this
 * @param idleTimeoutMs a link that receives nothing this long, with nothing in flight, closes
 * @param writeTimeoutMs a frame whose write has not finished after this long closes the link
 * @param connectionsMax connections a port holds at once; one more is refused at accept
 * @param inFlightMax requests in flight on one link in each direction
 * @param requestTimeoutMsMax the longest wait a caller may ask of {@link PeerLink#request}
 * @param connectTimeoutMs one TCP connect attempt
 * @param connectAttempts connect attempts before a peer counts as unreachable
 * @param retryBackoffMs the pause after the first failed attempt; it doubles after each
 * @param linksMax links a {@link PeerClient} keeps open; the least recently used goes first
 */
public record PeerLimits(int frameBytesMax, long handshakeTimeoutMs, long readTimeoutMs,
                         long idleTimeoutMs, long writeTimeoutMs, int connectionsMax,
                         int inFlightMax, long requestTimeoutMsMax, long connectTimeoutMs,
                         int connectAttempts, long retryBackoffMs, int linksMax) {
    private static final long TIMEOUT_MS_MAX = 3_600_000;

    public PeerLimits {
        check(frameBytesMax >= 1_024 && frameBytesMax <= 16 * 1_024 * 1_024, "frameBytesMax");
        check(inRange(handshakeTimeoutMs), "handshakeTimeoutMs");
        check(inRange(readTimeoutMs), "readTimeoutMs");
        check(inRange(idleTimeoutMs), "idleTimeoutMs");
        check(inRange(writeTimeoutMs), "writeTimeoutMs");
        check(connectionsMax >= 1 && connectionsMax <= 65_536, "connectionsMax");
        check(inFlightMax >= 1 && inFlightMax <= 4_096, "inFlightMax");
        check(inRange(requestTimeoutMsMax), "requestTimeoutMsMax");
        check(inRange(connectTimeoutMs), "connectTimeoutMs");
        check(connectAttempts >= 1 && connectAttempts <= 10, "connectAttempts");
        check(retryBackoffMs >= 0 && retryBackoffMs <= 60_000, "retryBackoffMs");
        check(linksMax >= 1 && linksMax <= 65_536, "linksMax");
    }

    /**
     * 64 KiB frames; 5 s handshake; 10 s to finish a frame or a write; 2 min idle; 256
     * connections; 64 requests in flight per link and direction; requests wait at most 10 min;
     * 3 s per connect, 3 attempts, 200 ms back-off doubling; 64 cached links.
     */
    public static PeerLimits defaults() {
        return new PeerLimits(65_536, 5_000, 10_000, 120_000, 10_000, 256, 64, 600_000, 3_000,
            3, 200, 64);
    }

    private static boolean inRange(long timeoutMs) {
        return timeoutMs >= 1 && timeoutMs <= TIMEOUT_MS_MAX;
    }

    private static void check(boolean ok, String name) {
        if (!ok) {
            throw new IllegalArgumentException("peer limit out of range: " + name);
        }
    }
}
