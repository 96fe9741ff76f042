package cnode.bench;

import java.util.function.BooleanSupplier;

/**
 * The bench's measured window, on its own platform thread ({@code bench-sampler}): it waits
 * for the warm-up to pass (or the load to stop first), takes the first CPU snapshot and turns
 * JFR counting on, then watches every {@link #POLL_MS} until the load stops starting payments,
 * and takes the second snapshot. Its fields are written by that thread and read after
 * {@link #join}.
 */
final class MeasuredWindow {
    private static final long POLL_MS = 5;

    private final long warmUpEndsNs;
    private final BooleanSupplier stopped;
    private final JavaProfile profile;
    private final Thread thread;
    private CpuSampler.Snapshot from;
    private CpuSampler.Snapshot to;

    /** Starts watching; the warm-up is counted from now. */
    MeasuredWindow(long warmUpMs, BooleanSupplier stopped, JavaProfile profile) {
        this.warmUpEndsNs = System.nanoTime() + warmUpMs * 1_000_000;
        this.stopped = stopped;
        this.profile = profile;
        this.thread = Thread.ofPlatform().name("bench-sampler").daemon().start(this::watch);
    }

    private void watch() {
        try {
            while (System.nanoTime() < warmUpEndsNs && !stopped.getAsBoolean()) {
                Thread.sleep(POLL_MS);
            }
            from = CpuSampler.take();
            profile.counting(true);
            while (!stopped.getAsBoolean()) {
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            profile.counting(false);
            to = CpuSampler.take();
            if (from == null) {
                from = to;
            }
        }
    }

    /** Waits for the window to close (the load must stop first). */
    void join() throws InterruptedException {
        thread.join();
    }

    CpuSampler.Snapshot from() {
        return from;
    }

    CpuSampler.Snapshot to() {
        return to;
    }
}
