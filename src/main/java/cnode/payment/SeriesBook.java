package cnode.payment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The series this merchant node runs (contract §5): for each accepted series its payer, its
 * limits (count, total, end; 0 for none) and what its requests used, and the queue its
 * requests wait in. Requests of one series run one after another, in the order they came; a
 * request that fails ends every request queued behind it at that moment
 * (FINISHED_ERR_CANCELLED_DUE_TO_PREVIOUS_ERROR), and a series that ended cancels the ones
 * still queued. Only payments that finished OK use the series' limits. Thread-safe: each
 * series' counters are guarded by its own monitor; the queue is a fair lock.
 */
public final class SeriesBook {
    public static final int SERIES_MAX = 100_000;

    /** How a request's turn came: it may run, or it is cancelled and why. */
    enum Turn { RUN, CANCELLED_DUE_TO_PREVIOUS_ERROR, SERIES_ENDED, GONE }

    /** How a charge against the series' limits went. */
    enum Charge { CHARGED, COUNT_EXCEEDED, TOTAL_EXCEEDED, TIME_EXCEEDED, SERIES_ENDED }

    /** One accepted series. */
    static final class Series {
        final String payer;
        final long paymentsMax;
        final long totalMax;
        final String currency;
        final long endsAtMs;
        final ReentrantLock queue = new ReentrantLock(true);
        private long payments;
        private long total;
        private long failures;
        private boolean ended;

        Series(String payer, long paymentsMax, long totalMax, String currency, long endsAtMs) {
            this.payer = payer;
            this.paymentsMax = paymentsMax;
            this.totalMax = totalMax;
            this.currency = currency;
            this.endsAtMs = endsAtMs;
        }

        synchronized long failures() {
            return failures;
        }

        synchronized boolean ended() {
            return ended;
        }
    }

    private final Map<String, Series> series = new ConcurrentHashMap<>();

    /** Records an accepted series; false when the book is full. */
    public boolean accepted(String seriesId, String payer, long paymentsMax, long totalMax,
                            String currency, long endsAtMs) {
        if (series.size() >= SERIES_MAX && !series.containsKey(seriesId)) {
            return false;
        }
        series.put(seriesId, new Series(payer, paymentsMax, totalMax, currency, endsAtMs));
        return true;
    }

    /** Whether {@code seriesId} is an accepted, running series of {@code payer}. */
    public boolean runs(String seriesId, String payer) {
        Series known = series.get(seriesId);
        return known != null && known.payer.equals(payer) && !known.ended();
    }

    /** Ends a series: requests still queued are cancelled when their turn comes. */
    public void ended(String seriesId) {
        Series known = series.get(seriesId);
        if (known != null) {
            synchronized (known) {
                known.ended = true;
            }
        }
    }

    /** The failures counted so far, read when a request joins the queue. */
    long failuresSoFar(String seriesId) {
        Series known = series.get(seriesId);
        return known == null ? 0 : known.failures();
    }

    /** Waits for the request's turn; the caller runs, then calls {@link #done}. */
    Turn await(String seriesId, long failuresAtJoin, long timeoutMs)
        throws InterruptedException {
        Series known = series.get(seriesId);
        if (known == null) {
            return Turn.SERIES_ENDED;
        }
        if (!known.queue.tryLock(timeoutMs, TimeUnit.MILLISECONDS)) {
            return Turn.GONE;
        }
        if (known.ended()) {
            known.queue.unlock();
            return Turn.SERIES_ENDED;
        }
        if (known.failures() > failuresAtJoin) {
            known.queue.unlock();
            return Turn.CANCELLED_DUE_TO_PREVIOUS_ERROR;
        }
        return Turn.RUN;
    }

    /** Checks a payment of {@code amount} against the limits and counts it if it fits. */
    Charge charge(String seriesId, long amount, long nowMs) {
        Series known = series.get(seriesId);
        if (known == null) {
            return Charge.SERIES_ENDED;
        }
        synchronized (known) {
            if (known.ended) {
                return Charge.SERIES_ENDED;
            }
            if (known.endsAtMs != 0 && nowMs >= known.endsAtMs) {
                return Charge.TIME_EXCEEDED;
            }
            if (known.paymentsMax != 0 && known.payments + 1 > known.paymentsMax) {
                return Charge.COUNT_EXCEEDED;
            }
            long total = Math.addExact(known.total, amount);
            if (known.totalMax != 0 && total > known.totalMax) {
                return Charge.TOTAL_EXCEEDED;
            }
            known.payments++;
            known.total = total;
            return Charge.CHARGED;
        }
    }

    /**
     * The request's end: a payment that was charged but did not finish OK gives its share
     * back; a failure cancels what is queued behind it; the queue moves on.
     */
    void done(String seriesId, boolean charged, long amount, boolean ok) {
        Series known = series.get(seriesId);
        if (known == null) {
            return;
        }
        synchronized (known) {
            if (charged && !ok) {
                known.payments--;
                known.total -= amount;
            }
            if (!ok) {
                known.failures++;
            }
        }
        if (known.queue.isHeldByCurrentThread()) {
            known.queue.unlock();
        }
    }
}
