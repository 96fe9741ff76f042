package cnode.colony.store;

/**
 * The bounds of the colony's writer. Validated on construction.
 *
 * @param queueMax commands waiting at most; beyond it a command is refused ({@link ColonyBusy})
 * @param batchMax commands applied before one commit at most
 * @param tickMs how often, at least, expired swaps, forgotten transfer ids and dead sessions
 *     are cleared when no command arrives
 * @param sweepMax items each clearing handles per batch, so a backlog never stalls commands
 */
public record WriterLimits(int queueMax, int batchMax, long tickMs, int sweepMax) {
    public static final WriterLimits DEFAULTS = new WriterLimits(65_536, 1_024, 250, 1_000);

    public WriterLimits {
        if (queueMax < 1 || batchMax < 1 || batchMax > queueMax || tickMs < 1 || sweepMax < 1) {
            throw new IllegalArgumentException("writer limits out of range: queueMax "
                + queueMax + ", batchMax " + batchMax + ", tickMs " + tickMs
                + ", sweepMax " + sweepMax);
        }
    }
}
