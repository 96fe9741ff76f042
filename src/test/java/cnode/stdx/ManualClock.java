package cnode.stdx;

import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand, so time-driven rules are checked without waiting. */
public final class ManualClock implements Clock {
    private final AtomicLong nowMs;

    public ManualClock(long startMs) {
        this.nowMs = new AtomicLong(startMs);
    }

    @Override
    public long nowMs() {
        return nowMs.get();
    }

    public long advanceMs(long deltaMs) {
        return nowMs.addAndGet(deltaMs);
    }
}
