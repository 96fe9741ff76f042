package cnode.peer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open links of one port or client, and the timer that ends a link whose write has hung:
 * a blocking socket write has no timeout of its own, so a peer that stops reading would
 * otherwise hold the sender's lock for ever. Checks every quarter of the write timeout (50 ms
 * to 1 s). The set is thread-safe; the timer is one virtual thread, stopped by
 * {@link #close()}.
 */
final class LinkSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkSweeper.class);

    private final Set<PeerLink> links = ConcurrentHashMap.newKeySet();
    private final Thread timer;
    private volatile boolean running = true;

    LinkSweeper(String name, PeerLimits limits) {
        long periodMs = Math.max(50, Math.min(1_000, limits.writeTimeoutMs() / 4));
        this.timer = Thread.ofVirtual().name(name).start(() -> sweepEvery(periodMs));
    }

    private void sweepEvery(long periodMs) {
        while (running) {
            try {
                Thread.sleep(periodMs);
            } catch (InterruptedException stop) {
                return;
            }
            long nowNs = System.nanoTime();
            for (PeerLink link : links) {
                if (link.endIfStalled(nowNs)) {
                    LOG.warn("peer link {} ended: a write hung", link);
                }
            }
        }
    }

    void add(PeerLink link) {
        links.add(link);
    }

    void remove(PeerLink link) {
        links.remove(link);
    }

    int size() {
        return links.size();
    }

    /** Closes every link held now. */
    void closeLinks() {
        for (PeerLink link : links) {
            link.close();
        }
    }

    /** Stops the timer and closes every link. */
    @Override
    public void close() {
        running = false;
        timer.interrupt();
        closeLinks();
    }
}
