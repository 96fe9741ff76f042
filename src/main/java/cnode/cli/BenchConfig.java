package cnode.cli;

import cnode.money.Denominations;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The flags of {@code cnode bench payments} (docs/OPERATIONS.md): how many payer and merchant
 * nodes, how many payments (or for how long), at what rate and how many at once, the warm-up
 * left out of the figures, the amount of each payment (also the face value of every coin the
 * payers get, so each payment moves one coin and needs no change), and where the data goes.
 * Validated here, once; immutable.
 *
 * @param payers payer wallet nodes, 1 to {@link #NODES_MAX}
 * @param merchants merchant nodes the generator drives, 1 to {@link #NODES_MAX}
 * @param payments payments to start; 0 when the run is bounded by {@link #durationMs} instead
 * @param durationMs how long payments are started for; 0 when bounded by a count
 * @param rate payments started per second; 0 as fast as {@link #concurrency} allows
 * @param concurrency payments under way at once, 1 to {@link #CONCURRENCY_MAX}
 * @param warmUpMs the first part of the run, left out of the throughput and latencies
 * @param amountBillons each payment's amount, a face value
 * @param coinsPerPayer coins minted to each payer; 0 to derive it from the run's size
 * @param data the folder for the colony and the nodes; null for a new temporary folder
 * @param db a PostgreSQL URL for the colony's and nodes' stores (a schema each); null: SQLite
 */
public record BenchConfig(int payers, int merchants, int payments, long durationMs, int rate,
                          int concurrency, long warmUpMs, long amountBillons, int coinsPerPayer,
                          Path data, String db) {
    /** The most nodes of one kind the bench starts in one process. */
    public static final int NODES_MAX = 64;
    /** The most payments under way at once (each holds one generator thread). */
    public static final int CONCURRENCY_MAX = 1_024;
    /** The most payments one run starts. */
    public static final int PAYMENTS_MAX = 2_000_000;
    /** The longest run. */
    public static final long DURATION_MS_MAX = 3_600_000;
    /** The most coins one payer is given (the wallet caches at most 100 000). */
    public static final int COINS_PER_PAYER_MAX = 100_000;

    private static final String COMMAND = "cnode bench payments";

    public BenchConfig {
        boolean countXorTime = (payments > 0) != (durationMs > 0);
        if (payers < 1 || payers > NODES_MAX || merchants < 1 || merchants > NODES_MAX
            || !countXorTime || payments < 0 || payments > PAYMENTS_MAX || durationMs < 0
            || durationMs > DURATION_MS_MAX || rate < 0 || concurrency < 1
            || concurrency > CONCURRENCY_MAX || warmUpMs < 0
            || !Denominations.isFaceValue(amountBillons) || coinsPerPayer < 0
            || coinsPerPayer > COINS_PER_PAYER_MAX) {
            throw new IllegalArgumentException("bench limits out of range");
        }
    }

    /** Parses {@code payments [FLAGS]}; anything out of range is a usage error. */
    public static BenchConfig parse(List<String> args) throws UsageError {
        if (args.isEmpty() || !args.get(0).equals("payments")) {
            throw new UsageError("cnode bench: the only benchmark is 'payments'; "
                + "e.g. cnode bench payments --payments 20000");
        }
        Flags flags = Flags.parse(COMMAND, args.subList(1, args.size()), Set.of("--payers",
            "--merchants", "--payments", "--duration", "--rate", "--concurrency", "--warm-up",
            "--amount", "--coins-per-payer", "--data", "--db"), Set.of());
        if (flags.has("--payments") && flags.has("--duration")) {
            throw new UsageError(COMMAND + ": give --payments or --duration, not both");
        }
        int payments = flags.has("--duration") ? 0 : flags.positive("--payments", 20_000);
        long durationMs = flags.has("--duration") ? flags.durationMs("--duration", 1) : 0;
        long amount = flags.positive("--amount", 1_000);
        if (!Denominations.isFaceValue(amount)) {
            throw new UsageError(COMMAND + ": --amount must be a face value (1, 2, 5, 10, ... "
                + "5000000 billons), so that every payment is one coin");
        }
        flags.postgres("--db");
        BenchConfig config;
        try {
            config = new BenchConfig(flags.positive("--payers", 16),
                flags.positive("--merchants", 1), payments, durationMs,
                flags.count("--rate", 0), flags.positive("--concurrency", 64),
                flags.has("--warm-up") ? flags.durationMs("--warm-up", 1) : 3_000, amount,
                flags.count("--coins-per-payer", 0),
                flags.has("--data") ? ColonyConfig.path(COMMAND, "--data",
                    flags.text("--data", "")) : null,
                flags.has("--db") ? flags.text("--db", "") : null);
        } catch (IllegalArgumentException outOfRange) {
            throw new UsageError(COMMAND + ": out of range: --payers and --merchants 1 to "
                + NODES_MAX + ", --payments at most " + PAYMENTS_MAX + ", --duration at most 1h, "
                + "--concurrency 1 to " + CONCURRENCY_MAX + ", --coins-per-payer at most "
                + COINS_PER_PAYER_MAX);
        }
        return config;
    }

    /**
     * Coins each payer gets: as asked, or else enough for its threads' share of the payments
     * (generator thread {@code t} pays from payer {@code t mod N}; threads are not equally
     * fast, hence a tenth more), for a timed run at the rate (or 2 500 payments/s at full
     * speed) over the duration.
     */
    public int coinsEach() {
        if (coinsPerPayer > 0) {
            return coinsPerPayer;
        }
        long wanted = payments > 0 ? payments
            : (rate > 0 ? rate : 2_500L) * (durationMs / 1_000 + 1);
        long threadsPerPayer = (concurrency + payers - 1) / payers;
        long share = (wanted * threadsPerPayer + concurrency - 1) / concurrency;
        return (int) Math.min(COINS_PER_PAYER_MAX, share + share / 10 + 10);
    }
}
