package cnode.colony;

/**
 * Who asks for a lease: the session that proves which user the caller is, and the instance id
 * the node chose for itself (two nodes of one user have two ids). One record so that the two
 * texts cannot be swapped at a call site. {@link #toString()} leaves out the token. Immutable.
 *
 * @param sessionToken the caller's session token
 * @param instanceId   the caller's instance id: 1 to 64 printable ASCII characters, no spaces
 */
public record LeaseHolder(String sessionToken, String instanceId) {
    @Override
    public String toString() {
        return "LeaseHolder[instanceId=" + instanceId + "]";
    }
}
