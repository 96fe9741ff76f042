package cnode.colony;

/**
 * Where a user's node can be reached, as anyone may read it: the P2P address, the machine id,
 * whether the node is online and when it last reported. {@code online} is already judged: a
 * node that said it was online but has not reported within the configured freshness reads as
 * offline. Immutable.
 *
 * @param address      P2P address, {@code host:port}; empty when never reported
 * @param machineIdHex the node's machine id in hex; empty when never reported
 * @param online       online and fresh at the time of the query
 * @param lastSeenMs   when the node last reported; 0 when never
 */
public record UserLocation(String address, String machineIdHex, boolean online,
                           long lastSeenMs) {
    /** A user whose node never reported a location. */
    public static final UserLocation NONE = new UserLocation("", "", false, 0);
}
