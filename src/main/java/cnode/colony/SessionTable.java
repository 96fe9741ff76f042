package cnode.colony;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The directory's login sessions: by token (change-tracked for the store), by user (to drop a
 * user's oldest session and to end them all), and by expiry (so a sweep finds expired sessions
 * without a scan).
 *
 * <p>Invariants: the three indexes hold the same sessions; a user's list holds at most as many
 * tokens as its sessions (the cap itself is the directory's rule). "Oldest" is the smallest
 * {@code (createdMs, token)}, which a restored table orders the same way as the original.
 * Owned by the directory's writer thread.
 */
final class SessionTable {
    private static final Comparator<SessionRow> BY_EXPIRY =
        Comparator.comparingLong(SessionRow::expiresMs).thenComparing(SessionRow::token);
    private static final Comparator<SessionRow> BY_AGE =
        Comparator.comparingLong(SessionRow::createdMs).thenComparing(SessionRow::token);

    private final DirectoryTable<SessionRow> byToken = new DirectoryTable<>();
    private final Map<String, TreeSet<String>> byUser = new HashMap<>();
    private final TreeSet<SessionRow> byExpiry = new TreeSet<>(BY_EXPIRY);

    SessionRow find(String token) {
        return byToken.get(token);
    }

    void add(SessionRow row) {
        if (byToken.get(row.token()) != null) {
            throw new IllegalStateException("the random source repeated a session token");
        }
        byToken.put(row.token(), row);
        index(row);
    }

    void load(SessionRow row) {
        byToken.load(row.token(), row);
        index(row);
    }

    private void index(SessionRow row) {
        byUser.computeIfAbsent(row.username(), user -> new TreeSet<>()).add(row.token());
        byExpiry.add(row);
    }

    /** Replaces a known session with a new expiry. */
    void renew(SessionRow row) {
        SessionRow before = byToken.get(row.token());
        if (before == null || !before.username().equals(row.username())) {
            throw new IllegalStateException("renewing a session that is not there");
        }
        byExpiry.remove(before);
        byToken.put(row.token(), row);
        byExpiry.add(row);
    }

    void remove(String token) {
        SessionRow row = byToken.get(token);
        if (row == null) {
            return;
        }
        byToken.remove(token);
        byExpiry.remove(row);
        TreeSet<String> tokens = byUser.get(row.username());
        tokens.remove(token);
        if (tokens.isEmpty()) {
            byUser.remove(row.username());
        }
    }

    /** Ends every session of {@code username}. */
    void removeUser(String username) {
        TreeSet<String> tokens = byUser.get(username);
        if (tokens != null) {
            List.copyOf(tokens).forEach(this::remove);
        }
    }

    int countOf(String username) {
        TreeSet<String> tokens = byUser.get(username);
        return tokens == null ? 0 : tokens.size();
    }

    /** The user's oldest session; the user has at least one. */
    SessionRow oldestOf(String username) {
        return byUser.get(username).stream().map(byToken::get).min(BY_AGE).orElseThrow();
    }

    /** Up to {@code max} sessions expired at {@code nowMs}, earliest expiry first. */
    List<SessionRow> expired(long nowMs, int max) {
        List<SessionRow> out = new ArrayList<>();
        for (SessionRow row : byExpiry) {
            if (out.size() == max || row.validAt(nowMs)) {
                break;
            }
            out.add(row);
        }
        return out;
    }

    int size() {
        return byToken.size();
    }

    List<SessionRow> rows() {
        return List.copyOf(byToken.values());
    }

    DirectoryTable.Drained<SessionRow> drain() {
        return byToken.drain();
    }

    boolean dirty() {
        return byToken.dirty();
    }

    /** The indexes agree (costly: for assertions). */
    boolean consistent() {
        int listed = byUser.values().stream().mapToInt(TreeSet::size).sum();
        return listed == byToken.size() && byExpiry.size() == byToken.size()
            && byExpiry.stream().allMatch(row -> row.equals(byToken.get(row.token())));
    }
}
