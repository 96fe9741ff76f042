package cnode.colony;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each owner's log of coin changes, so a reader can ask what changed since a version instead of
 * reading every coin again ({@link Registry#holdingsChanges}). Memory only, never stored: a
 * registry starts with empty logs under a new random {@code epoch}, so a version taken before a
 * restart is refused rather than misread.
 *
 * <p>Every coin change takes the next registry-wide sequence number. An owner's log maps
 * sequence numbers to coin ids, with at most one entry per coin, its latest: a live entry while
 * the owner has the coin, a tombstone ("gone") once the coin left the owner (to another owner,
 * or out of circulation). A change that keeps the owner moves the coin's entry to the new
 * number; a coin that comes back replaces its tombstone. Tombstones are bounded: at most
 * {@link #TOMBSTONES_PER_OWNER_MAX} per owner and {@link #TOMBSTONES_MAX} in all; dropping the
 * oldest raises its owner's {@code horizon} (the highest number forgotten), and a version below
 * an owner's horizon is refused. Live entries are never dropped: there is one per live coin.
 *
 * <p>A version is the text {@code "<epoch>.<seq>"}: the reader knows the owner's coins as they
 * were after change {@code seq}. Invariants ({@link #violations} checks): each live coin has
 * exactly one live entry, in its owner's log; each tombstone names a coin its owner no longer
 * has; the tombstone counts are within their bounds. Owned by the registry's writer thread, as
 * the ledger that feeds it; not thread-safe.
 */
final class HoldingsLog {
    /** Most tombstones one owner's log keeps: 100 s of history at 1 000 coins out a second. */
    static final int TOMBSTONES_PER_OWNER_MAX = 100_000;
    /** Most tombstones of all owners together: about 200 MB. */
    static final int TOMBSTONES_MAX = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int EPOCH_CHARS = 12;
    private static final Pattern VERSION = Pattern.compile(
        "([a-z2-7]{" + EPOCH_CHARS + "})\\.(0|[1-9][0-9]{0,17})");

    /** A change the reader has not seen: a live coin id or a tombstone's. */
    record Change(long seq, String coinId, boolean gone) {}

    /**
     * One owner's log. It stays once made: after its first coin an owner always has an entry
     * or a horizon, so there is one log per owner that ever had a coin since the start.
     */
    private static final class OwnerLog {
        /** Live entries and tombstones, by sequence number. */
        final NavigableMap<Long, String> entries = new TreeMap<>();
        /** The tombstones alone, oldest first. */
        final NavigableMap<Long, String> gone = new TreeMap<>();
        /** Each tombstone's sequence number by coin id. */
        final Map<String, Long> goneSeq = new HashMap<>();
        long horizon;
    }

    private final String epoch;
    private final Map<String, OwnerLog> owners = new HashMap<>();
    /** Each live coin's sequence number, the key of its entry in its owner's log. */
    private final Map<String, Long> liveSeq = new HashMap<>();
    /** Every tombstone's owner, oldest first, for the bound over all owners. */
    private final NavigableMap<Long, String> tombstones = new TreeMap<>();
    private long seq;
    private int perOwnerMax = TOMBSTONES_PER_OWNER_MAX;
    private int totalMax = TOMBSTONES_MAX;

    HoldingsLog() {
        StringBuilder text = new StringBuilder(EPOCH_CHARS);
        for (int i = 0; i < EPOCH_CHARS; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        epoch = text.toString();
    }

    /** Lowers the tombstone bounds (for tests), dropping what is over them now. */
    void limit(int perOwner, int total) {
        if (perOwner < 1 || total < 1) {
            throw new IllegalArgumentException("tombstone bounds must be positive");
        }
        perOwnerMax = perOwner;
        totalMax = total;
        owners.values().forEach(this::trim);
        trimAll();
    }

    /** The version of this moment: a later read of changes since it misses nothing. */
    String head() {
        return epoch + "." + seq;
    }

    /**
     * Notes one coin change: {@code before} and {@code after} are its rows, either null when
     * the coin was not (is no longer) live.
     */
    void changed(CoinRow before, CoinRow after) {
        seq++;
        if (before != null) {
            OwnerLog log = owners.get(before.owner());
            log.entries.remove(liveSeq.remove(before.id()));
            if (after == null || !after.owner().equals(before.owner())) {
                bury(before.owner(), log, before.id());
            }
        }
        if (after != null) {
            OwnerLog log = owners.computeIfAbsent(after.owner(), owner -> new OwnerLog());
            Long old = log.goneSeq.get(after.id());
            if (old != null) {
                unbury(log, after.id(), old);
            }
            log.entries.put(seq, after.id());
            liveSeq.put(after.id(), seq);
        }
    }

    private void bury(String owner, OwnerLog log, String coinId) {
        log.entries.put(seq, coinId);
        log.gone.put(seq, coinId);
        log.goneSeq.put(coinId, seq);
        tombstones.put(seq, owner);
        trim(log);
        trimAll();
    }

    private void unbury(OwnerLog log, String coinId, long at) {
        log.entries.remove(at);
        log.gone.remove(at);
        log.goneSeq.remove(coinId);
        tombstones.remove(at);
    }

    private void trim(OwnerLog log) {
        while (log.gone.size() > perOwnerMax) {
            forget(log, log.gone.firstKey());
        }
    }

    private void trimAll() {
        while (tombstones.size() > totalMax) {
            Map.Entry<Long, String> oldest = tombstones.firstEntry();
            forget(owners.get(oldest.getValue()), oldest.getKey());
        }
    }

    private void forget(OwnerLog log, long at) {
        unbury(log, log.gone.get(at), at);
        log.horizon = Math.max(log.horizon, at);
    }

    /**
     * The sequence number {@code version} stands for, or -1 when it cannot be answered for
     * {@code owner}: malformed, of another epoch, ahead of this log, or below the owner's
     * horizon (a tombstone it would need was forgotten).
     */
    long since(String owner, String version) {
        Matcher match = VERSION.matcher(version);
        if (!match.matches() || !match.group(1).equals(epoch)) {
            return -1;
        }
        long at = Long.parseLong(match.group(2));
        OwnerLog log = owners.get(owner);
        long horizon = log == null ? 0 : log.horizon;
        return at > seq || at < horizon ? -1 : at;
    }

    /** The version that stands for after change {@code at}. */
    String version(long at) {
        return epoch + "." + at;
    }

    /**
     * The first {@code max} changes of {@code owner}'s coins after {@code after}, oldest first;
     * time proportional to what it returns (plus a log of the owner's log).
     */
    List<Change> after(String owner, long after, int max) {
        OwnerLog log = owners.get(owner);
        if (log == null) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        Iterator<Map.Entry<Long, String>> tail = log.entries.tailMap(after, false).entrySet()
            .iterator();
        while (changes.size() < max && tail.hasNext()) {
            Map.Entry<Long, String> entry = tail.next();
            changes.add(new Change(entry.getKey(), entry.getValue(),
                log.gone.containsKey(entry.getKey())));
        }
        return changes;
    }

    /**
     * Where the logs differ from {@code coins}, the live rows by id: a live coin without
     * exactly one live entry in its owner's log, a tombstone of a coin its owner has, a count
     * over its bound. Time proportional to the coins and entries.
     */
    List<String> violations(Map<String, CoinRow> coins) {
        List<String> found = new ArrayList<>();
        if (!liveSeq.keySet().equals(coins.keySet())) {
            found.add("the holdings log's live coins differ from the live coins");
        }
        int live = 0;
        int buried = 0;
        for (Map.Entry<String, OwnerLog> owner : owners.entrySet()) {
            OwnerLog log = owner.getValue();
            buried += log.gone.size();
            live += log.entries.size() - log.gone.size();
            for (Map.Entry<Long, String> entry : log.entries.entrySet()) {
                CoinRow row = coins.get(entry.getValue());
                boolean has = row != null && row.owner().equals(owner.getKey());
                boolean gone = log.gone.containsKey(entry.getKey());
                boolean current = entry.getKey().equals(gone
                    ? log.goneSeq.get(entry.getValue()) : liveSeq.get(entry.getValue()));
                if (has == gone || !current) {
                    found.add("holdings log of " + owner.getKey() + ": entry " + entry.getKey()
                        + " for coin " + entry.getValue() + " is stale");
                }
            }
            if (log.goneSeq.size() != log.gone.size() || log.gone.size() > perOwnerMax) {
                found.add("holdings log of " + owner.getKey() + ": tombstones miscounted");
            }
        }
        if (live != coins.size() || buried != tombstones.size() || buried > totalMax) {
            found.add("the holdings log counts " + live + " live entries and " + buried
                + " tombstones, for " + coins.size() + " coins and " + tombstones.size()
                + " tombstones noted");
        }
        return found;
    }
}
