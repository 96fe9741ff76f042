package cnode.bench;

import cnode.bench.BenchNetwork.Member;
import cnode.cli.BenchConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load: {@link BenchConfig#concurrency} platform threads ({@code bench-generator-N}), each
 * taking the next payment number, waiting for its slot when a rate is set, asking a merchant
 * node over SOAP for that payment (payment {@code i} goes to merchant {@code i mod M}, with its
 * own uniqueTransferId), then following the task with {@code waitForTask} until it ends.
 * Thread {@code t} always asks payer {@code t mod N}: with no more threads than payers, each
 * payer pays one payment at a time, as a person's wallet does; with more, payers pay several
 * at once (see docs/PERFORMANCE.md for what that costs). Starting stops when the count is
 * reached, the duration has passed, or a thread's payer has spent every coin it was given;
 * each payment is followed for at most {@link #PAYMENT_LIMIT_NS}. Each thread keeps its own
 * records; {@link #run} returns them all once every thread's last payment ended.
 *
 * <p>Each thread owns its {@link MerchantSoap} (one keep-alive connection per merchant port).
 * A thread whose load ended stays parked until {@link #close}: the bench's CPU snapshot, taken
 * just after starting stopped, sees only live threads, and the generator's CPU would otherwise
 * leave its group with them. {@link #close} releases the threads, which close their
 * connections, and waits for them. {@link #run} and {@link #close} are called by one thread.
 */
final class PaymentGenerator implements AutoCloseable {
    /** The longest a payment is followed before it counts as {@link #GAVE_UP}. */
    static final long PAYMENT_LIMIT_NS = 120_000_000_000L;
    /** The end of a payment the generator stopped following. */
    static final String GAVE_UP = "GAVE_UP_FOLLOWING";
    /** The end of a payment whose SOAP call failed (no answer, broken connection). */
    static final String NO_ANSWER = "NO_ANSWER";
    /** A payment started later than this after its slot counts as late. */
    static final long LATE_NS = 50_000_000L;
    private static final long CLOSE_WAIT_MS = 10_000;

    private final BenchConfig config;
    private final List<Member> merchants;
    private final List<String> payers;
    private final String runId;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong stoppedAtNs = new AtomicLong();
    private final AtomicIntegerArray spent;
    private final CountDownLatch ended;
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private volatile long startedAtNs;

    PaymentGenerator(BenchConfig config, List<Member> merchants, List<String> payers,
                     String runId) {
        this.config = config;
        this.merchants = List.copyOf(merchants);
        this.payers = List.copyOf(payers);
        this.runId = runId;
        this.ended = new CountDownLatch(config.concurrency());
        this.spent = new AtomicIntegerArray(payers.size());
    }

    /**
     * One payment as the generator saw it: when it was due (its slot on a fixed rate, else
     * its start), its SOAP call, its observed end, and how. Latency counts from {@code dueNs},
     * so a generator that falls behind its schedule cannot hide the wait (no coordinated
     * omission).
     */
    record Payment(long dueNs, long startNs, long endNs, String end) {
        boolean ok() {
            return end.equals("FINISHED_OK");
        }
    }

    /**
     * What a run did.
     *
     * @param startedAtNs when the first payment could start
     * @param stoppedAtNs when starting stopped (the last start, or the bound reached)
     * @param endedAtNs when the last payment ended
     * @param payments every payment started, in no order
     */
    record Run(long startedAtNs, long stoppedAtNs, long endedAtNs, List<Payment> payments) {
        Run {
            payments = List.copyOf(payments);
        }
    }

    /**
     * Runs the load on the calling thread's behalf; returns when every payment ended. Once
     * only; the threads wait for {@link #close}.
     */
    Run run() throws InterruptedException {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("the generator has run already");
        }
        List<List<Payment>> perThread = new ArrayList<>();
        startedAtNs = System.nanoTime();
        for (int thread = 0; thread < config.concurrency(); thread++) {
            int t = thread;
            List<Payment> mine = new ArrayList<>();
            perThread.add(mine);
            threads.add(Thread.ofPlatform().name("bench-generator-" + t).daemon()
                .start(() -> load(payerOf(t), mine)));
        }
        // The latch orders each thread's writes to its list before the reads below.
        ended.await();
        long endedAtNs = System.nanoTime();
        List<Payment> all = new ArrayList<>();
        perThread.forEach(all::addAll);
        stoppedAtNs.compareAndSet(0, endedAtNs);
        return new Run(startedAtNs, stoppedAtNs.get(), endedAtNs, all);
    }

    /** Releases the threads (they close their connections) and waits for them to end. */
    @Override
    public void close() {
        released.countDown();
        try {
            for (Thread thread : threads) {
                if (!thread.join(java.time.Duration.ofMillis(CLOSE_WAIT_MS))) {
                    throw new IllegalStateException(thread.getName() + " did not end in "
                        + CLOSE_WAIT_MS + " ms");
                }
            }
        } catch (InterruptedException stop) {
            // The threads are released and end by themselves; only the wait is cut short.
            Thread.currentThread().interrupt();
        }
    }

    /** Whether starting has stopped; the sampler asks, to end its window. */
    boolean stopped() {
        return stoppedAtNs.get() != 0;
    }

    private int payerOf(int thread) {
        return thread % payers.size();
    }

    /** One thread's life: its payments on its own connections, then parked until released. */
    private void load(int payer, List<Payment> into) {
        try (MerchantSoap soap = new MerchantSoap()) {
            try {
                drive(soap, payer, into);
            } finally {
                ended.countDown();
            }
            released.await();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    private void drive(MerchantSoap soap, int payer, List<Payment> into) {
        while (true) {
            long i = next.getAndIncrement();
            long slotNs = config.rate() == 0 ? System.nanoTime()
                : startedAtNs + i * 1_000_000_000L / config.rate();
            if (!admits(i, slotNs) || spent.incrementAndGet(payer) > config.coinsEach()
                || Thread.currentThread().isInterrupted()) {
                stoppedAtNs.compareAndSet(0, System.nanoTime());
                return;
            }
            long waitNs = slotNs - System.nanoTime();
            while (waitNs > 0) {
                LockSupport.parkNanos(waitNs);
                waitNs = slotNs - System.nanoTime();
            }
            into.add(pay(soap, i, slotNs, payers.get(payer)));
        }
    }

    /** Whether payment {@code i}, due at {@code slotNs}, is within the run's bounds. */
    private boolean admits(long i, long slotNs) {
        boolean counted = config.payments() > 0 ? i < config.payments()
            : slotNs - startedAtNs < config.durationMs() * 1_000_000L
                && System.nanoTime() - startedAtNs < config.durationMs() * 1_000_000L;
        return counted;
    }

    private Payment pay(MerchantSoap soap, long i, long dueNs, String payer) {
        Member merchant = merchants.get((int) (i % merchants.size()));
        long startNs = System.nanoTime();
        try {
            MerchantSoap.Answer answer = soap.requestPayment(merchant.soapPort(), payer,
                config.amountBillons(), "bench-" + runId + "-" + i);
            if (!answer.succeeded()) {
                return new Payment(dueNs, startNs, System.nanoTime(), "REFUSED_"
                    + answer.requestStatus());
            }
            String taskId = answer.taskId();
            String status = "PREPARATION";
            while (System.nanoTime() - startNs < PAYMENT_LIMIT_NS) {
                MerchantSoap.Answer seen = soap.waitForTask(merchant.soapPort(), taskId, status);
                if (!seen.succeeded()) {
                    return new Payment(dueNs, startNs, System.nanoTime(), "WAIT_"
                        + seen.requestStatus());
                }
                status = seen.status();
                if (seen.finished()) {
                    return new Payment(dueNs, startNs, System.nanoTime(), status);
                }
            }
            return new Payment(dueNs, startNs, System.nanoTime(), GAVE_UP);
        } catch (IOException broken) {
            return new Payment(dueNs, startNs, System.nanoTime(), NO_ANSWER);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return new Payment(dueNs, startNs, System.nanoTime(), NO_ANSWER);
        }
    }
}
