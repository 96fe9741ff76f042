package cnode.wallet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk of requests waiting for a person's decision on the web page. Whoever receives a
 * request that the wallet policy says to ask about {@linkplain #offer offers} it here and gets
 * a future of the {@link Verdict}; the page lists {@link #pending()} and calls
 * {@link #decide}; the requester's side calls {@link #withdraw} when the request is cancelled
 * or times out. Every offered future completes exactly once.
 *
 * <p>Invariants: at most {@code pendingMax} requests wait (beyond that an offer is answered
 * {@link Verdict#DESK_FULL} at once, since no person could see it); an id is pending at most
 * once; the verdicts of the last {@code pendingMax} closed requests are remembered so that a
 * late click is told "already decided" rather than "unknown", and a repeated offer of a closed
 * id gets the same verdict again. State is guarded by this object's monitor and touched by any
 * thread; futures are completed outside the monitor, on the deciding thread, so whatever
 * depends on them runs there and never under the lock.
 */
public final class Decisions {
    private static final Logger LOG = LoggerFactory.getLogger(Decisions.class);
    /** The largest desk the node accepts at start-up. */
    public static final int PENDING_MAX_LIMIT = 100_000;

    /** How a request was closed: by the person, by its requester, or not shown at all. */
    public enum Verdict {
        /** The person accepted. */
        ACCEPT,
        /** The person rejected. */
        REJECT,
        /** The requester withdrew it (cancelled or timed out) before the person decided. */
        WITHDRAWN,
        /** The desk was full, so nobody was asked; treat it as refused for overload. */
        DESK_FULL
    }

    /** What a person's click achieved. */
    public enum Outcome {
        /** The verdict was recorded and the requester's future completed with it. */
        DECIDED,
        /** No request with this id is waiting or was closed recently. */
        UNKNOWN,
        /** Someone (another tab, another click) decided it first. */
        ALREADY_DECIDED,
        /** The requester withdrew it first. */
        WITHDRAWN
    }

    private record Waiting(PendingDecision request, CompletableFuture<Verdict> verdict) {}

    private final int pendingMax;
    /** In the order offered, which is the order the page lists them (oldest first). */
    private final LinkedHashMap<String, Waiting> waiting = new LinkedHashMap<>();
    /** Verdicts of recently closed requests, oldest evicted first. */
    private final LinkedHashMap<String, Verdict> closed;

    /** A desk for at most {@code pendingMax} waiting requests (1 to 100 000). */
    public Decisions(int pendingMax) {
        if (pendingMax < 1 || pendingMax > PENDING_MAX_LIMIT) {
            throw new IllegalArgumentException("the decision desk holds 1 to "
                + PENDING_MAX_LIMIT + " requests, not " + pendingMax);
        }
        this.pendingMax = pendingMax;
        this.closed = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
                return size() > Decisions.this.pendingMax;
            }
        };
    }

    /**
     * Puts {@code request} before the person. The future completes with ACCEPT or REJECT when
     * the person decides, WITHDRAWN after {@link #withdraw}, or DESK_FULL at once when the desk
     * is full. Offering an id that is already waiting returns the same future; offering one
     * closed recently returns its verdict again, so a redelivered request is never asked twice.
     */
    public CompletableFuture<Verdict> offer(PendingDecision request) {
        synchronized (this) {
            Waiting known = waiting.get(request.id());
            if (known != null) {
                return known.verdict();
            }
            Verdict before = closed.get(request.id());
            if (before != null) {
                return CompletableFuture.completedFuture(before);
            }
            if (waiting.size() < pendingMax) {
                Waiting fresh = new Waiting(request, new CompletableFuture<>());
                waiting.put(request.id(), fresh);
                LOG.info("decision {} waits: {} from {} for {} billons {}", request.id(),
                    request.kind(), request.from(), request.amountBillons(), request.currency());
                return fresh.verdict();
            }
        }
        LOG.warn("decision {} refused: the desk holds {} requests already", request.id(),
            pendingMax);
        return CompletableFuture.completedFuture(Verdict.DESK_FULL);
    }

    /** The requests waiting now, oldest first. */
    public synchronized List<PendingDecision> pending() {
        List<PendingDecision> list = new ArrayList<>(waiting.size());
        for (Waiting each : waiting.values()) {
            list.add(each.request());
        }
        return List.copyOf(list);
    }

    /** How many requests wait now. */
    public synchronized int pendingCount() {
        return waiting.size();
    }

    /**
     * The person's verdict on request {@code id}: ACCEPT or REJECT (anything else is a bug).
     * Of concurrent decisions on one id exactly one is DECIDED.
     */
    public Outcome decide(String id, Verdict verdict) {
        if (verdict != Verdict.ACCEPT && verdict != Verdict.REJECT) {
            throw new IllegalArgumentException("a person accepts or rejects, not " + verdict);
        }
        Waiting decided;
        synchronized (this) {
            decided = waiting.remove(id);
            if (decided == null) {
                Verdict before = closed.get(id);
                if (before == null) {
                    return Outcome.UNKNOWN;
                }
                return before == Verdict.WITHDRAWN ? Outcome.WITHDRAWN : Outcome.ALREADY_DECIDED;
            }
            closed.put(id, verdict);
        }
        LOG.info("decision {} from {}: {}", id, decided.request().from(), verdict);
        decided.verdict().complete(verdict);
        return Outcome.DECIDED;
    }

    /**
     * Takes request {@code id} off the desk because its requester cancelled it or it timed
     * out; its future completes WITHDRAWN. Returns whether it was still waiting.
     */
    public boolean withdraw(String id) {
        Waiting gone;
        synchronized (this) {
            gone = waiting.remove(id);
            if (gone == null) {
                return false;
            }
            closed.put(id, Verdict.WITHDRAWN);
        }
        LOG.info("decision {} withdrawn by {}", id, gone.request().from());
        gone.verdict().complete(Verdict.WITHDRAWN);
        return true;
    }
}
