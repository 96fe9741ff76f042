package cnode.colony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Random acquire, renew, release and hand-over by several instances of two users, with time
 * passing, against a tiny reference model of one lease per user (holder and expiry, written
 * from the rules, not from the code). After every step: the answer equals the model's, the
 * lease read back equals the model's, and at most one instance of each user believes it holds
 * the lease (an instance believes from a grant, renewal or hand-over naming it until the expiry
 * it was told, or until it releases or hands over). A failing run prints its seed.
 */
final class LeasePropertyTest {
    private static final String[] USERS = {"alice", "bruno"};
    private static final String[] INSTANCES = {"i0", "i1", "i2"};
    private static final long TTL_MAX = 500;
    private static final long T0 = 1_000_000;
    private static final List<LeaseOutcome> REACHED = List.of(LeaseOutcome.GRANTED,
        LeaseOutcome.TAKEN_OVER, LeaseOutcome.RENEWED, LeaseOutcome.RELEASED,
        LeaseOutcome.HANDED_OVER, LeaseOutcome.HELD_BY_OTHER, LeaseOutcome.NOT_HOLDER,
        LeaseOutcome.EXPIRED, LeaseOutcome.TTL_INVALID);

    sealed interface Op {}

    record Acquire(int user, int instance, long ttlMs) implements Op {}

    record Renew(int user, int instance, long ttlMs) implements Op {}

    record Release(int user, int instance) implements Op {}

    record HandOver(int user, int instance, int successor, long ttlMs) implements Op {}

    record Pass(long ms) implements Op {}

