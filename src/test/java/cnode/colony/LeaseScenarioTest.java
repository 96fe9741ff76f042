package cnode.colony;

import static cnode.colony.DirectoryRig.LEASE_TTL_MAX_MS;
import static cnode.colony.DirectoryRig.SESSION_TTL_MS;
import static cnode.colony.DirectoryRig.T0;
import static cnode.colony.LeaseOutcome.EXPIRED;
import static cnode.colony.LeaseOutcome.GRANTED;
import static cnode.colony.LeaseOutcome.HANDED_OVER;
import static cnode.colony.LeaseOutcome.HELD_BY_OTHER;
import static cnode.colony.LeaseOutcome.HOLDER_INVALID;
import static cnode.colony.LeaseOutcome.NOT_HOLDER;
import static cnode.colony.LeaseOutcome.RELEASED;
import static cnode.colony.LeaseOutcome.RENEWED;
import static cnode.colony.LeaseOutcome.SESSION_EXPIRED;
import static cnode.colony.LeaseOutcome.SESSION_UNKNOWN;
import static cnode.colony.LeaseOutcome.SUCCESSOR_INVALID;
import static cnode.colony.LeaseOutcome.TAKEN_OVER;
import static cnode.colony.LeaseOutcome.TTL_INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Write-permission leases as a scenario table: each operation from each state of the lease
 * (free, mine live or expired, another's live or expired), then the input refusals and their
 * order. Each row checks the answer (outcome, holder, expiry) and the lease left behind. The
 * lease before the call was taken at T0 for {@value #TTL} ms; the call happens at T0 + 50 (the
 * lease live) or T0 + {@value #TTL} (expired), and asks for {@value #ASK} ms.
 */
final class LeaseScenarioTest {
    private static final long TTL = 100;
    private static final long ASK = 200;

    enum Op { ACQUIRE, RENEW, RELEASE, HAND_OVER }

    enum Before { FREE, MINE, MINE_EXPIRED, OTHER, OTHER_EXPIRED }

    static Stream<Arguments> states() {
        return Stream.of(
            Arguments.of(Op.ACQUIRE, Before.FREE, GRANTED),
            Arguments.of(Op.ACQUIRE, Before.MINE, GRANTED),
            Arguments.of(Op.ACQUIRE, Before.MINE_EXPIRED, GRANTED),
            Arguments.of(Op.ACQUIRE, Before.OTHER, HELD_BY_OTHER),
            Arguments.of(Op.ACQUIRE, Before.OTHER_EXPIRED, TAKEN_OVER),
            Arguments.of(Op.RENEW, Before.FREE, NOT_HOLDER),
            Arguments.of(Op.RENEW, Before.MINE, RENEWED),
            Arguments.of(Op.RENEW, Before.MINE_EXPIRED, EXPIRED),
            Arguments.of(Op.RENEW, Before.OTHER, NOT_HOLDER),
            Arguments.of(Op.RENEW, Before.OTHER_EXPIRED, NOT_HOLDER),
            Arguments.of(Op.RELEASE, Before.FREE, NOT_HOLDER),
            Arguments.of(Op.RELEASE, Before.MINE, RELEASED),
            Arguments.of(Op.RELEASE, Before.MINE_EXPIRED, EXPIRED),
            Arguments.of(Op.RELEASE, Before.OTHER, NOT_HOLDER),
            Arguments.of(Op.RELEASE, Before.OTHER_EXPIRED, NOT_HOLDER),
            Arguments.of(Op.HAND_OVER, Before.FREE, NOT_HOLDER),
            Arguments.of(Op.HAND_OVER, Before.MINE, HANDED_OVER),
            Arguments.of(Op.HAND_OVER, Before.MINE_EXPIRED, EXPIRED),
            Arguments.of(Op.HAND_OVER, Before.OTHER, NOT_HOLDER),
            Arguments.of(Op.HAND_OVER, Before.OTHER_EXPIRED, NOT_HOLDER));
    }

    @ParameterizedTest(name = "{0} when {1} → {2}")
    @MethodSource("states")
    void eachOperationFromEachState(Op op, Before before, LeaseOutcome expected) {
        Scene scene = new Scene();
        scene.prepare(before);
        long now = before == Before.MINE_EXPIRED || before == Before.OTHER_EXPIRED
            ? T0 + TTL : T0 + 50;
        Optional<LeaseRow> was = scene.rig.directory.lease("alice", now);

        LeaseAnswer answer = scene.call(op, scene.me, "me", "next", ASK, now);

        assertThat(answer.outcome()).isEqualTo(expected);
        Optional<LeaseRow> after = scene.rig.directory.lease("alice", now);
        switch (expected) {
            case GRANTED, TAKEN_OVER, RENEWED -> {
                assertThat(answer).isEqualTo(new LeaseAnswer(expected, "me", now + ASK));
                assertThat(after).contains(new LeaseRow("alice", "me", now + ASK));
            }
            case HANDED_OVER -> {
                assertThat(answer).isEqualTo(new LeaseAnswer(expected, "next", now + ASK));
                assertThat(after).contains(new LeaseRow("alice", "next", now + ASK));
            }
            case HELD_BY_OTHER, NOT_HOLDER -> {
                String holder = was.map(LeaseRow::holder).orElse("");
                long expiry = was.map(LeaseRow::expiresMs).orElse(0L);
                assertThat(answer).isEqualTo(new LeaseAnswer(expected, holder, expiry));
                assertThat(after).isEqualTo(was);
            }
            default -> {
                assertThat(answer).isEqualTo(new LeaseAnswer(expected, "", 0));
                assertThat(after).isEmpty();
            }
        }
    }

    static Stream<Arguments> refusals() {
        String bad = "a b";
        long over = LEASE_TTL_MAX_MS + 1;
        return Stream.of(
            Arguments.of(Op.ACQUIRE, "unknown", "me", "next", ASK, T0, SESSION_UNKNOWN),
            Arguments.of(Op.RENEW, "unknown", "me", "next", ASK, T0, SESSION_UNKNOWN),
            Arguments.of(Op.RELEASE, "unknown", "me", "next", ASK, T0, SESSION_UNKNOWN),
            Arguments.of(Op.HAND_OVER, "unknown", "me", "next", ASK, T0, SESSION_UNKNOWN),
            Arguments.of(Op.ACQUIRE, "me", "me", "next", ASK, T0 + SESSION_TTL_MS,
                SESSION_EXPIRED),
            Arguments.of(Op.RELEASE, "me", "me", "next", ASK, T0 + SESSION_TTL_MS,
                SESSION_EXPIRED),
            Arguments.of(Op.ACQUIRE, "me", "", "next", ASK, T0, HOLDER_INVALID),
            Arguments.of(Op.RENEW, "me", bad, "next", ASK, T0, HOLDER_INVALID),
            Arguments.of(Op.RELEASE, "me", "h".repeat(65), "next", ASK, T0, HOLDER_INVALID),
            Arguments.of(Op.HAND_OVER, "me", null, "next", ASK, T0, HOLDER_INVALID),
            Arguments.of(Op.HAND_OVER, "me", "me", bad, ASK, T0, SUCCESSOR_INVALID),
            Arguments.of(Op.HAND_OVER, "me", "me", null, ASK, T0, SUCCESSOR_INVALID),
            Arguments.of(Op.ACQUIRE, "me", "me", "next", 0L, T0, TTL_INVALID),
            Arguments.of(Op.ACQUIRE, "me", "me", "next", LEASE_TTL_MAX_MS, T0, GRANTED),
            Arguments.of(Op.RENEW, "me", "me", "next", over, T0, TTL_INVALID),
            Arguments.of(Op.HAND_OVER, "me", "me", "next", -1L, T0, TTL_INVALID),
            // Precedence: session, holder, successor, time to live.
            Arguments.of(Op.HAND_OVER, "unknown", bad, bad, 0L, T0, SESSION_UNKNOWN),
            Arguments.of(Op.HAND_OVER, "me", bad, bad, 0L, T0 + SESSION_TTL_MS,
                SESSION_EXPIRED),
            Arguments.of(Op.HAND_OVER, "me", bad, bad, 0L, T0, HOLDER_INVALID),
            Arguments.of(Op.HAND_OVER, "me", "me", bad, 0L, T0, SUCCESSOR_INVALID),
            Arguments.of(Op.ACQUIRE, "me", bad, "next", over, T0, HOLDER_INVALID));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} ttl {4} → {6}")
    @MethodSource("refusals")
    void inputsAreCheckedInOrderBeforeTheLease(Op op, String session, String holder,
                                              String successor, long ttlMs, long nowMs,
                                              LeaseOutcome expected) {
        Scene scene = new Scene();
        String token = session.equals("me") ? scene.me : "U".repeat(32);

        LeaseAnswer answer = scene.call(op, token, holder, successor, ttlMs, nowMs);

        assertThat(answer.outcome()).isEqualTo(expected);
        if (expected != GRANTED) {
            assertThat(answer).isEqualTo(new LeaseAnswer(expected, "", 0));
            assertThat(scene.rig.directory.lease("alice", nowMs)).isEmpty();
        }
    }

    @Test
    void theTablesNameEveryOutcome() {
        Set<LeaseOutcome> named = EnumSet.noneOf(LeaseOutcome.class);
        states().forEach(args -> named.add((LeaseOutcome) args.get()[2]));
        refusals().forEach(args -> named.add((LeaseOutcome) args.get()[6]));

        assertThat(named).containsExactlyInAnyOrder(LeaseOutcome.values());
    }

    @Test
    void aUsersLeaseIsHisAloneAndOtherUsersHaveTheirOwn() {
        Scene scene = new Scene();
        scene.rig.register("bruno");
        String bruno = scene.rig.login("bruno");

        LeaseAnswer mine = scene.rig.directory.acquireLease(new LeaseHolder(scene.me, "x"), 100,
            T0);
        LeaseAnswer his = scene.rig.directory.acquireLease(new LeaseHolder(bruno, "x"), 100, T0);
        LeaseAnswer notMine = scene.rig.directory.releaseLease(new LeaseHolder(bruno, "y"), T0);

        assertThat(mine.outcome()).isEqualTo(GRANTED);
        assertThat(his.outcome()).isEqualTo(GRANTED);
        assertThat(notMine).isEqualTo(new LeaseAnswer(NOT_HOLDER, "x", T0 + 100));
        assertThat(scene.rig.directory.lease("alice", T0)).contains(
            new LeaseRow("alice", "x", T0 + 100));
    }

    @Test
    void aSuccessorCarriesOnAndTheFormerHolderIsNoLongerOne() {
        Scene scene = new Scene();
        String other = scene.rig.login("alice");
        scene.rig.directory.acquireLease(new LeaseHolder(scene.me, "me"), 100, T0);

        scene.rig.directory.handOverLease(new LeaseHolder(scene.me, "me"), "next", 100, T0 + 10);

        assertThat(scene.rig.directory.renewLease(new LeaseHolder(scene.me, "me"), 100, T0 + 20))
            .isEqualTo(new LeaseAnswer(NOT_HOLDER, "next", T0 + 110));
        assertThat(scene.rig.directory.renewLease(new LeaseHolder(other, "next"), 100, T0 + 20))
            .isEqualTo(new LeaseAnswer(RENEWED, "next", T0 + 120));
    }

    /** Alice, logged in at T0 with the token {@code me}, and a lease set up as asked. */
    private static final class Scene {
        final DirectoryRig rig = new DirectoryRig();
        final String me;

        Scene() {
            rig.register("alice");
            me = rig.login("alice");
        }

        void prepare(Before before) {
            String holder = before == Before.MINE || before == Before.MINE_EXPIRED ? "me" : "other";
            if (before != Before.FREE) {
                assertThat(rig.directory.acquireLease(new LeaseHolder(me, holder), TTL, T0)
                    .outcome()).isEqualTo(GRANTED);
            }
        }

        LeaseAnswer call(Op op, String token, String holder, String successor, long ttlMs,
                         long nowMs) {
            LeaseHolder who = new LeaseHolder(token, holder);
            return switch (op) {
                case ACQUIRE -> rig.directory.acquireLease(who, ttlMs, nowMs);
                case RENEW -> rig.directory.renewLease(who, ttlMs, nowMs);
                case RELEASE -> rig.directory.releaseLease(who, nowMs);
                case HAND_OVER -> rig.directory.handOverLease(who, successor, ttlMs, nowMs);
            };
        }
    }
}
