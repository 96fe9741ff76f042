package cnode.wallet;

import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.ColonyVault.HoldingsChangesReply;
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
    private final AtomicInteger changeCalls = new AtomicInteger();
    /** Whether pages carry a version (a colony with the changes feed); off by default. */
    private boolean versions;
    /** The change sequence: each put or remove is one change. */
    private long sequence;
    /** Changes below or at this are forgotten: asking since them is CHANGES_GONE. */
    private long horizon;
    /** The latest change of each coin id ever held, by sequence: the id, gone or not. */
    private final TreeMap<Long, String> changes = new TreeMap<>();
    private final Map<String, Long> changedAt = new java.util.HashMap<>();

    public synchronized void put(CoinView coin) {
        coins.put(coin.id(), coin);
        changed(coin.id());
    }

    public synchronized void remove(String id) {
        coins.remove(id);
        changed(id);
    }

    private void changed(String id) {
        sequence++;
        Long before = changedAt.put(id, sequence);
        if (before != null) {
            changes.remove(before);
        }
        changes.put(sequence, id);
    }

    /** Pages carry a version and {@link #changes} answers, as a colony with the feed does. */
    public synchronized void versions(boolean on) {
        this.versions = on;
    }

    /** Forgets every change so far: a version from before is answered CHANGES_GONE. */
    public synchronized void forgetChanges() {
        horizon = sequence;
    }

    public int changeCalls() {
        return changeCalls.get();
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
        return new HoldingsReply(page, more ? page.getLast().id() : null,
            versions ? "v" + sequence : null);
    }

    @Override
    public Outcome<HoldingsChangesReply> changes(SessionToken session, String user, String since,
                                                 int limit)
        throws IOException, InterruptedException {
        changeCalls.incrementAndGet();
        switch (mode) {
            case UNREACHABLE -> throw new IOException("connection refused");
            case REFUSE -> {
                return Outcome.refused(401, "SESSION_EXPIRED", "The session has expired.");
            }
            case SERVE -> {
                return changesSince(since, limit);
            }
        }
        throw new IllegalStateException("no mode");
    }

    private synchronized Outcome<HoldingsChangesReply> changesSince(String since, int limit) {
        long from = since.startsWith("v") ? Long.parseLong(since.substring(1)) : -1;
        if (!versions || from < horizon || from > sequence) {
            return Outcome.refused(410, "CHANGES_GONE", "Those changes are no longer known.");
        }
        List<CoinView> held = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        long last = from;
        for (Map.Entry<Long, String> change : changes.tailMap(from, false).entrySet()) {
            if (held.size() == limit) {
                return Outcome.ok(new HoldingsChangesReply(held, gone, "v" + last, true));
            }
            CoinView coin = coins.get(change.getValue());
            if (coin == null) {
                gone.add(change.getValue());
            } else {
                held.add(coin);
            }
            last = change.getKey();
        }
        return Outcome.ok(new HoldingsChangesReply(held, gone, "v" + sequence, false));
    }
}
