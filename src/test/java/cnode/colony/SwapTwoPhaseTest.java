package cnode.colony;

import static cnode.colony.RegistryRig.START_MS;
import static cnode.colony.RegistryRig.coin;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two phases of a swap: commit and void by the swap's state (a table), expiry with and
 * without the writer's tick, idempotent retries of every phase, the daily counters given back
 * by a void, and transfer ids forgotten after their retention.
 */
final class SwapTwoPhaseTest {
    private static final long EXPIRES_MS = START_MS + 60_000;
    private RegistryRig rig;

    @BeforeEach
    void world() {
        rig = new RegistryRig();
        rig.user("alice").user("bobby").user("dave1", false, new Limits(300, 500, 400, 1_000));
        rig.give("alice", coin(1, 100), coin(2, 200), coin(3, 500));
        rig.give("bobby", coin(11, 50));
        rig.give("dave1", coin(31, 200), coin(32, 200), coin(33, 200));
    }

    /** alice pays 1 and 2 (300), bobby gives 11 (50) back. */
    private static SwapOrder order(String id) {
        return new SwapDraft("alice", "bobby", 250, EXPIRES_MS).id(id).paid(1, 2).change(11)
            .build();
    }

    private void prepared(String id) {
        assertThat(rig.registry.prepare(order(id), rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
    }

    /** A state of swap "s1", an operation on it, and the expected answer. */
    record Case(String name, Consumer<RegistryRig> state,
                BiFunction<Registry, Long, Enum<?>> operation, Enum<?> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        Consumer<RegistryRig> none = rig -> { };
        Consumer<RegistryRig> refused = rig -> assertThat(rig.registry.prepare(
            new SwapDraft("alice", "bobby", 1, EXPIRES_MS).id("s1").paid(1).build(), rig.now))
            .isEqualTo(SwapPrepareResult.AMOUNT_MISMATCH);
        Consumer<RegistryRig> prepared = rig -> assertThat(rig.registry.prepare(order("s1"),
            rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        Consumer<RegistryRig> committed = prepared.andThen(rig ->
            assertThat(rig.registry.commit("s1", rig.now)).isEqualTo(SwapCommitResult.COMMITTED));
        Consumer<RegistryRig> voided = prepared.andThen(rig ->
            assertThat(rig.registry.voidSwap("s1", rig.now)).isEqualTo(SwapVoidResult.VOIDED));
        Consumer<RegistryRig> lapsed = prepared.andThen(rig -> rig.now = EXPIRES_MS);
        Consumer<RegistryRig> ticked = lapsed.andThen(rig ->
            assertThat(rig.registry.expire(rig.now, 10)).isEqualTo(1));
        Consumer<RegistryRig> mint = rig -> rig.registry.mint(new MintOrder("s1", "alice",
            List.of(coin(50, 5))), rig.now);
        BiFunction<Registry, Long, Enum<?>> commit = (registry, now) -> registry.commit("s1", now);
        BiFunction<Registry, Long, Enum<?>> cancel = (registry, now) ->
            registry.voidSwap("s1", now);
        return List.of(
            new Case("commit, never prepared", none, commit, SwapCommitResult.UNKNOWN_SWAP),
            new Case("commit, prepare refused", refused, commit, SwapCommitResult.UNKNOWN_SWAP),
            new Case("commit, id of a mint", mint, commit, SwapCommitResult.UNKNOWN_SWAP),
            new Case("commit, prepared", prepared, commit, SwapCommitResult.COMMITTED),
            new Case("commit, committed", committed, commit, SwapCommitResult.COMMITTED),
            new Case("commit, voided", voided, commit, SwapCommitResult.ALREADY_VOIDED),
            new Case("commit, expiry reached", lapsed, commit, SwapCommitResult.EXPIRED),
            new Case("commit, expired by the tick", ticked, commit, SwapCommitResult.EXPIRED),
            new Case("void, never prepared", none, cancel, SwapVoidResult.UNKNOWN_SWAP),
            new Case("void, prepare refused", refused, cancel, SwapVoidResult.UNKNOWN_SWAP),
            new Case("void, id of a mint", mint, cancel, SwapVoidResult.UNKNOWN_SWAP),
            new Case("void, prepared", prepared, cancel, SwapVoidResult.VOIDED),
            new Case("void, committed", committed, cancel, SwapVoidResult.ALREADY_COMMITTED),
            new Case("void, voided", voided, cancel, SwapVoidResult.VOIDED),
            new Case("void, expiry reached", lapsed, cancel, SwapVoidResult.EXPIRED),
            new Case("void, expired by the tick", ticked, cancel, SwapVoidResult.EXPIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void commitAndVoidAnswerByTheSwapsState(Case scenario) {
        scenario.state().accept(rig);
        Enum<?> first = scenario.operation().apply(rig.registry, rig.now);
        RegistryRows after = rig.registry.rows();
        Enum<?> again = scenario.operation().apply(rig.registry, rig.now);

        assertThat(first).isEqualTo(scenario.expected());
        assertThat(again).as("the same call again").isEqualTo(first);
        assertThat(rig.registry.rows()).as("a repeat changes nothing").isEqualTo(after);
        rig.assertSound();
    }

    @Test
    void theTablesNameEveryResult() {
        List<Object> named = cases().stream().<Object>map(Case::expected).toList();
        assertThat(named).contains((Object[]) SwapCommitResult.values());
        assertThat(named).contains((Object[]) SwapVoidResult.values());
    }

    @Test
    void aCommitMovesEveryCoinAndFreesThem() {
        prepared("s1");
        assertThat(rig.registry.balances("alice", rig.now).get(0).lockedBillons()).isEqualTo(300);

        assertThat(rig.registry.commit("s1", rig.now)).isEqualTo(SwapCommitResult.COMMITTED);

        assertThat(rig.row(1).owner()).isEqualTo("bobby");
        assertThat(rig.row(2).owner()).isEqualTo("bobby");
        assertThat(rig.row(11).owner()).isEqualTo("alice");
        assertThat(List.of(rig.row(1), rig.row(2), rig.row(11)))
            .allSatisfy(row -> assertThat(row.reserved()).isFalse());
        assertThat(rig.registry.balances("alice", rig.now).get(0).freeBillons())
            .isEqualTo(800 - 250);
        assertThat(rig.registry.balances("bobby", rig.now).get(0).freeBillons())
            .isEqualTo(50 + 250);
        assertThat(rig.registry.swap("s1", rig.now).orElseThrow().state())
            .isEqualTo(SwapState.COMMITTED);
        assertThat(rig.registry.prepare(order("s1"), rig.now))
            .as("a retried prepare gets its first answer").isEqualTo(SwapPrepareResult.PREPARED);
        rig.assertSound();
    }

    @Test
    void aSwapNeitherCommittedNorVoidedIsVoidedAtItsExpiryAndItsCoinsAreFree() {
        prepared("s1");
        rig.now = EXPIRES_MS - 1;
        assertThat(rig.registry.expire(rig.now, 10)).isZero();
        assertThat(rig.registry.swap("s1", rig.now).orElseThrow().state())
            .isEqualTo(SwapState.PREPARED);

        rig.now = EXPIRES_MS;
        assertThat(rig.registry.swap("s1", rig.now).orElseThrow().state())
            .as("reads as expired before the tick").isEqualTo(SwapState.EXPIRED);
        assertThat(rig.registry.expire(rig.now, 10)).isEqualTo(1);

        SwapRow swap = rig.registry.swap("s1", rig.now).orElseThrow();
        assertThat(swap.state()).isEqualTo(SwapState.EXPIRED);
        assertThat(swap.settledAtMs()).isEqualTo(EXPIRES_MS);
        assertThat(rig.registry.holdings("alice", rig.now).reserved()).isEmpty();
        assertThat(rig.registry.holdings("bobby", rig.now).reserved()).isEmpty();
        assertThat(rig.row(1).owner()).isEqualTo("alice");
        assertThat(rig.registry.prepare(new SwapDraft("alice", "bobby", 300, rig.now + 1_000)
            .id("s2").paid(1, 2).build(), rig.now))
            .as("the coins can be paid again").isEqualTo(SwapPrepareResult.PREPARED);
        rig.assertSound();
    }

    @Test
    void anOperationSeesExpiryWithoutTheTick() {
        prepared("s1");
        rig.now = EXPIRES_MS;

        assertThat(rig.registry.prepare(new SwapDraft("alice", "bobby", 300, rig.now + 1_000)
            .id("s2").paid(1, 2).build(), rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        assertThat(rig.registry.expire(rig.now, 10)).as("nothing left for the tick").isZero();
        rig.assertSound();
    }

    @Test
    void expiryIsBoundedPerCallAndEarliestFirst() {
        rig.give("alice", coin(4, 1), coin(5, 1), coin(6, 1), coin(7, 1), coin(8, 1));
        for (int i = 0; i < 5; i++) {
            SwapOrder order = new SwapDraft("alice", "bobby", 1, EXPIRES_MS - 10 * i)
                .id("e" + i).paid(4 + i).build();
            assertThat(rig.registry.prepare(order, rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        }
        rig.now = EXPIRES_MS;

        assertThat(rig.registry.expire(rig.now, 2)).isEqualTo(2);
        assertThat(rig.registry.rows().swaps().stream()
            .filter(s -> s.state() == SwapState.EXPIRED).map(SwapRow::transferId))
            .containsExactlyInAnyOrder("e4", "e3");
        assertThat(rig.registry.expire(rig.now, 2)).isEqualTo(2);
        assertThat(rig.registry.expire(rig.now, 2)).isEqualTo(1);
        assertThat(rig.registry.expire(rig.now, 2)).isZero();
        rig.assertSound();
    }

    @Test
    void aVoidGivesTheDailyAmountBack() {
        SwapOrder first = new SwapDraft("dave1", "alice", 200, EXPIRES_MS).id("d1").paid(31)
            .build();
        SwapOrder second = new SwapDraft("dave1", "alice", 200, EXPIRES_MS).id("d2").paid(32)
            .build();
        SwapOrder third = new SwapDraft("dave1", "alice", 200, EXPIRES_MS).id("d3").paid(33)
            .build();
        assertThat(rig.registry.prepare(first, rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        assertThat(rig.registry.prepare(second, rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        assertThat(rig.registry.prepare(third, rig.now))
            .isEqualTo(SwapPrepareResult.PAYER_DAILY_OUT_EXCEEDED);

        assertThat(rig.registry.voidSwap("d2", rig.now)).isEqualTo(SwapVoidResult.VOIDED);

        SwapOrder fourth = new SwapDraft("dave1", "alice", 200, EXPIRES_MS).id("d4").paid(33)
            .build();
        assertThat(rig.registry.prepare(fourth, rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        assertThat(rig.registry.prepare(third, rig.now))
            .as("the refused id keeps its answer")
            .isEqualTo(SwapPrepareResult.PAYER_DAILY_OUT_EXCEEDED);
        rig.assertSound();
    }

    @Test
    void theDailyLimitStartsAgainNextDay() {
        rig.now = 101 * Registry.DAY_MS - 1_000;
        assertThat(rig.registry.prepare(new SwapDraft("dave1", "alice", 400, rig.now + 500)
            .id("d1").paid(31, 32).build(), rig.now))
            .isEqualTo(SwapPrepareResult.PAYER_PER_TRANSFER_EXCEEDED);
        assertThat(rig.registry.prepare(new SwapDraft("dave1", "alice", 200, rig.now + 500)
            .id("d2").paid(31).build(), rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        assertThat(rig.registry.commit("d2", rig.now)).isEqualTo(SwapCommitResult.COMMITTED);
        assertThat(rig.registry.prepare(new SwapDraft("dave1", "alice", 200, rig.now + 300_000)
            .id("d3").paid(32).build(), rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        assertThat(rig.registry.prepare(new SwapDraft("dave1", "alice", 200, rig.now + 500)
            .id("d4").paid(33).build(), rig.now))
            .isEqualTo(SwapPrepareResult.PAYER_DAILY_OUT_EXCEEDED);

        rig.now = 101 * Registry.DAY_MS;
        assertThat(rig.registry.voidSwap("d3", rig.now))
            .as("voided the next day: yesterday's counter is not today's").isEqualTo(
                SwapVoidResult.VOIDED);
        assertThat(rig.registry.prepare(new SwapDraft("dave1", "alice", 200, rig.now + 500)
            .id("d5").paid(33).build(), rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        rig.registry.forget(rig.now, 100);
        assertThat(rig.registry.rows().daily()).as("yesterday's counters dropped").hasSize(2)
            .allSatisfy(row ->
            assertThat(row.day()).isEqualTo(101));
        rig.assertSound();
    }

    @Test
    void aJudgementIsRememberedEvenWhenTheWorldChanges() {
        rig.lock("alice");
        assertThat(rig.registry.prepare(order("s1"), rig.now))
            .isEqualTo(SwapPrepareResult.PAYER_LOCKED);
        rig.user("alice");

        assertThat(rig.registry.prepare(order("s1"), rig.now))
            .isEqualTo(SwapPrepareResult.PAYER_LOCKED);
        assertThat(rig.registry.prepare(order("s2"), rig.now))
            .isEqualTo(SwapPrepareResult.PREPARED);
        SwapOrder reordered = new SwapDraft("alice", "bobby", 250, EXPIRES_MS).id("s2")
            .paid(2, 1).change(11).build();
        assertThat(rig.registry.prepare(reordered, rig.now))
            .as("coin ids are a set").isEqualTo(SwapPrepareResult.PREPARED);
        assertThat(rig.registry.transferCount()).isEqualTo(3 + 2);
    }

    @Test
    void aTransferIdIsForgottenAfterItsRetentionAndCanBeUsedAgain() {
        long retention = rig.registry.config().retentionMs();
        prepared("s1");
        assertThat(rig.registry.commit("s1", rig.now)).isEqualTo(SwapCommitResult.COMMITTED);

        rig.now = EXPIRES_MS + retention - 1;
        rig.registry.forget(rig.now, 100);
        assertThat(rig.registry.transfer("s1", rig.now)).isPresent();
        assertThat(rig.registry.commit("s1", rig.now)).isEqualTo(SwapCommitResult.COMMITTED);

        rig.now = EXPIRES_MS + retention;
        assertThat(rig.registry.swap("s1", rig.now)).as("hidden before the tick").isEmpty();
        assertThat(rig.registry.commit("s1", rig.now)).isEqualTo(SwapCommitResult.UNKNOWN_SWAP);
        assertThat(rig.registry.transfer("s1", rig.now)).isEmpty();
        assertThat(rig.registry.rows().swaps()).isEmpty();
        SwapOrder back = new SwapDraft("bobby", "alice", 300, rig.now + 1_000).id("s1")
            .paid(1, 2).build();
        assertThat(rig.registry.prepare(back, rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        rig.assertSound();
    }
}
