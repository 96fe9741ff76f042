package cnode.colony;

/**
 * A user's money limits, set in the colony by an administrator: at most {@code perTransfer}
 * billons in one swap, {@code dailyOut} paid and {@code dailyIn} received per UTC day, and a
 * balance of at most {@code balanceCap}. {@link #NONE} is the absence of limits. Values are
 * billons, per currency; a limit never goes below zero. Immutable.
 */
public record Limits(long perTransfer, long dailyOut, long dailyIn, long balanceCap) {
    /** No limit at all. */
    public static final Limits NONE =
            new Limits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    public Limits {
        if (perTransfer < 0 || dailyOut < 0 || dailyIn < 0 || balanceCap < 0) {
            throw new IllegalArgumentException("limits are never negative");
        }
    }
}
