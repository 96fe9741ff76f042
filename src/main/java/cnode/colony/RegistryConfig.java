package cnode.colony;

import cnode.crypto.SwapPayload;

/**
 * The coin registry's own limits, validated on construction: a bad value refuses to start.
 * Memory follows the two counts: measured on JDK 25, about 260 bytes of heap per live coin and
 * about 500 per remembered transfer id of a committed swap (its row, the swap's row and their
 * index entries; 506 for one coin, 533 for five).
 *
 * @param coinsPerOrderMax the most coins one order names (payer's and change together, or given
 *     and new together); above it {@code TOO_MANY_COINS}. 1 to {@link #COINS_PER_ORDER_LIMIT}
 * @param reservationMsMax the longest a prepared swap may hold its coins; 1 ms to one day
 * @param retentionMs how long a transfer id is remembered after its swap's expiry, or after
 *     its judgement for every other operation and for refusals; 1 ms to 30 days. A client
 *     retrying later than this gets a fresh judgement
 * @param transfersMax the most transfer ids remembered at once (prepared swaps included);
 *     beyond it new ids get {@code TRANSFERS_FULL}, never an eviction that would break
 *     idempotency. Size it as throughput times (reservation + retention)
 * @param coinsMax the most live coins; beyond it mint and exchange get {@code REGISTRY_FULL}
 */
public record RegistryConfig(int coinsPerOrderMax, long reservationMsMax, long retentionMs,
                             int transfersMax, int coinsMax) {
    /** The most coins any order may name: what a signed swap payload holds on one side. */
    public static final int COINS_PER_ORDER_LIMIT = SwapPayload.COIN_IDS_MAX;
    private static final long DAYS_30_MS = 30 * Registry.DAY_MS;

    public RegistryConfig {
        if (coinsPerOrderMax < 1 || coinsPerOrderMax > COINS_PER_ORDER_LIMIT) {
            throw new IllegalArgumentException("coinsPerOrderMax must be 1.."
                + COINS_PER_ORDER_LIMIT + ": " + coinsPerOrderMax);
        }
        if (reservationMsMax < 1 || reservationMsMax > Registry.DAY_MS) {
            throw new IllegalArgumentException("reservationMsMax must be 1 ms..1 day");
        }
        if (retentionMs < 1 || retentionMs > DAYS_30_MS) {
            throw new IllegalArgumentException("retentionMs must be 1 ms..30 days");
        }
        if (transfersMax < 1 || coinsMax < 1) {
            throw new IllegalArgumentException("transfersMax and coinsMax must be positive");
        }
    }

    /**
     * The defaults: 1 000 coins per order, reservations of at most 10 minutes, transfer ids
     * remembered 15 minutes past (a node's task deadline, after which it never retries), at
     * most 6 000 000 remembered ids (about 3 GB; over 6 000 swaps a second sustained when
     * reservations last a minute) and 10 000 000 live coins (about 2.6 GB).
     */
    public static RegistryConfig defaults() {
        return new RegistryConfig(1_000, 10 * 60_000L, 15 * 60_000L, 6_000_000, 10_000_000);
    }
}
