package cnode.wallet;

import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.ColonyVault.HoldingsReply;
import cnode.colony.client.Outcome;
import cnode.colony.client.SessionToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry's holdings in memory, paged like the colony's endpoint (id order, {@code next}
 * only when more follow), that a test can make unreachable, refuse, or hold at a gate so that
 * concurrent readers meet while a fetch runs. Counts the pages served. Thread-safe.
 */
public final class FakeHoldings implements HoldingsSource {
    /** How a page call ends. */
    public enum Mode { SERVE, UNREACHABLE, REFUSE }

    private final Map<String, CoinView> coins = new TreeMap<>();
    private final AtomicInteger pages = new AtomicInteger();
    private volatile Mode mode = Mode.SERVE;
    private volatile CountDownLatch gate;
    private volatile CountDownLatch entered;

    public synchronized void put(CoinView coin) {
        coins.put(coin.id(), coin);
    }

    public synchronized void remove(String id) {
        coins.remove(id);
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Holds every page call until {@code open} counts down; {@code arrived} on entry. */
    public void gate(CountDownLatch arrived, CountDownLatch open) {
        this.entered = arrived;
        this.gate = open;
    }

    public int pages() {
        return pages.get();
    }

    @Override
    public Outcome<HoldingsReply> page(SessionToken session, String user, String after,
                                       int limit) throws IOException, InterruptedException {
        pages.incrementAndGet();
        CountDownLatch arrived = entered;
        if (arrived != null) {
            arrived.countDown();
        }
        CountDownLatch open = gate;
        if (open != null && !open.await(10, TimeUnit.SECONDS)) {
            throw new IOException("test gate never opened");
        }
        switch (mode) {
            case UNREACHABLE -> throw new IOException("connection refused");
            case REFUSE -> {
                return Outcome.refused(401, "SESSION_EXPIRED", "The session has expired.");
            }
            case SERVE -> {
                return Outcome.ok(serve(after, limit));
            }
        }
        throw new IllegalStateException("no mode");
    }

    private synchronized HoldingsReply serve(String after, int limit) {
        List<CoinView> page = new ArrayList<>();
        boolean more = false;
        for (CoinView coin : coins.values()) {
            if (coin.id().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(coin);
        }
        return new HoldingsReply(page, more ? page.getLast().id() : null);
    }
}
