package cnode.colony;

import java.util.List;

/**
 * The write-permission leases, one per user, and their rules, for callers already known to
 * speak for the user (the directory checks the session and the inputs first). The rules:
 *
 * <ul>
 *   <li>acquire: free, or this instance's own (live or not) → {@code GRANTED}; another's,
 *       expired → {@code TAKEN_OVER}; another's, live → {@code HELD_BY_OTHER};
 *   <li>renew, release, hand-over: this instance's own and live → done; its own but expired →
 *       {@code EXPIRED}; otherwise → {@code NOT_HOLDER}.
 * </ul>
 *
 * <p>Invariant: at most one row per user, so at most one holder at any instant; a row is only
 * replaced by the rules above, so a live lease changes holder only through its holder's
 * hand-over. Owned by the directory's writer thread.
 */
final class LeaseTable {
    private final DirectoryTable<LeaseRow> rows = new DirectoryTable<>();

    LeaseAnswer acquire(String username, String holder, long ttlMs, long nowMs) {
        LeaseRow current = rows.get(username);
        if (current != null && current.liveAt(nowMs) && !current.holder().equals(holder)) {
            return LeaseAnswer.of(LeaseOutcome.HELD_BY_OTHER, current);
        }
        LeaseOutcome outcome = current == null || current.holder().equals(holder)
            ? LeaseOutcome.GRANTED : LeaseOutcome.TAKEN_OVER;
        return grant(outcome, username, holder, ttlMs, nowMs);
    }

    LeaseAnswer renew(String username, String holder, long ttlMs, long nowMs) {
        LeaseOutcome refusal = holderRefusal(username, holder, nowMs);
        if (refusal != null) {
            return refusedAnswer(refusal, username, nowMs);
        }
        return grant(LeaseOutcome.RENEWED, username, holder, ttlMs, nowMs);
    }

    LeaseAnswer release(String username, String holder, long nowMs) {
        LeaseOutcome refusal = holderRefusal(username, holder, nowMs);
        if (refusal != null) {
            return refusedAnswer(refusal, username, nowMs);
        }
        rows.remove(username);
        return LeaseAnswer.of(LeaseOutcome.RELEASED);
    }

    LeaseAnswer handOver(String username, String holder, String successor, long ttlMs,
                         long nowMs) {
        LeaseOutcome refusal = holderRefusal(username, holder, nowMs);
        if (refusal != null) {
            return refusedAnswer(refusal, username, nowMs);
        }
        return grant(LeaseOutcome.HANDED_OVER, username, successor, ttlMs, nowMs);
    }

    /** Frees the user's lease, whoever holds it (the user was locked). */
    void drop(String username) {
        rows.remove(username);
    }

    /** The user's live lease, or null. */
    LeaseRow live(String username, long nowMs) {
        LeaseRow row = rows.get(username);
        return row != null && row.liveAt(nowMs) ? row : null;
    }

    /** Whether the user has a lease row, live or expired. */
    boolean has(String username) {
        return rows.get(username) != null;
    }

    void load(LeaseRow row) {
        rows.load(row.username(), row);
    }

    List<LeaseRow> rows() {
        return List.copyOf(rows.values());
    }

    DirectoryTable.Drained<LeaseRow> drain() {
        return rows.drain();
    }

    boolean dirty() {
        return rows.dirty();
    }

    /** Null when {@code holder} holds the user's live lease, else why not. */
    private LeaseOutcome holderRefusal(String username, String holder, long nowMs) {
        LeaseRow current = rows.get(username);
        if (current == null || !current.holder().equals(holder)) {
            return LeaseOutcome.NOT_HOLDER;
        }
        return current.liveAt(nowMs) ? null : LeaseOutcome.EXPIRED;
    }

    private LeaseAnswer refusedAnswer(LeaseOutcome refusal, String username, long nowMs) {
        LeaseRow live = live(username, nowMs);
        return refusal == LeaseOutcome.NOT_HOLDER && live != null
            ? LeaseAnswer.of(refusal, live) : LeaseAnswer.of(refusal);
    }

    private LeaseAnswer grant(LeaseOutcome outcome, String username, String holder, long ttlMs,
                              long nowMs) {
        LeaseRow row = new LeaseRow(username, holder, Directory.later(nowMs, ttlMs));
        rows.put(username, row);
        return LeaseAnswer.of(outcome, row);
    }
}
