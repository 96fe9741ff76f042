package cnode.colony;

import static cnode.colony.RegistryRig.START_MS;
import static cnode.colony.RegistryRig.coin;
import static cnode.colony.RegistryRig.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Registry#holdingsChanges}: nothing changed, a mint, coins changing hands (with change,
 * and there and back), a reservation made, voided, committed and swept by expiry, a limit that
 * cuts and the continuation, and the versions refused: garbage, another registry's, from before
 * a restore, older than a forgotten tombstone (per owner and in all).
 */
final class HoldingsChangesTest {
    private static final long EXPIRES_MS = START_MS + 60_000;
    private RegistryRig rig;

    /** {@link HoldingsPageTest#threeOwners}: alice five coins, bobby one, carol none. */
    @BeforeEach
    void world() {
        rig = HoldingsPageTest.threeOwners();
    }

    private String version(String owner) {
        return rig.registry.holdingsVersion(owner);
    }

    private HoldingsChanges changes(String owner, String since) {
        return changes(owner, since, 10_000);
    }

    private HoldingsChanges changes(String owner, String since, int limit) {
        HoldingsChanges changes = rig.registry.holdingsChanges(owner, since, limit, rig.now);
        assertThat(changes.result()).as("changes of %s since %s", owner, since)
            .isEqualTo(HoldingsChangesResult.LISTED);
        return changes;
    }

    private static List<String> ids(HoldingsChanges changes) {
        return changes.coins().stream().map(CoinRow::id).toList();
    }

    private void pay(String id, String payer, String payee, long amount, int[] paid,
                     int... change) {
        SwapScenarioTest.prepared(rig, new SwapDraft(payer, payee, amount, EXPIRES_MS).id(id)
            .paid(paid).change(change));
        assertThat(rig.registry.commit(id, rig.now)).isEqualTo(SwapCommitResult.COMMITTED);
    }

    private void assertGone(String owner, String since) {
        assertThat(rig.registry.holdingsChanges(owner, since, 10, rig.now))
            .as("since %s", since).isEqualTo(HoldingsChanges.refused());
    }

    @Test
    void nothingChangedIsAnEmptyAnswerWithTheSameVersion() {
        for (String owner : List.of("alice", "carol", "nobody")) {
            String since = version(owner);
            HoldingsChanges changes = changes(owner, since);
            assertThat(changes.coins()).isEmpty();
            assertThat(changes.gone()).isEmpty();
            assertThat(changes.more()).isFalse();
            assertThat(changes.version()).isEqualTo(since);
        }
    }

    @Test
    void aMintedCoinAppearsForItsOwnerOnly() {
        String since = version("alice");
        rig.give("alice", coin(20, 50));

        HoldingsChanges alice = changes("alice", since);
        assertThat(ids(alice)).containsExactly(id(20));
        assertThat(alice.coins().getFirst()).isEqualTo(rig.row(20));
        assertThat(alice.gone()).isEmpty();
        assertThat(changes("bobby", since).coins()).isEmpty();
        assertThat(changes("alice", alice.version()).coins()).isEmpty();
        rig.assertSound();
    }

    @Test
    void coinsThatChangeHandsAreGoneForOneAndNewForTheOther() {
        String since = version("alice");
        pay("pay", "alice", "bobby", 50, new int[] {7}, 11);

        HoldingsChanges alice = changes("alice", since);
        assertThat(alice.gone()).containsExactly(id(7));
        assertThat(ids(alice)).containsExactly(id(11));
        assertThat(alice.coins().getFirst().owner()).isEqualTo("alice");
        HoldingsChanges bobby = changes("bobby", since);
        assertThat(bobby.gone()).containsExactly(id(11));
        assertThat(ids(bobby)).containsExactly(id(7));
        assertThat(bobby.coins().getFirst().reserved()).isFalse();
        rig.assertSound();
    }

