package cnode.colony;

/**
 * The answer to a lease operation: the outcome and the lease it leaves behind, as far as the
 * caller needs it. After {@code GRANTED}, {@code TAKEN_OVER}, {@code RENEWED} and
 * {@code HANDED_OVER}: the new holder and expiry. After {@code HELD_BY_OTHER} and
 * {@code NOT_HOLDER}: the live holder and its expiry, so the caller knows how long to wait
 * (empty and 0 when nobody holds it). Otherwise empty and 0. Immutable.
 *
 * @param outcome   how the operation ended
 * @param holder    the holder as described above
 * @param expiresMs the holder's expiry as described above
 */
public record LeaseAnswer(LeaseOutcome outcome, String holder, long expiresMs) {
    static LeaseAnswer of(LeaseOutcome outcome) {
        return new LeaseAnswer(outcome, "", 0);
    }

    static LeaseAnswer of(LeaseOutcome outcome, LeaseRow lease) {
        return new LeaseAnswer(outcome, lease.holder(), lease.expiresMs());
    }
}
