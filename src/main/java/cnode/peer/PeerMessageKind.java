package cnode.peer;

/**
 * The kinds of message a link carries once it is authenticated, requests and their answers
 * alike (the handshake's kinds are separate and never appear on a link). Payments add their
 * kinds here; a peer that receives a request kind it does not know answers it refused with
 * {@code UNKNOWN_KIND} and keeps the link.
 */
public enum PeerMessageKind {
    /** A request that asks the other node to show it is there; answered with {@link #PONG}. */
    PING,
    /** The answer to {@link #PING}; its body echoes the ping's. */
    PONG
}