    @Test
    void aCoinThereAndBackReadsLiveOnceAndGoneForTheOther() {
        String since = version("alice");
        pay("there", "alice", "bobby", 10, new int[] {1});
        String between = version("alice");
        pay("back", "bobby", "alice", 10, new int[] {1});

        HoldingsChanges alice = changes("alice", since);
        assertThat(ids(alice)).containsExactly(id(1));
        assertThat(alice.gone()).isEmpty();
        assertThat(changes("bobby", since).gone()).containsExactly(id(1));
        assertThat(changes("bobby", since).coins()).isEmpty();
        assertThat(changes("bobby", between).gone()).containsExactly(id(1));
        assertThat(ids(changes("alice", between))).containsExactly(id(1));
        rig.assertSound();
    }

    @Test
    void aRedeemedCoinIsGone() {
        String since = version("alice");
        assertThat(rig.registry.redeem(new CoinRedeemOrder("out", "alice", List.of(id(9))),
            rig.now)).isEqualTo(CoinRedeemResult.REDEEMED);

        HoldingsChanges alice = changes("alice", since);
        assertThat(alice.gone()).containsExactly(id(9));
        assertThat(alice.coins()).isEmpty();
        rig.assertSound();
    }

    @Test
    void aReservationIsReportedWhenMadeVoidedCommittedOrSwept() {
        String start = version("alice");
        SwapScenarioTest.prepared(rig, new SwapDraft("alice", "bobby", 10, EXPIRES_MS)
            .id("held").paid(1));
        HoldingsChanges held = changes("alice", start);
        assertThat(held.coins()).extracting(CoinRow::id, CoinRow::reservedBy)
            .containsExactly(tuple(id(1), "held"));

        assertThat(rig.registry.voidSwap("held", rig.now)).isEqualTo(SwapVoidResult.VOIDED);
        HoldingsChanges voided = changes("alice", held.version());
        assertThat(ids(voided)).containsExactly(id(1));
        assertThat(voided.coins().getFirst().reserved()).isFalse();

        SwapScenarioTest.prepared(rig, new SwapDraft("alice", "bobby", 20, EXPIRES_MS)
            .id("late").paid(3));
        HoldingsChanges late = changes("alice", voided.version());
        assertThat(late.coins()).extracting(CoinRow::reservedBy).containsExactly("late");
        rig.now = EXPIRES_MS;
        assertThat(changes("alice", late.version()).coins())
            .as("past its expiry the coin reads free, but the row changes only when swept")
            .isEmpty();
        assertThat(rig.registry.expire(rig.now, 10)).isEqualTo(1);
        HoldingsChanges swept = changes("alice", late.version());
        assertThat(ids(swept)).containsExactly(id(3));
        assertThat(swept.coins().getFirst().reserved()).isFalse();
        assertThat(ids(changes("alice", start))).containsExactly(id(1), id(3));
        rig.assertSound();
    }

    @Test
    void aLimitCutsTheAnswerAndTheVersionContinuesExactlyAfterIt() {
        String since = version("alice");
        rig.give("alice", coin(20, 1), coin(21, 1), coin(22, 1));
        pay("pay", "alice", "bobby", 110, new int[] {1, 7});

        HoldingsChanges first = changes("alice", since, 2);
        assertThat(ids(first)).containsExactly(id(20), id(21));
        assertThat(first.more()).isTrue();
        rig.give("alice", coin(23, 1));
        HoldingsChanges second = changes("alice", first.version(), 2);
        assertThat(ids(second)).containsExactly(id(22));
        assertThat(second.gone()).containsExactly(id(1));
        assertThat(second.more()).isTrue();
        HoldingsChanges third = changes("alice", second.version(), 2);
        assertThat(third.gone()).containsExactly(id(7));
        assertThat(ids(third)).containsExactly(id(23));
        assertThat(third.more()).isFalse();
        assertThat(third.version()).isEqualTo(version("alice"));
        HoldingsChanges exact = changes("alice", third.version(), 1);
        assertThat(exact.coins()).isEmpty();
        assertThat(exact.more()).isFalse();
    }

