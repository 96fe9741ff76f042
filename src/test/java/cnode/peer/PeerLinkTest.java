package cnode.peer;

import static cnode.peer.PeerNode.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on real loopback ports with a key directory in memory: requests both ways, link
 * reuse, each handshake refusal as the calling node sees it, and the per-link limits
 * (requests in flight each way, timeouts, closing with requests waiting).
 */
class PeerLinkTest {
    private final MapDirectory directory = new MapDirectory();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    private PeerNode node(String user, PeerLimits limits, PeerHandler handler) throws Exception {
        PeerNode node = PeerNode.start(user, directory, limits, handler);
        open.add(node);
        return node;
    }

    private PeerNode node(String user) throws Exception {
        return node(user, PeerLimits.defaults(), (from, kind, body) -> {
            heard.add(from + ">" + kind);
            return PeerHandler.PONG.handle(from, kind, body);
        });
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    private static ObjectNode body(int n) {
        return JsonNodeFactory.instance.objectNode().put("n", n);
    }

    @Test
    void aPingGoesRoundBothWaysAndTheLinkIsKept() throws Exception {
        PeerNode alice = node("alice");
        PeerNode bob = node("bob");

        PeerLink toBob = alice.linkTo(bob);
        assertThat(toBob.localUser()).isEqualTo("alice");
        assertThat(toBob.remoteUser()).isEqualTo("bob");
        assertThat(toBob.request(PeerMessageKind.PING, body(1), 5_000))
            .isEqualTo(new PeerReply.Answered(PeerMessageKind.PONG, body(1)));
        PeerLink toAlice = bob.linkTo(alice);
        assertThat(toAlice.request(PeerMessageKind.PING, body(2), 5_000))
            .isEqualTo(new PeerReply.Answered(PeerMessageKind.PONG, body(2)));
        assertThat(heard).containsExactly("alice>PING", "bob>PING");

        assertThat(alice.linkTo(bob)).isSameAs(toBob);
        for (int i = 3; i < 50; i++) {
            assertThat(toBob.request(PeerMessageKind.PING, body(i), 5_000))
                .isEqualTo(new PeerReply.Answered(PeerMessageKind.PONG, body(i)));
        }
        assertThat(alice.client.kept()).isEqualTo(1);
    }

    @Test
    void aClientSigningWithAKeyOtherThanTheDirectorysIsRefused() throws Exception {
        PeerNode alice = node("alice");
        PeerNode bob = node("bob");
        alice.identity.set(Optional.of(new PeerIdentity("alice", PeerNode.keys("mallory"))));

        assertThat(alice.client.open("bob", bob.address()))
            .isEqualTo(new LinkResult.Refused(HandshakeRefusal.BAD_SIGNATURE));
        eventually(() -> bob.port.connections() == 0, "bob drops the connection");
        assertThat(heard).isEmpty();
    }

    @Test
    void aServerSigningWithAKeyOtherThanTheDirectorysIsRejected() throws Exception {
        PeerNode alice = node("alice");
        PeerNode bob = node("bob");
        bob.identity.set(Optional.of(new PeerIdentity("bob", PeerNode.keys("mallory"))));

        assertThat(alice.client.open("bob", bob.address()))
            .isEqualTo(new LinkResult.Rejected(HandshakeRefusal.BAD_SIGNATURE));
        eventually(() -> bob.port.connections() == 0, "bob drops the connection");
    }

    @Test
    void theUserAtTheServerMustBeTheOneExpected() throws Exception {
        PeerNode alice = node("alice");
        PeerNode bob = node("bob");
        directory.with("carol", PeerNode.keys("carol").publicKey());

        assertThat(alice.client.open("carol", bob.address()))
            .isEqualTo(new LinkResult.Refused(HandshakeRefusal.WRONG_USER));
        assertThat(alice.client.kept()).isZero();
    }

    @Test
    void eachSideNeedsSomeoneLoggedIn() throws Exception {
        PeerNode alice = node("alice");
        PeerNode bob = node("bob");
        bob.identity.set(Optional.empty());
        assertThat(alice.client.open("bob", bob.address()))
            .isEqualTo(new LinkResult.Refused(HandshakeRefusal.NOBODY_LOGGED_IN));

        bob.identity.set(Optional.of(new PeerIdentity("bob", bob.keys)));
        alice.identity.set(Optional.empty());
        assertThat(alice.client.open("bob", bob.address()))
            .isEqualTo(new LinkResult.NotLoggedIn());
    }

    @Test
    void aCallerTheDirectoryDoesNotKnowIsRefused() throws Exception {
        PeerNode bob = node("bob");
        PeerClient stranger = new PeerClient(PeerLimits.defaults(),
            () -> Optional.of(new PeerIdentity("dave", PeerNode.keys("dave"))), directory,
            PeerHandler.PONG);
        open.add(stranger);
        assertThat(stranger.open("bob", bob.address()))
            .isEqualTo(new LinkResult.Refused(HandshakeRefusal.UNKNOWN_USER));

        PeerNode alice = node("alice");
        directory.unreachable(true);
        assertThat(alice.client.open("bob", bob.address()))
            .isEqualTo(new LinkResult.Rejected(HandshakeRefusal.DIRECTORY_UNREACHABLE));
    }

    @Test
    void aPortNobodyListensOnIsUnreachableAfterEveryAttempt() throws Exception {
        PeerLimits limits = new PeerLimits(65_536, 5_000, 10_000, 120_000, 10_000, 256, 64,
            600_000, 1_000, 3, 10, 64);
        PeerNode alice = node("alice", limits, PeerHandler.PONG);
        int free;
        try (ServerSocket socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        LinkResult result = alice.client.open("bob", new PeerAddress("127.0.0.1", free));
        assertThat(result).isInstanceOf(LinkResult.Unreachable.class);
        assertThat(((LinkResult.Unreachable) result).detail()).contains("127.0.0.1:" + free);
    }

    @Test
    void requestsInFlightAreBoundedOnEachSide() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inHandler = new AtomicInteger();
        PeerHandler slow = (from, kind, body) -> {
            inHandler.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
            return PeerHandler.PONG.handle(from, kind, body);
        };
        PeerLimits two = withInFlight(2);
        PeerNode alice = node("alice", two, PeerHandler.PONG);
        PeerNode bob = node("bob", withInFlight(3), slow);
        PeerLink link = alice.linkTo(bob);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<PeerReply> first = callers.submit(() -> link.request(PeerMessageKind.PING,
                body(1), 10_000));
            Future<PeerReply> second = callers.submit(() -> link.request(PeerMessageKind.PING,
                body(2), 10_000));
            eventually(() -> inHandler.get() == 2, "both requests reach bob's handler");
            assertThat(link.request(PeerMessageKind.PING, body(3), 10_000))
                .isEqualTo(new PeerReply.Busy());
            release.countDown();
            assertThat(first.get()).isEqualTo(new PeerReply.Answered(PeerMessageKind.PONG,
                body(1)));
            assertThat(second.get()).isEqualTo(new PeerReply.Answered(PeerMessageKind.PONG,
                body(2)));
        }
        assertThat(link.request(PeerMessageKind.PING, body(4), 10_000))
            .isInstanceOf(PeerReply.Answered.class);
    }

