package cnode.peer;

import java.util.Objects;

/**
 * How opening a link to another user's node ended, as a value (docs/PEER-PROTOCOL.md). A
 * payment flow maps {@link Unreachable} to "user not found", {@link Refused} and
 * {@link Rejected} with a signature or user reason to "not authenticated". Immutable.
 */
public sealed interface LinkResult {
    /** The link is up and authenticated. */
    record Linked(PeerLink link) implements LinkResult {
        public Linked {
            Objects.requireNonNull(link, "link");
        }
    }

    /** The other node refused this node's handshake, naming why. */
    record Refused(HandshakeRefusal reason) implements LinkResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** This node refused the other node's side of the handshake (and told it so). */
    record Rejected(HandshakeRefusal reason) implements LinkResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** No connection after every attempt, or it broke during the handshake. */
    record Unreachable(String detail) implements LinkResult {}

    /** Nobody is logged in on this node, so it has nobody to speak for. */
    record NotLoggedIn() implements LinkResult {}
}