    @Test
    void malformedForeignAndFutureVersionsAreRefused() {
        String now = version("alice");
        String epoch = now.substring(0, now.indexOf('.'));
        long seq = Long.parseLong(now.substring(now.indexOf('.') + 1));
        for (String since : List.of("", "abc", ".1", epoch, epoch + ".", epoch + ".-1",
            epoch + ".01", epoch + ". 1", epoch + "." + (seq + 1), epoch + ".1.1",
            epoch.toUpperCase() + "." + seq, epoch + ".99999999999999999999")) {
            assertGone("alice", since);
        }
        assertThat(changes("alice", epoch + ".0").coins()).hasSize(5);
        String other = new RegistryRig().registry.holdingsVersion("alice");
        assertThat(other).isNotEqualTo(now);
        assertGone("alice", other);
        RegistryRig restored = new RegistryRig(rig.registry.config(), rig.registry.rows());
        assertThat(restored.registry.holdingsChanges("alice", now, 10, rig.now))
            .isEqualTo(HoldingsChanges.refused());
        restored.accounts.putAll(rig.accounts);
        restored.assertSound();
        assertThatThrownBy(() -> rig.registry.holdingsChanges("alice", now, 0, rig.now))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVersionOlderThanAForgottenTombstoneIsRefused() {
        rig.registry.limitTombstones(2, 100);
        String start = version("alice");
        pay("p1", "alice", "bobby", 10, new int[] {1});
        String afterFirst = version("alice");
        pay("p2", "alice", "bobby", 20, new int[] {3});
        assertThat(changes("alice", start).gone()).containsExactly(id(1), id(3));
        pay("p3", "alice", "bobby", 50, new int[] {5});

        assertGone("alice", start);
        assertThat(changes("alice", afterFirst).gone()).containsExactly(id(3), id(5));
        assertThat(changes("bobby", start).gone()).isEmpty();
        assertThat(ids(changes("bobby", start))).containsExactly(id(1), id(3), id(5));
        rig.assertSound();
    }

    @Test
    void theBoundOverAllOwnersForgetsTheOldestTombstoneOfAnyone() {
        rig.registry.limitTombstones(100, 2);
        String start = version("alice");
        pay("p1", "bobby", "alice", 50, new int[] {11});
        String afterFirst = version("alice");
        pay("p2", "alice", "carol", 10, new int[] {1});
        pay("p3", "alice", "carol", 20, new int[] {3});

        assertGone("bobby", start);
        assertThat(changes("bobby", afterFirst).gone()).isEmpty();
        assertThat(changes("alice", start).gone()).containsExactly(id(1), id(3));
        assertThat(ids(changes("carol", start))).containsExactly(id(1), id(3));
        rig.assertSound();
    }

    @Test
    void pagesThenChangesSinceTheFirstPageEqualAFreshRead() {
        List<CoinRow> copy = new ArrayList<>();
        CoinPage page = rig.registry.holdingsPage("alice", "", 2, rig.now);
        String since = version("alice");
        copy.addAll(page.coins());
        pay("p1", "alice", "bobby", 10, new int[] {1});
        rig.give("alice", coin(2, 5), coin(30, 5));
        page = rig.registry.holdingsPage("alice", page.next(), 2, rig.now);
        copy.addAll(page.coins());
        pay("p2", "alice", "bobby", 50, new int[] {5});
        page = rig.registry.holdingsPage("alice", page.next(), 10, rig.now);
        copy.addAll(page.coins());
        assertThat(page.next()).isNull();

        HoldingsChanges changes = changes("alice", since);
        List<CoinRow> replayed = new ArrayList<>(copy);
        replayed.removeIf(row -> changes.gone().contains(row.id())
            || changes.coins().stream().anyMatch(c -> c.id().equals(row.id())));
        replayed.addAll(changes.coins());
        replayed.sort(Comparator.comparing(CoinRow::id));
        assertThat(replayed).isEqualTo(rig.registry.holdingsPage("alice", "", 100, rig.now)
            .coins());
    }
}
