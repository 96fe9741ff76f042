package cnode.peer;

/**
 * Why a handshake was refused, as the REFUSED frame names it (docs/PEER-PROTOCOL.md). The
 * refusing side sends one REFUSED frame with the name and closes the connection.
 */
public enum HandshakeRefusal {
    /** The port already holds its {@link PeerLimits#connectionsMax()} connections. */
    BUSY,
    /** A frame that is not the expected handshake message, or a field of the wrong form. */
    MALFORMED,
    /** A frame longer than {@link PeerLimits#frameBytesMax()}. */
    FRAME_TOO_LARGE,
    /** The HELLO names a protocol version this node does not speak. */
    WRONG_VERSION,
    /** Nobody is logged in on the node that was called, so it has no key to answer with. */
    NOBODY_LOGGED_IN,
    /** The user at the other end is not the one expected. */
    WRONG_USER,
    /** The directory has no such user. */
    UNKNOWN_USER,
    /** The directory could not be asked for the user's key. */
    DIRECTORY_UNREACHABLE,
    /** The transcript signature does not verify with the directory's key of the user. */
    BAD_SIGNATURE,
    /** The handshake did not finish within {@link PeerLimits#handshakeTimeoutMs()}. */
    HANDSHAKE_TIMEOUT
}
