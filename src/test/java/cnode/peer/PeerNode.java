package cnode.peer;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.crypto.KeyPair;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One user's node as far as the P2P layer goes, for tests: a port on a free loopback port and
 * a client, both speaking for an identity the test can log out (or replace with a forged
 * one), against a shared key directory. Keys come from a seeded source, so runs repeat.
 */
final class PeerNode implements AutoCloseable {
    final String user;
    final KeyPair keys;
    final AtomicReference<Optional<PeerIdentity>> identity;
    final PeerPort port;
    final PeerClient client;

    private PeerNode(String user, KeyPair keys, PeerLimits limits, KeyDirectory directory,
                     PeerHandler handler) throws Exception {
        this.user = user;
        this.keys = keys;
        this.identity = new AtomicReference<>(Optional.of(new PeerIdentity(user, keys)));
        this.port = PeerPort.start(new InetSocketAddress("127.0.0.1", 0), limits,
            identity::get, directory, handler);
        this.client = new PeerClient(limits, identity::get, directory, handler);
    }

    /** A node for {@code user} whose key the directory gets. */
    static PeerNode start(String user, MapDirectory directory, PeerLimits limits,
                          PeerHandler handler) throws Exception {
        KeyPair keys = keys(user);
        directory.with(user, keys.publicKey());
        return new PeerNode(user, keys, limits, directory, handler);
    }

    /** A repeatable key pair per name. */
    static KeyPair keys(String seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return KeyPair.generate(random);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JDK has SHA1PRNG", missing);
        }
    }

    PeerAddress address() {
        return new PeerAddress("127.0.0.1", port.port());
    }

    /** Opens a link to {@code other} and asserts it is up. */
    PeerLink linkTo(PeerNode other) throws InterruptedException {
        LinkResult result = client.open(other.user, other.address());
        assertThat(result).isInstanceOf(LinkResult.Linked.class);
        return ((LinkResult.Linked) result).link();
    }

    /** Polls {@code condition} every 10 ms for up to 10 s; fails the test if it never holds. */
    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        client.close();
        port.close();
    }
}
