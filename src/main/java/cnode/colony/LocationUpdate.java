package cnode.colony;

/**
 * What a node reports about itself ({@link Directory#setLocation}); one record so that the
 * address and the machine id cannot be swapped at a call site. Immutable.
 *
 * @param address      P2P address, {@code host:port}: a host name, an IPv4 address or a
 *                     bracketed IPv6 address, then a port 1–65535; at most 262 characters
 * @param machineIdHex the node's machine id: 1 to 64 hex digits (the documentation shows 16)
 * @param online       whether the node is taking P2P connections
 */
public record LocationUpdate(String address, String machineIdHex, boolean online) {
}
