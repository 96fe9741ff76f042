package cnode.bench;

import cnode.bench.PaymentGenerator.Payment;
import cnode.cli.BenchConfig;
import cnode.colony.client.ColonyAdmin.CheckReply;
import cnode.colony.client.ColonyAdmin.Total;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one {@code cnode bench payments} run measured, and its text: the payments started and
 * how each ended, the throughput over the measured window (from the end of the warm-up until
 * starting stopped; payments that ended FINISHED_OK in it), completion latencies of the
 * payments started in it, where the CPU went in it, the colony's conservation check after the
 * run and whether the merchants hold exactly the money paid. An immutable value.
 *
 * @param config the run's flags
 * @param run what the generator did
 * @param fromNs the window's start
 * @param toNs the window's end
 * @param cpu the CPU used in the window
 * @param samples JFR's Java samples in the window
 * @param check the conservation check after the run
 * @param received the billons the merchants hold after the run (they started with none)
 * @param setupMs how long the colony, the users, their coins and the nodes took to start
 */
record BenchReport(BenchConfig config, PaymentGenerator.Run run, long fromNs, long toNs,
                   CpuSampler.Usage cpu, JavaProfile.Split samples, CheckReply check,
                   long received, long setupMs) {
    private static final int CODE_LINES_MAX = 12;
    /** The window is cut into this many parts for the timeline. */
    private static final int TIMELINE_PARTS = 10;

    /** Payments that ended FINISHED_OK, in the whole run. */
    long finishedOk() {
        return run.payments().stream().filter(Payment::ok).count();
    }

    /** Payments per ending, in name order. */
    Map<String, Long> ends() {
        Map<String, Long> ends = new TreeMap<>();
        run.payments().forEach(payment -> ends.merge(payment.end(), 1L, Long::sum));
        return ends;
    }

    /** FINISHED_OK payments that ended inside the window. */
    long okInWindow() {
        return run.payments().stream()
            .filter(p -> p.ok() && p.endNs() >= fromNs && p.endNs() <= toNs).count();
    }

    /** Payments per second over the window. */
    double perSecond() {
        return toNs <= fromNs ? 0 : okInWindow() * 1e9 / (toNs - fromNs);
    }

    /**
     * Latencies of the FINISHED_OK payments due inside the window, from when each was due (its
     * slot on a fixed rate, else its SOAP call) to its observed end.
     */
    Latencies latencies() {
        return Latencies.of(run.payments().stream()
            .filter(p -> p.ok() && p.dueNs() >= fromNs && p.dueNs() <= toNs)
            .mapToLong(p -> p.endNs() - p.dueNs()).toArray());
    }

    /** Payments due inside the window that started more than the generator's bound late. */
    long lateInWindow() {
        return run.payments().stream()
            .filter(p -> p.dueNs() >= fromNs && p.dueNs() <= toNs
                && p.startNs() - p.dueNs() > PaymentGenerator.LATE_NS)
            .count();
    }

    /** Payments per second in each tenth of the window: a falling line is a cost that grows. */
    double[] timeline() {
        double[] rates = new double[TIMELINE_PARTS];
        long partNs = (toNs - fromNs) / TIMELINE_PARTS;
        if (partNs <= 0) {
            return rates;
        }
        for (Payment payment : run.payments()) {
            long part = (payment.endNs() - fromNs) / partNs;
            if (payment.ok() && payment.endNs() >= fromNs && part < TIMELINE_PARTS) {
                rates[(int) part] += 1e9 / partNs;
            }
        }
        return rates;
    }

    /** Whether the merchants hold exactly what the finished payments paid them. */
    boolean moneyAgrees() {
        return received == finishedOk() * config.amountBillons();
    }

    String text() {
        StringBuilder out = new StringBuilder();
        line(out, "cnode bench payments: %d payer node(s), %d merchant node(s), %s, rate %s, "
            + "concurrency %d, %d billons each (one coin, no change)", config.payers(),
            config.merchants(), config.payments() > 0 ? config.payments() + " payments"
                : config.durationMs() / 1000.0 + " s", config.rate() == 0 ? "as fast as possible"
                : config.rate() + "/s", config.concurrency(), config.amountBillons());
        line(out, "machine: %d processor(s), JDK %s; set-up took %.1f s",
            Runtime.getRuntime().availableProcessors(), Runtime.version(), setupMs / 1000.0);
        line(out, "payments started %d, FINISHED_OK %d; ends: %s", run.payments().size(),
            finishedOk(), ends());
        line(out, "measured window %.2f s (after a %.1f s warm-up): %.1f payments/s",
            (toNs - fromNs) / 1e9, config.warmUpMs() / 1000.0, perSecond());
        StringBuilder parts = new StringBuilder();
        for (double rate : timeline()) {
            parts.append(String.format(Locale.ROOT, " %.0f", rate));
        }
        line(out, "payments/s in each tenth of the window:%s", parts);
        Latencies lat = latencies();
        line(out, "completion (%s to FINISHED_OK seen), %d payments due in the window: p50 "
            + "%.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", config.rate() > 0
            ? "slot on the schedule" : "SOAP call", lat.count(), lat.p50Ms(), lat.p90Ms(),
            lat.p99Ms(), lat.maxMs());
        if (config.rate() > 0) {
            line(out, "payments of the window started over %d ms after their slot: %d",
                PaymentGenerator.LATE_NS / 1_000_000, lateInWindow());
        }
        cpuText(out);
        samplesText(out);
        line(out, "conservation check: %s%s", check.passed() ? "passed" : "FAILED "
            + check.findings(), totals());
        line(out, "merchants hold %d billons = FINISHED_OK x amount: %s", received,
            moneyAgrees() ? "yes" : "NO");
        return out.toString();
    }

    private void cpuText(StringBuilder out) {
        long ok = Math.max(1, okInWindow());
        line(out, "CPU in the window: %.2f cores busy of %d; %.0f us of CPU per payment; "
            + "GC %d collection(s), %d ms; JIT %d ms", cpu.cores(), Runtime.getRuntime()
            .availableProcessors(), cpu.processNs() / 1e3 / ok, cpu.gcCount(), cpu.gcMs(),
            cpu.jitMs());
        for (CpuGroup group : CpuGroup.values()) {
            long ns = cpu.byGroup().getOrDefault(group, 0L);
            line(out, "  %5.1f %%  %6.0f us/payment  %s", cpu.percent(group), ns / 1e3 / ok,
                group.label());
        }
    }

    private void samplesText(StringBuilder out) {
        if (samples.samples() == 0) {
            return;
        }
        line(out, "Java samples in the window (JFR, every %d ms, Java code only): %d",
            JavaProfile.PERIOD.toMillis(), samples.samples());
        line(out, "  by thread:");
        shares(out, samples.byThread());
        line(out, "  by code (innermost frame outside the JDK):");
        shares(out, samples.byCode());
    }

    private void shares(StringBuilder out, Map<String, Long> counts) {
        counts.entrySet().stream().limit(CODE_LINES_MAX).forEach(entry -> line(out,
            "    %5.1f %%  %s", 100.0 * entry.getValue() / samples.samples(), entry.getKey()));
    }

    private String totals() {
        StringBuilder text = new StringBuilder();
        for (Total total : check.totals()) {
            text.append(String.format(Locale.ROOT, " (%s: issued %d, redeemed %d, live %d)",
                total.currency(), total.issued(), total.redeemed(), total.live()));
        }
        return text.toString();
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
