package cnode.peer;

import cnode.crypto.PublicKey;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key directory in memory for the link tests: users and their public keys, and a switch
 * that makes it unreachable (every lookup an {@link IOException}, as the colony client's).
 */
final class MapDirectory implements KeyDirectory {
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private volatile boolean unreachable;

    MapDirectory with(String user, PublicKey key) {
        keys.put(user, key);
        return this;
    }

    void unreachable(boolean value) {
        unreachable = value;
    }

    @Override
    public Optional<PublicKey> publicKey(String username) throws IOException {
        if (unreachable) {
            throw new IOException("directory switched off by the test");
        }
        return Optional.ofNullable(keys.get(username));
    }
}
