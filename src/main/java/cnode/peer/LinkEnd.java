package cnode.peer;

/**
 * Why a link closed. A payment flow tells a peer that broke the protocol (a bad HMAC, a wrong
 * sequence, a malformed or oversize frame) from a link that merely dropped.
 */
public enum LinkEnd {
    /** This node closed it (shutdown, logout, eviction from the client's cache). */
    CLOSED,
    /** The other side closed the connection. */
    ENDED,
    /** Nothing arrived for {@link PeerLimits#idleTimeoutMs()} and nothing was in flight. */
    IDLE,
    /** A frame started but did not finish within {@link PeerLimits#readTimeoutMs()}. */
    READ_TIMEOUT,
    /** A write did not finish within {@link PeerLimits#writeTimeoutMs()}. */
    WRITE_STALLED,
    /** The connection failed. */
    BROKEN,
    /** A frame's HMAC did not verify: tampered, or not from the authenticated peer. */
    BAD_MAC,
    /** A frame's sequence number was not the previous one plus one: replayed or reordered. */
    BAD_SEQUENCE,
    /** A frame longer than {@link PeerLimits#frameBytesMax()}. */
    FRAME_TOO_LARGE,
    /** A frame whose MAC verified but whose content is not a message of the protocol. */
    MALFORMED;

    /** Whether the other side broke the protocol (rather than the link just ending). */
    public boolean brokenByPeer() {
        return this == BAD_MAC || this == BAD_SEQUENCE || this == FRAME_TOO_LARGE
            || this == MALFORMED;
    }
}
