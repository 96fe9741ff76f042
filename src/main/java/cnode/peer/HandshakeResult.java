package cnode.peer;

import java.util.Objects;

/**
 * How one side's handshake ended: the link's parties and seals, or a refusal and who made it.
 * Immutable.
 */
sealed interface HandshakeResult {
    /** Who refused: this side, or the other one (its REFUSED frame). */
    enum By { US, PEER }

    /** The link is authenticated; frames from now on go through the seals. */
    record Done(String localUser, String remoteUser, FrameSeal send, FrameSeal receive)
        implements HandshakeResult {}

    /** The handshake failed; when {@code by} is {@code US}, a REFUSED frame was sent. */
    record Failed(HandshakeRefusal reason, By by) implements HandshakeResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(by, "by");
        }
    }
}
