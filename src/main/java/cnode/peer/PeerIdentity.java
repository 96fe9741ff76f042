package cnode.peer;

import cnode.crypto.KeyPair;
import java.util.Objects;

/**
 * Who this node speaks for on the P2P port: the logged-in user's name and Ed25519 key pair,
 * with which it signs its side of every handshake. The node's user logs in and out while the
 * port runs, so the port and the client read it through a supplier at each handshake.
 * Immutable; {@link #toString()} names the user only.
 *
 * @param username the user, as the directory knows it
 * @param keys the user's key pair; its public half is the directory's key for the user
 */
public record PeerIdentity(String username, KeyPair keys) {
    public PeerIdentity {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(keys, "keys");
    }

    @Override
    public String toString() {
        return "PeerIdentity[" + username + "]";
    }
}
