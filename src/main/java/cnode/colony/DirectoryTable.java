package cnode.colony;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rows of one kind keyed by text, which remember what changed since the last drain so that the
 * store writes only that. Ordered by key, so listings and snapshots are deterministic.
 *
 * <p>Invariants: {@code changed} holds every key whose row differs from what the store last
 * received (a key present here is to be written, a key absent here is to be deleted);
 * {@code storeLacks} holds the keys added since the last drain that the store never had, so a
 * row added and removed between two drains costs the store nothing and the change set stays
 * bounded by the rows the store holds plus the rows held here. Owned by the directory's writer
 * thread, like the directory.
 *
 * @param <R> the row type
 */
final class DirectoryTable<R> {
    /** The rows changed and the keys removed since the last drain. */
    record Drained<R>(List<R> rows, List<String> gone) {}

    private final TreeMap<String, R> rows = new TreeMap<>();
    /** Sorted, so that a drain's order depends on the keys alone, not on their history. */
    private final Set<String> changed = new TreeSet<>();
    private final Set<String> storeLacks = new HashSet<>();

    R get(String key) {
        return key == null ? null : rows.get(key);
    }

    /** Adds or replaces the row at {@code key}; the store will be given it. */
    void put(String key, R row) {
        Objects.requireNonNull(row);
        R before = rows.put(key, row);
        // A key absent here but changed was removed since the drain: the store still has it.
        if (before == null && !changed.contains(key)) {
            storeLacks.add(key);
        }
        changed.add(key);
    }

    /** Removes the row at {@code key}, if any; the store will delete it if it has it. */
    void remove(String key) {
        if (rows.remove(key) == null) {
            return;
        }
        if (storeLacks.remove(key)) {
            changed.remove(key);
        } else {
            changed.add(key);
        }
    }

    /** Puts a row as the store already has it (restore): nothing to write. */
    void load(String key, R row) {
        if (rows.putIfAbsent(key, Objects.requireNonNull(row)) != null) {
            throw new IllegalArgumentException("two rows with the key " + key);
        }
    }

    int size() {
        return rows.size();
    }

    Collection<R> values() {
        return rows.values();
    }

    /** The rows after {@code key} in key order (all of them when {@code key} is null). */
    Collection<R> after(String key) {
        NavigableMap<String, R> tail = key == null ? rows : rows.tailMap(key, false);
        return tail.values();
    }

    /** What changed since the last drain, in key order; the table then counts as saved. */
    Drained<R> drain() {
        List<R> written = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (String key : changed) {
            R row = rows.get(key);
            if (row == null) {
                gone.add(key);
            } else {
                written.add(row);
            }
        }
        changed.clear();
        storeLacks.clear();
        return new Drained<>(List.copyOf(written), List.copyOf(gone));
    }

    /** Whether anything is waiting to be drained. */
    boolean dirty() {
        return !changed.isEmpty();
    }
}
