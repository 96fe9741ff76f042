package cnode.system;

import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.Outcome;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.crypto.Pbkdf2;
import cnode.peer.KeyDirectory;
import cnode.peer.PeerHandler;
import cnode.peer.PeerIdentity;
import cnode.peer.PeerLimits;
import cnode.peer.PeerPort;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * A test peer: a user registered in the directory like any other, whose "node" is a bare
 * P2P port in the test that answers with whatever handler the test gives it, and may sign its
 * handshake with a key that is not the user's. It reports its address to the colony, so a real
 * node finds it by the directory and talks to it over a real socket.
 */
final class RoguePeer implements AutoCloseable {
    private final PeerPort port;

    private RoguePeer(PeerPort port) {
        this.port = port;
    }

    /**
     * Registers {@code username}, starts a port answering with {@code handler}, and reports it
     * online. With {@code forged}, the port signs its handshakes with a key other than the one
     * the directory holds.
     */
    static RoguePeer start(ColonyClient colony, String username, boolean forged,
                           PeerHandler handler) throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPair keys = KeyPair.generate(random);
        String password = "rogue-password-1";
        ColonyUsers users = new ColonyUsers(colony);
        KeyBlob blob = KeyBlob.seal(keys.privateKey(), username, password, random,
            Pbkdf2.ITERATIONS_MIN);
        Outcome<?> registered = users.register(new ColonyUsers.RegisterRequest(username,
            password, keys.publicKey().text(), blob.text(), false, null, null, null, null));
        if (!(registered instanceof Outcome.Ok)) {
            throw new AssertionError("register " + username + ": " + registered);
        }
        var login = (Outcome.Ok<ColonyUsers.LoginReply>) users.login(username, password);
        KeyPair signing = forged ? KeyPair.generate(random) : keys;
        KeyDirectory directory = name -> users.profile(name) instanceof
            Outcome.Ok<ColonyUsers.ProfileReply> ok
            ? cnode.crypto.PublicKey.parse(ok.reply().publicKey()) : Optional.empty();
        PeerPort port = PeerPort.start(new InetSocketAddress("127.0.0.1", 0),
            PeerLimits.defaults(), () -> Optional.of(new PeerIdentity(username, signing)),
            directory, handler);
        users.setLocation(login.reply().sessionToken(), username, new ColonyUsers
            .LocationRequest("127.0.0.1:" + port.port(), "0123456789ABCDEF", true));
        return new RoguePeer(port);
    }

    @Override
    public void close() {
        port.close();
    }
}
