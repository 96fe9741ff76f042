package cnode.bench;

import java.util.Arrays;

/**
 * Completion latencies of a set of payments, from the SOAP call to the observed FINISHED_OK,
 * as nearest-rank percentiles. An immutable value built once from the durations.
 *
 * @param count payments measured
 * @param p50Ms median, in milliseconds
 * @param p90Ms 90th percentile
 * @param p99Ms 99th percentile
 * @param maxMs the slowest
 */
record Latencies(int count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
    static Latencies of(long[] durationsNs) {
        long[] sorted = durationsNs.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new Latencies(0, 0, 0, 0, 0);
        }
        return new Latencies(sorted.length, ms(rank(sorted, 50)), ms(rank(sorted, 90)),
            ms(rank(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long ns) {
        return ns / 1_000_000.0;
    }
}
