package cnode.colony;

import java.util.Objects;

/**
 * A user's location as the node last reported it, as the directory keeps it and the store
 * writes it. {@code online} is what the node said; whether it still counts is judged at read
 * time against the freshness ({@link Directory#location}). Locations are never deleted.
 * Immutable.
 *
 * @param username     whose node it is
 * @param address      P2P address, {@code host:port}
 * @param machineIdHex the node's machine id, hex
 * @param online       whether the node said it was online
 * @param lastSeenMs   when the node reported
 */
public record LocationRow(String username, String address, String machineIdHex, boolean online,
                          long lastSeenMs) {
    public LocationRow {
        Objects.requireNonNull(username);
        Objects.requireNonNull(address);
        Objects.requireNonNull(machineIdHex);
    }
}