    @Test
    void theAnsweringSideRefusesRequestsBeyondItsLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inHandler = new AtomicInteger();
        PeerHandler slow = (from, kind, body) -> {
            inHandler.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
            return PeerHandler.PONG.handle(from, kind, body);
        };
        PeerNode alice = node("alice", withInFlight(8), PeerHandler.PONG);
        PeerNode bob = node("bob", withInFlight(1), slow);
        PeerLink link = alice.linkTo(bob);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<PeerReply> first = callers.submit(() -> link.request(PeerMessageKind.PING,
                body(1), 10_000));
            eventually(() -> inHandler.get() == 1, "the first request reaches bob's handler");
            assertThat(link.request(PeerMessageKind.PING, body(2), 10_000))
                .isEqualTo(new PeerReply.Refused("BUSY"));
            release.countDown();
            assertThat(first.get()).isInstanceOf(PeerReply.Answered.class);
        }
    }

    @Test
    void aLateAnswerIsATimeoutAndClosingEndsWaitingRequests() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inHandler = new AtomicInteger();
        PeerHandler stuck = (from, kind, body) -> {
            inHandler.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
            return PeerHandler.PONG.handle(from, kind, body);
        };
        PeerNode alice = node("alice");
        PeerNode bob = node("bob", PeerLimits.defaults(), stuck);
        PeerLink link = alice.linkTo(bob);
        assertThat(link.request(PeerMessageKind.PING, body(1), 100))
            .isEqualTo(new PeerReply.TimedOut());
        assertThatThrownBy(() -> link.request(PeerMessageKind.PING, body(1), 0))
            .isInstanceOf(IllegalArgumentException.class);

        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<PeerReply> waiting = callers.submit(() -> link.request(PeerMessageKind.PING,
                body(2), 10_000));
            eventually(() -> inHandler.get() == 2, "the second request reaches bob");
            bob.port.closeLinks();
            assertThat(waiting.get()).isEqualTo(new PeerReply.LinkClosed(LinkEnd.ENDED));
        } finally {
            release.countDown();
        }
        assertThat(link.isOpen()).isFalse();
        assertThat(link.request(PeerMessageKind.PING, body(3), 1_000))
            .isEqualTo(new PeerReply.LinkClosed(LinkEnd.ENDED));
        PeerLink again = alice.linkTo(bob);
        assertThat(again).isNotSameAs(link);
        assertThat(again.request(PeerMessageKind.PING, body(4), 5_000))
            .isInstanceOf(PeerReply.Answered.class);
    }

    @Test
    void aHandlerThatFailsIsAnsweredAsARefusal() throws Exception {
        PeerNode alice = node("alice");
        PeerNode bob = node("bob", PeerLimits.defaults(), (from, kind, body) -> {
            throw new IllegalStateException("a bug in the handler");
        });
        PeerReply answer = alice.linkTo(bob).request(PeerMessageKind.PING, body(1), 5_000);
        assertThat(answer).isEqualTo(new PeerReply.Refused("HANDLER_FAILED"));
    }

    @Test
    void aQuietLinkClosesAsIdle() throws Exception {
        PeerLimits d = PeerLimits.defaults();
        PeerLimits quick = new PeerLimits(d.frameBytesMax(), d.handshakeTimeoutMs(),
            d.readTimeoutMs(), 200, d.writeTimeoutMs(), d.connectionsMax(), d.inFlightMax(),
            d.requestTimeoutMsMax(), d.connectTimeoutMs(), d.connectAttempts(),
            d.retryBackoffMs(), d.linksMax());
        PeerNode alice = node("alice", quick, PeerHandler.PONG);
        PeerNode bob = node("bob", quick, PeerHandler.PONG);
        PeerLink link = alice.linkTo(bob);
        assertThat(link.request(PeerMessageKind.PING, body(1), 5_000))
            .isInstanceOf(PeerReply.Answered.class);
        eventually(() -> !link.isOpen(), "the quiet link closes");
        assertThat(link.end().orElseThrow()).isIn(LinkEnd.IDLE, LinkEnd.ENDED);
        eventually(() -> bob.port.connections() == 0, "bob forgets the connection");
    }

    @Test
    void aDirectorySlowerThanTheHandshakeLimitEndsIt() throws Exception {
        PeerNode alice = node("alice");
        PeerLimits d = PeerLimits.defaults();
        PeerLimits quick = new PeerLimits(d.frameBytesMax(), 300, d.readTimeoutMs(),
            d.idleTimeoutMs(), d.writeTimeoutMs(), d.connectionsMax(), d.inFlightMax(),
            d.requestTimeoutMsMax(), d.connectTimeoutMs(), d.connectAttempts(),
            d.retryBackoffMs(), d.linksMax());
        CountDownLatch never = new CountDownLatch(1);
        PeerPort slow = PeerPort.start(new java.net.InetSocketAddress("127.0.0.1", 0), quick,
            () -> Optional.of(new PeerIdentity("bob", PeerNode.keys("bob"))), user -> {
                never.await();
                return Optional.empty();
            }, PeerHandler.PONG);
        open.add(slow);
        directory.with("bob", PeerNode.keys("bob").publicKey());
        assertThat(alice.client.open("bob", new PeerAddress("127.0.0.1", slow.port())))
            .isEqualTo(new LinkResult.Refused(HandshakeRefusal.HANDSHAKE_TIMEOUT));
    }

    private static PeerLimits withInFlight(int inFlightMax) {
        PeerLimits d = PeerLimits.defaults();
        return new PeerLimits(d.frameBytesMax(), d.handshakeTimeoutMs(), d.readTimeoutMs(),
            d.idleTimeoutMs(), d.writeTimeoutMs(), d.connectionsMax(), inFlightMax,
            d.requestTimeoutMsMax(), d.connectTimeoutMs(), d.connectAttempts(),
            d.retryBackoffMs(), d.linksMax());
    }
}
