package cnode.peer;

import cnode.crypto.PublicKey;
import java.util.Objects;

/**
 * Where a user is, as a value (the SEARCHING step of a payment): found online at an address
 * with the directory's key, unknown to the directory, known but offline, or the colony could
 * not be asked. Immutable.
 */
public sealed interface LocateResult {
    /** The user's node: where to connect, and the key its handshake must verify with. */
    record Found(String username, PeerAddress address, PublicKey publicKey)
        implements LocateResult {
        public Found {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /** The directory has no such user. */
    record UnknownUser(String username) implements LocateResult {}

    /** The user exists but its node is not online (never reported, or not recently). */
    record Offline(String username) implements LocateResult {}

    /** The colony did not answer, or answered something unexpected; {@code detail} says what. */
    record ColonyUnreachable(String detail) implements LocateResult {}
}
