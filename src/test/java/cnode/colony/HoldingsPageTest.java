package cnode.colony;

import static cnode.colony.RegistryRig.START_MS;
import static cnode.colony.RegistryRig.coin;
import static cnode.colony.RegistryRig.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Registry#holdingsPage}: pages of one owner's coins in id order whatever the order they
 * came in, the cursor at and around a page boundary, owners with nothing, free, reserved and
 * vault coins together, and a reservation past its swap's expiry read as free.
 */
final class HoldingsPageTest {
    private static final long EXPIRES_MS = START_MS + 60_000;
    private RegistryRig rig;

    @BeforeEach
    void world() {
        rig = threeOwners();
    }

    /**
     * alice: 1 (10), 3 (20), 5 (50), 7 (100), 9 (200), minted in the order 7, 3, 9, 1, 5;
     * bobby: 11 (50); carol: nothing.
     */
    static RegistryRig threeOwners() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice").user("bobby").user("carol");
        rig.give("alice", coin(7, 100), coin(3, 20));
        rig.give("alice", coin(9, 200), coin(1, 10), coin(5, 50));
        rig.give("bobby", coin(11, 50));
        return rig;
    }

    private CoinPage page(String owner, String after, int limit) {
        return rig.registry.holdingsPage(owner, after, limit, rig.now);
    }

    private static List<String> ids(CoinPage page) {
        return page.coins().stream().map(CoinRow::id).toList();
    }

    @Test
    void anOwnerWithNothingHasOneEmptyLastPage() {
        for (String owner : List.of("carol", "nobody")) {
            CoinPage page = page(owner, "", 10);
            assertThat(page.coins()).isEmpty();
            assertThat(page.next()).isNull();
        }
    }

    @Test
    void aCursorAtOrBeyondTheLastCoinGivesAnEmptyLastPage() {
        for (String after : List.of(id(9), id(10), "Z")) {
            CoinPage page = page("alice", after, 10);
            assertThat(page.coins()).isEmpty();
            assertThat(page.next()).isNull();
        }
    }

    @Test
    void coinsComeInIdOrderAfterTheCursorOnly() {
        assertThat(ids(page("alice", "", 10))).containsExactly(id(1), id(3), id(5), id(7), id(9));
        assertThat(ids(page("alice", id(3), 10))).containsExactly(id(5), id(7), id(9));
        assertThat(ids(page("alice", id(4), 2))).containsExactly(id(5), id(7));
        assertThat(ids(page("bobby", "", 10))).containsExactly(id(11));
    }

    @Test
    void aPageExactlyAsLongAsWhatIsLeftIsTheLast() {
        CoinPage all = page("alice", "", 5);
        assertThat(all.coins()).hasSize(5);
        assertThat(all.next()).isNull();

        CoinPage tail = page("alice", id(5), 2);
        assertThat(ids(tail)).containsExactly(id(7), id(9));
        assertThat(tail.next()).isNull();
    }

    @Test
    void oneCoinMoreThanTheLimitGivesTheLastIdAsTheCursor() {
        CoinPage first = page("alice", "", 4);
        assertThat(ids(first)).containsExactly(id(1), id(3), id(5), id(7));
        assertThat(first.next()).isEqualTo(id(7));

        CoinPage second = page("alice", first.next(), 4);
        assertThat(ids(second)).containsExactly(id(9));
        assertThat(second.next()).isNull();
    }

    @Test
    void walkingEveryPageGivesEveryCoinOnceInOrder() {
        for (int limit = 1; limit <= 6; limit++) {
            List<String> seen = new ArrayList<>();
            String after = "";
            int pages = 0;
            while (after != null) {
                CoinPage page = page("alice", after, limit);
                seen.addAll(ids(page));
                after = page.next();
                pages++;
                assertThat(pages).as("pages at limit %d", limit).isLessThanOrEqualTo(5);
            }
            assertThat(seen).as("limit %d", limit)
                .containsExactly(id(1), id(3), id(5), id(7), id(9));
        }
    }

    @Test
    void freeReservedAndVaultCoinsShareOnePageEachWithItsPlace() {
        SwapScenarioTest.vault(rig, "alice", 3);
        SwapScenarioTest.prepared(rig, new SwapDraft("alice", "bobby", 100, EXPIRES_MS)
            .id("held").paid(7));

        List<CoinRow> rows = page("alice", "", 10).coins();

        assertThat(rows).extracting(CoinRow::id)
            .containsExactly(id(1), id(3), id(5), id(7), id(9));
        assertThat(rows).extracting(CoinRow::place).containsExactly(CoinPlace.WALLET,
            CoinPlace.VAULT, CoinPlace.WALLET, CoinPlace.WALLET, CoinPlace.WALLET);
        assertThat(rows).extracting(CoinRow::reservedBy)
            .containsExactly(null, null, null, "held", null);
        CoinHoldings holdings = rig.registry.holdings("alice", rig.now);
        List<CoinRow> merged = new ArrayList<>(holdings.free());
        merged.addAll(holdings.reserved());
        merged.addAll(holdings.vault());
        assertThat(rows).containsExactlyInAnyOrderElementsOf(merged);
        rig.assertSound();
    }

    @Test
    void aCoinHeldBySwapPastItsExpiryReadsFreeBeforeTheTick() {
        SwapScenarioTest.prepared(rig, new SwapDraft("alice", "bobby", 110, EXPIRES_MS)
            .id("held").paid(1, 7));
        assertThat(page("alice", "", 2).coins()).extracting(CoinRow::reservedBy)
            .containsExactly("held", null);

        rig.now = EXPIRES_MS - 1;
        assertThat(page("alice", "", 10).coins()).filteredOn(CoinRow::reserved)
            .extracting(CoinRow::id).containsExactly(id(1), id(7));

        rig.now = EXPIRES_MS;
        assertThat(page("alice", "", 10).coins()).noneMatch(CoinRow::reserved);
        assertThat(rig.registry.coin(id(7), EXPIRES_MS - 1).orElseThrow().reservedBy())
            .as("the stored row is unchanged: only the read is as of now").isEqualTo("held");
    }

    @Test
    void aCoinThatChangedHandsLeavesOnePageAndJoinsTheOther() {
        SwapScenarioTest.prepared(rig, new SwapDraft("alice", "bobby", 10, EXPIRES_MS)
            .id("pay").paid(1));
        assertThat(rig.registry.commit("pay", rig.now)).isEqualTo(SwapCommitResult.COMMITTED);

        assertThat(ids(page("alice", "", 10))).containsExactly(id(3), id(5), id(7), id(9));
        assertThat(ids(page("bobby", "", 10))).containsExactly(id(1), id(11));
        rig.assertSound();
    }

    @Test
    void aPageOfNoCoinsIsABug() {
        assertThatThrownBy(() -> page("alice", "", 0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
