package cnode.colony;

import java.util.List;

/**
 * What changed in a directory since the last drain ({@link Directory#drainChanges()}): rows to
 * write (insert or replace by key) and keys to delete. Applied in any order to a store that
 * held the previous drains, it leaves the store holding exactly {@link Directory#snapshot()}.
 * Each list is in key order. Users and locations are never deleted. {@link #toString()} gives
 * counts only, since deleted session tokens are still secrets. Immutable.
 *
 * @param users         users to write (by username)
 * @param sessions      sessions to write (by token)
 * @param sessionsGone  tokens of sessions to delete
 * @param locations     locations to write (by username)
 * @param leases        leases to write (by username)
 * @param leasesGone    usernames whose lease row to delete
 */
public record DirectoryChanges(List<UserRow> users, List<SessionRow> sessions,
                               List<String> sessionsGone, List<LocationRow> locations,
                               List<LeaseRow> leases, List<String> leasesGone) {
    public DirectoryChanges {
        users = List.copyOf(users);
        sessions = List.copyOf(sessions);
        sessionsGone = List.copyOf(sessionsGone);
        locations = List.copyOf(locations);
        leases = List.copyOf(leases);
        leasesGone = List.copyOf(leasesGone);
    }

    @Override
    public String toString() {
        return "DirectoryChanges[users=" + users.size() + ", sessions=" + sessions.size()
            + ", sessionsGone=" + sessionsGone.size() + ", locations=" + locations.size()
            + ", leases=" + leases.size() + ", leasesGone=" + leasesGone.size() + "]";
    }

    public boolean isEmpty() {
        return users.isEmpty() && sessions.isEmpty() && sessionsGone.isEmpty()
            && locations.isEmpty() && leases.isEmpty() && leasesGone.isEmpty();
    }
}
