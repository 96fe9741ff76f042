package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static cnode.colony.server.EdgeRig.refusedAs;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ColonyUsers.LeaseReply;
import cnode.colony.client.ColonyUsers.LeaseRequest;
import cnode.colony.client.SessionToken;
import cnode.colony.server.EdgeRig.Member;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-permission lease over HTTP as two nodes of one user use it (issue 4): the first
 * instance gets it, the second learns who holds it and until when, renewals and hand-over keep
 * one holder, an expired lease is taken over; malformed calls are refused by name.
 */
class LeaseEndpointTest {
    @TempDir
    static Path data;
    private static EdgeRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = EdgeRig.start(data, 21);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void twoInstancesOfOneUserShareOneLease() throws Exception {
        Member shop = rig.member("shop.one");
        SessionToken master = shop.session();
        SessionToken slave = ok(rig.users.login("shop.one", shop.password())).sessionToken();

        LeaseReply granted = ok(rig.users.lease(master, LeaseRequest.acquire("master", 60_000)));
        assertThat(granted.outcome()).isEqualTo("GRANTED");
        assertThat(granted.done()).isTrue();
        assertThat(granted.holder()).isEqualTo("master");

        LeaseReply held = ok(rig.users.lease(slave, LeaseRequest.acquire("slave", 60_000)));
        assertThat(held.outcome()).isEqualTo("HELD_BY_OTHER");
        assertThat(held.done()).isFalse();
        assertThat(held.holder()).isEqualTo("master");
        assertThat(held.expiresAtMs()).isEqualTo(granted.expiresAtMs());

        LeaseReply notHolder = ok(rig.users.lease(slave, LeaseRequest.renew("slave", 1_000)));
        assertThat(notHolder.outcome()).isEqualTo("NOT_HOLDER");
        assertThat(ok(rig.users.lease(master, LeaseRequest.renew("master", 90_000))).outcome())
            .isEqualTo("RENEWED");
        LeaseReply handed = ok(rig.users.lease(master,
            LeaseRequest.handOver("master", "slave", 30_000)));
        assertThat(handed.outcome()).isEqualTo("HANDED_OVER");
        assertThat(handed.holder()).isEqualTo("slave");
        assertThat(ok(rig.users.lease(master, LeaseRequest.acquire("master", 1_000))).outcome())
            .isEqualTo("HELD_BY_OTHER");
        LeaseReply released = ok(rig.users.lease(slave, LeaseRequest.release("slave")));
        assertThat(released.outcome()).isEqualTo("RELEASED");
        assertThat(released.holder()).isNull();
        assertThat(released.expiresAtMs()).isNull();
        assertThat(ok(rig.users.lease(master, LeaseRequest.acquire("master", 1_000))).outcome())
            .isEqualTo("GRANTED");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsHolderMustAcquireAgain() throws Exception {
        Member node = rig.member("node.two");
        ok(rig.users.lease(node.session(), LeaseRequest.acquire("a", 200)));
        long deadline = System.currentTimeMillis() + 5_000;
        LeaseReply taken;
        do {
            Thread.sleep(50);
            taken = ok(rig.users.lease(node.session(), LeaseRequest.acquire("b", 60_000)));
        } while (!taken.done() && System.currentTimeMillis() < deadline);
        assertThat(taken.outcome()).isEqualTo("TAKEN_OVER");
        assertThat(taken.holder()).isEqualTo("b");
        ok(rig.users.lease(node.session(), LeaseRequest.release("b")));
        ok(rig.users.lease(node.session(), LeaseRequest.acquire("c", 100)));
        Thread.sleep(300);
        assertThat(ok(rig.users.lease(node.session(), LeaseRequest.renew("c", 1_000)))
            .outcome()).isEqualTo("EXPIRED");
    }

    @Test
    void malformedLeaseCallsAreRefusedByName() throws Exception {
        Member node = rig.member("node.three");
        SessionToken session = node.session();
        refusedAs(rig.users.lease(session, new LeaseRequest("GRAB", "a", 1L, null)), 400,
            "ACTION_INVALID");
        refusedAs(rig.users.lease(session, new LeaseRequest("ACQUIRE", "a", null, null)), 400,
            "TTL_INVALID");
        refusedAs(rig.users.lease(session, new LeaseRequest("RELEASE", "a", 5L, null)), 400,
            "TTL_INVALID");
        refusedAs(rig.users.lease(session, new LeaseRequest("HAND_OVER", "a", 5L, null)), 400,
            "SUCCESSOR_INVALID");
        refusedAs(rig.users.lease(session, new LeaseRequest("RENEW", "a", 5L, "b")), 400,
            "SUCCESSOR_INVALID");
        refusedAs(rig.users.lease(session, LeaseRequest.acquire("has space", 1_000)), 400,
            "HOLDER_INVALID");
        refusedAs(rig.users.lease(session, LeaseRequest.acquire("a", 0)), 400, "TTL_INVALID");
        refusedAs(rig.users.lease(session, LeaseRequest.acquire("a", 86_400_001)), 400,
            "TTL_INVALID");
        refusedAs(rig.users.lease(session, LeaseRequest.handOver("a", "", 1_000)), 400,
            "SUCCESSOR_INVALID");
        refusedAs(rig.users.lease(new SessionToken("FORGED"), LeaseRequest.acquire("a", 1_000)),
            401, "SESSION_UNKNOWN");
        assertThat(ok(rig.users.lease(session, LeaseRequest.acquire("a", 1_000))).outcome())
            .as("no refused call took the lease").isEqualTo("GRANTED");
    }
}
