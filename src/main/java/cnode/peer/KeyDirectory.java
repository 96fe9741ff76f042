package cnode.peer;

import cnode.crypto.PublicKey;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a handshake learns a user's public key: the directory's key for the claimed name, so
 * a peer proves it is that user by signing with the matching private key. In production this
 * is {@link UserLocator} (the colony's {@code GET /v1/users/{user}}, cached); tests use a map.
 * Implementations are thread-safe: every handshake calls it from its own thread.
 */
@FunctionalInterface
public interface KeyDirectory {
    /**
     * The directory's public key of {@code username}, or empty when there is no such user.
     *
     * @throws IOException when the directory cannot be asked (the handshake is then refused
     *     as {@link HandshakeRefusal#DIRECTORY_UNREACHABLE}, never as an unknown user)
     */
    Optional<PublicKey> publicKey(String username) throws IOException, InterruptedException;
}