    @Property(tries = 400)
    void leasesFollowTheModelAndNeverHaveTwoHolders(
        @ForAll("operations") @Size(max = 120) List<Op> ops) {
        World world = new World();
        for (Op op : ops) {
            world.apply(op);
        }
        // Every outcome that depends on the lease's state is reached across the tries.
        Statistics.label("outcome").coverage(coverage -> {
            for (LeaseOutcome outcome : REACHED) {
                coverage.check(outcome).count((Integer count) -> count > 0);
            }
        });
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> user = Arbitraries.integers().between(0, USERS.length - 1);
        Arbitrary<Integer> instance = Arbitraries.integers().between(0, INSTANCES.length - 1);
        Arbitrary<Long> ttl = Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.longs().between(1, TTL_MAX)),
            Tuple.of(1, Arbitraries.of(0L, TTL_MAX + 1)));
        Arbitrary<Op> acquire = Combinators.combine(user, instance, ttl).as(Acquire::new);
        Arbitrary<Op> renew = Combinators.combine(user, instance, ttl).as(Renew::new);
        Arbitrary<Op> release = Combinators.combine(user, instance).as(Release::new);
        Arbitrary<Op> handOver =
            Combinators.combine(user, instance, instance, ttl).as(HandOver::new);
        Arbitrary<Op> pass = Arbitraries.longs().between(0, 400).map(Pass::new);
        return Arbitraries.frequencyOf(Tuple.of(4, acquire), Tuple.of(3, renew),
            Tuple.of(2, release), Tuple.of(2, handOver), Tuple.of(3, pass))
            .list().ofMinSize(1);
    }

    /** The directory, the model, and what each instance believes. */
    private static final class World {
        private final Directory directory = new Directory(new DirectoryConfig(10, 1, 64, 16, 3,
            365L * 86_400_000L, 8, TTL_MAX, 1_000, List.of("AR"), List.of("IPE"), Limits.NONE),
            DirectoryRig.seeded(1));
        private final Map<String, String> tokens = new HashMap<>();
        /** The model: each user's lease row, live or expired, as the rules say. */
        private final Map<String, LeaseRow> model = new HashMap<>();
        /** Until when each user/instance believes it holds the lease. */
        private final Map<String, Long> believed = new HashMap<>();
        private long now = T0;

        World() {
            for (String user : USERS) {
                UserRegistration registration = DirectoryRig.reg(user).ar("AR").ipe("IPE")
                    .emails().build();
                assertThat(directory.register(registration, now).registered()).isTrue();
                for (String instance : INSTANCES) {
                    SessionGrant grant = directory.login(user, UserPassword.MATCHED, now);
                    tokens.put(user + "/" + instance, grant.token());
                }
            }
        }

        void apply(Op op) {
            switch (op) {
                case Acquire a -> call(a.user(), a.instance(), a.instance(), a.ttlMs(), "acquire");
                case Renew r -> call(r.user(), r.instance(), r.instance(), r.ttlMs(), "renew");
                case Release r -> call(r.user(), r.instance(), r.instance(), 1, "release");
                case HandOver h -> call(h.user(), h.instance(), h.successor(), h.ttlMs(), "hand");
                case Pass p -> now += p.ms();
            }
            verify();
        }

        private void call(int userIndex, int instanceIndex, int successorIndex, long ttlMs,
                          String kind) {
            String user = USERS[userIndex];
            String instance = INSTANCES[instanceIndex];
            String successor = INSTANCES[successorIndex];
            LeaseHolder holder = new LeaseHolder(tokens.get(user + "/" + instance), instance);
            LeaseAnswer actual = switch (kind) {
                case "acquire" -> directory.acquireLease(holder, ttlMs, now);
                case "renew" -> directory.renewLease(holder, ttlMs, now);
                case "release" -> directory.releaseLease(holder, now);
                default -> directory.handOverLease(holder, successor, ttlMs, now);
            };
            LeaseAnswer expected = expect(kind, user, instance, successor, ttlMs);
            assertThat(actual).as("%s by %s/%s at %d", kind, user, instance, now)
                .isEqualTo(expected);
            believe(user, instance, successor, actual);
            Statistics.label("outcome").collect(actual.outcome());
        }

        /** The rules, from the model alone. */
        private LeaseAnswer expect(String kind, String user, String instance, String successor,
                                   long ttlMs) {
            boolean needsTtl = !kind.equals("release");
            if (needsTtl && (ttlMs < 1 || ttlMs > TTL_MAX)) {
                return new LeaseAnswer(LeaseOutcome.TTL_INVALID, "", 0);
            }
            LeaseRow row = model.get(user);
            boolean live = row != null && now < row.expiresMs();
            boolean mine = row != null && row.holder().equals(instance);
            if (kind.equals("acquire")) {
                if (live && !mine) {
                    return new LeaseAnswer(LeaseOutcome.HELD_BY_OTHER, row.holder(),
                        row.expiresMs());
                }
                LeaseOutcome outcome = row == null || mine
                    ? LeaseOutcome.GRANTED : LeaseOutcome.TAKEN_OVER;
                return grant(outcome, user, instance, ttlMs);
            }
            if (!mine) {
                return live ? new LeaseAnswer(LeaseOutcome.NOT_HOLDER, row.holder(),
                    row.expiresMs()) : new LeaseAnswer(LeaseOutcome.NOT_HOLDER, "", 0);
            }
            if (!live) {
                return new LeaseAnswer(LeaseOutcome.EXPIRED, "", 0);
            }
            return switch (kind) {
                case "renew" -> grant(LeaseOutcome.RENEWED, user, instance, ttlMs);
                case "release" -> {
                    model.remove(user);
                    yield new LeaseAnswer(LeaseOutcome.RELEASED, "", 0);
                }
                default -> grant(LeaseOutcome.HANDED_OVER, user, successor, ttlMs);
            };
        }

        private LeaseAnswer grant(LeaseOutcome outcome, String user, String holder, long ttlMs) {
            model.put(user, new LeaseRow(user, holder, now + ttlMs));
            return new LeaseAnswer(outcome, holder, now + ttlMs);
        }

        private void believe(String user, String instance, String successor, LeaseAnswer answer) {
            switch (answer.outcome()) {
                case GRANTED, TAKEN_OVER, RENEWED ->
                    believed.put(user + "/" + instance, answer.expiresMs());
                case RELEASED -> believed.remove(user + "/" + instance);
                case HANDED_OVER -> {
                    believed.remove(user + "/" + instance);
                    believed.put(user + "/" + successor, answer.expiresMs());
                }
                default -> { }
            }
        }

        private void verify() {
            for (String user : USERS) {
                LeaseRow row = model.get(user);
                Optional<LeaseRow> expected = row != null && now < row.expiresMs()
                    ? Optional.of(row) : Optional.empty();
                assertThat(directory.lease(user, now)).as("lease of %s at %d", user, now)
                    .isEqualTo(expected);
                long believers = believed.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(user + "/") && now < e.getValue())
                    .count();
                assertThat(believers).as("instances of %s believing at %d", user, now)
                    .isLessThanOrEqualTo(1);
                expected.ifPresent(lease -> assertThat(believed.get(user + "/" + lease.holder()))
                    .isEqualTo(lease.expiresMs()));
            }
        }
    }
}
