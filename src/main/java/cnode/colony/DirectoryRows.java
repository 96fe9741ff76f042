package cnode.colony;

import java.util.List;

/**
 * Every row of a directory: what {@link Directory#snapshot()} returns and what
 * {@link Directory#restore} rebuilds a directory from. Each list is in key order (users,
 * locations and leases by username, sessions by token), so two equal directories give equal
 * rows. Immutable.
 *
 * @param users     every user
 * @param sessions  every session, expired ones included until swept
 * @param locations every reported location
 * @param leases    every lease row, expired ones included until acquired or released
 */
public record DirectoryRows(List<UserRow> users, List<SessionRow> sessions,
                            List<LocationRow> locations, List<LeaseRow> leases) {
    /** No rows: a new directory. */
    public static final DirectoryRows EMPTY =
        new DirectoryRows(List.of(), List.of(), List.of(), List.of());

    public DirectoryRows {
        users = List.copyOf(users);
        sessions = List.copyOf(sessions);
        locations = List.copyOf(locations);
        leases = List.copyOf(leases);
    }
}
