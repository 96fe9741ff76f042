package cnode.colony;

import java.util.List;
import java.util.TreeMap;

/**
 * A store fake for the directory's persistence seam: four tables keyed as a real store keys
 * them, to which drained change sets are applied exactly as the seam's contract says (write
 * rows by key, delete the keys gone). What a real store must do, in the fewest lines; a store's
 * contract test can compare itself with it. Single-threaded.
 */
public final class DirectoryMemoryStore {
    private final TreeMap<String, UserRow> users = new TreeMap<>();
    private final TreeMap<String, SessionRow> sessions = new TreeMap<>();
    private final TreeMap<String, LocationRow> locations = new TreeMap<>();
    private final TreeMap<String, LeaseRow> leases = new TreeMap<>();
    private int writes;

    public void apply(DirectoryChanges changes) {
        changes.users().forEach(row -> users.put(row.username(), row));
        changes.sessions().forEach(row -> sessions.put(row.token(), row));
        changes.sessionsGone().forEach(token -> {
            if (sessions.remove(token) == null) {
                throw new AssertionError("deleting a session the store never had");
            }
        });
        changes.locations().forEach(row -> locations.put(row.username(), row));
        changes.leases().forEach(row -> leases.put(row.username(), row));
        changes.leasesGone().forEach(user -> {
            if (leases.remove(user) == null) {
                throw new AssertionError("deleting a lease the store never had");
            }
        });
        writes += changes.users().size() + changes.sessions().size()
            + changes.sessionsGone().size() + changes.locations().size()
            + changes.leases().size() + changes.leasesGone().size();
    }

    /** Every row and deletion written so far. */
    int writes() {
        return writes;
    }

    public DirectoryRows rows() {
        return new DirectoryRows(List.copyOf(users.values()), List.copyOf(sessions.values()),
            List.copyOf(locations.values()), List.copyOf(leases.values()));
    }
}
