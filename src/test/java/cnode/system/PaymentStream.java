package cnode.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream of payment requests driven through a merchant node's SOAP port: payment {@code i}
 * asks the payer for {@code amount} under its own uniqueTransferId, and the call is repeated,
 * the same id with the same parameters, for as long as the node does not answer or answers
 * that it is not ready yet (it is restarting, or the colony is), up to a bound per payment;
 * then its task is polled until it ended, as a checkout would. A few driver threads share
 * the stream; {@link #ended()} counts the payments done with, read by the chaos thread to
 * place its kills. The per-payment results are written by the driver thread that owns the
 * payment and read after {@link #run} returned.
 */
final class PaymentStream {
    private static final long RETRY_PAUSE_MS = 100;
    private static final long POLL_MS = 25;
    /** The whole stream's bound: past it the drivers are stopped and the run fails. */
    private static final long STREAM_MS_MAX = 600_000;
    /** The documented answers of a node that is not ready yet (cnode-api.md §1.4). */
    private static final Set<String> NOT_READY = Set.of("ERR_VUI_NOT_LOGGEDIN",
        "ERR_VUI_CANT_READ");

    /**
     * What became of one payment request: the task the merchant named (null when none), or
     * why not, and how many calls it took.
     */
    record Sent(String uniqueTransferId, String taskId, String refusal, int calls) {}

    private final CrashNode merchant;
    private final String payer;
    private final long amount;
    private final String prefix;
    private final long perPaymentMs;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();

    PaymentStream(CrashNode merchant, String payer, long amount, String prefix,
                  long perPaymentMs) {
        if (amount <= 0 || perPaymentMs <= 0) {
            throw new IllegalArgumentException("amount and per-payment time must be positive");
        }
        this.merchant = merchant;
        this.payer = payer;
        this.amount = amount;
        this.prefix = prefix;
        this.perPaymentMs = perPaymentMs;
    }

    /** Payments whose calls are over: their task ended (or its time ran out), or refused. */
    int ended() {
        return ended.get();
    }

    String uniqueTransferId(int index) {
        return prefix + index;
    }

    /** The exact parameters of payment {@code index}: every repeat sends these. */
    String params(int index) {
        String id = uniqueTransferId(index);
        return "<type>NORMAL</type>" + PaymentSystemTest.amount(amount)
            + "<requestData><username>" + payer + "</username><uniqueTransferId>" + id
            + "</uniqueTransferId><title>Order " + index + "</title><description>"
            + "{\"amount\":" + amount + ",\"order\":\"" + id + "\"}</description>"
            + "</requestData>";
    }

    /**
     * Sends payments 0 to {@code count - 1} on {@code threads} threads; bounded in time (a
     * TimeoutException past {@link #STREAM_MS_MAX}).
     */
    List<Sent> run(int count, int threads) throws Exception {
        Sent[] sent = new Sent[count];
        ExecutorService drivers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(drivers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        sent[i] = send(i);
                        ended.incrementAndGet();
                    }
                    return null;
                }));
            }
            long giveUpAtMs = System.currentTimeMillis() + STREAM_MS_MAX;
            for (Future<?> driver : running) {
                driver.get(Math.max(1, giveUpAtMs - System.currentTimeMillis()),
                    TimeUnit.MILLISECONDS);
            }
        } finally {
            drivers.shutdownNow();
        }
        return List.of(sent);
    }

    /** One payment: the call, repeated while the node does not answer, within the bound. */
    Sent send(int index) throws InterruptedException {
        String params = params(index);
        long giveUpAtMs = System.currentTimeMillis() + perPaymentMs;
        int calls = 0;
        String last = "no answer";
        while (System.currentTimeMillis() < giveUpAtMs) {
            calls++;
            Map<String, String> answer = merchant.call("requestPaymentInitiation", params);
            String status = answer.get("requestStatus");
            if ("SUCCESS".equals(status)) {
                awaitEnd(answer.get("taskId"), giveUpAtMs);
                return new Sent(uniqueTransferId(index), answer.get("taskId"), null, calls);
            }
            if (status != null && !NOT_READY.contains(status)) {
                return new Sent(uniqueTransferId(index), null, answer.toString(), calls);
            }
            last = status == null ? "no answer" : status;
            Thread.sleep(RETRY_PAUSE_MS);
        }
        return new Sent(uniqueTransferId(index), null, "still " + last + " after "
            + perPaymentMs + " ms", calls);
    }

    /**
     * Polls the task like a checkout page would, until it has ended or the payment's time is
     * up (whether it ended is the verdict's to judge), so that payments run while the kills
     * happen rather than all being queued at once.
     */
    private void awaitEnd(String taskId, long giveUpAtMs) throws InterruptedException {
        while (System.currentTimeMillis() < giveUpAtMs) {
            String status = merchant.call("getTaskStatus", "<taskId>" + taskId + "</taskId>")
                .get("status");
            if (status != null && status.startsWith("FINISHED")) {
                return;
            }
            Thread.sleep(POLL_MS);
        }
    }
}
