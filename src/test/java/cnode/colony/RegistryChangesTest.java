package cnode.colony;

import static cnode.colony.RegistryRig.START_MS;
import static cnode.colony.RegistryRig.coin;
import static cnode.colony.RegistryRig.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The persistence seam, step by step: what each operation leaves to drain, that a drain empties
 * the notes, that a refusal leaves only its judgement, and that a store fed every drain holds
 * exactly the registry's rows, from which a restored registry answers as the original.
 */
final class RegistryChangesTest {

    @Test
    void eachOperationLeavesItsRowsToDrain() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice").user("bobby", false, new Limits(1_000, 1_000, 1_000, 1_000));
        rig.give("alice", coin(1, 100), coin(2, 20));
        RegistryChanges minted = rig.registry.drainChanges();
        assertThat(minted.coins()).extracting(CoinRow::id).containsExactly(id(1), id(2));
        assertThat(minted.transfers()).extracting(RegistryTransfer::outcome)
            .containsExactly("MINTED");
        assertThat(minted.totals()).singleElement().extracting(CoinTotalRow::issuedBillons)
            .isEqualTo(120L);
        assertThat(rig.registry.drainChanges().isEmpty()).as("drained").isTrue();

        SwapOrder order = new SwapDraft("alice", "bobby", 100, START_MS + 1_000).id("s1")
            .paid(1).build();
        rig.registry.prepare(order, rig.now);
        RegistryChanges prepared = rig.registry.drainChanges();
        assertThat(prepared.coins()).singleElement().extracting(CoinRow::reservedBy)
            .isEqualTo("s1");
        assertThat(prepared.swaps()).singleElement().extracting(SwapRow::state)
            .isEqualTo(SwapState.PREPARED);
        assertThat(prepared.daily()).extracting(DailyRow::username)
            .containsExactly("alice", "bobby");
        assertThat(prepared.totals()).isEmpty();

        rig.registry.prepare(new SwapDraft("alice", "bobby", 20, START_MS + 1_000).id("s2")
            .paid(2, 99).build(), rig.now);
        RegistryChanges refused = rig.registry.drainChanges();
        assertThat(refused.transfers()).singleElement().extracting(RegistryTransfer::outcome)
            .isEqualTo("COIN_UNKNOWN");
        assertThat(refused.coins()).isEmpty();
        assertThat(refused.swaps()).isEmpty();

        rig.registry.redeem(new CoinRedeemOrder("r1", "alice", SwapDraft.ids(2)), rig.now);
        RegistryChanges redeemed = rig.registry.drainChanges();
        assertThat(redeemed.redeemedCoinIds()).containsExactly(id(2));
        assertThat(redeemed.coins()).isEmpty();
        assertThat(redeemed.totals()).singleElement().extracting(CoinTotalRow::redeemedBillons)
            .isEqualTo(20L);
    }

    @Test
    void forgettingDeletesTransfersSwapsAndOldCounters() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice").user("bobby");
        rig.give("alice", coin(1, 100));
        rig.registry.prepare(new SwapDraft("alice", "bobby", 100, START_MS + 1_000).id("s1")
            .paid(1).build(), rig.now);
        rig.registry.voidSwap("s1", rig.now);
        rig.registry.drainChanges();

        rig.now = START_MS + Registry.DAY_MS;
        assertThat(rig.registry.forget(rig.now, 100)).isEqualTo(2 + 2);

        RegistryChanges forgotten = rig.registry.drainChanges();
        assertThat(forgotten.forgottenTransferIds()).containsExactlyInAnyOrder("s1",
            "rig-mint-0");
        assertThat(forgotten.forgottenSwapIds()).containsExactly("s1");
        assertThat(forgotten.droppedDaily()).extracting(DailyKey::username)
            .containsExactlyInAnyOrder("alice", "bobby");
        assertThat(rig.registry.rows().coins()).hasSize(1);
    }

    @Test
    void aStoreFedEveryDrainHoldsTheRegistrysRows() {
        RegistryRig rig = new RegistryRig();
        RegistryRowStore store = new RegistryRowStore();
        rig.user("alice").user("bobby");
        rig.give("alice", coin(1, 100), coin(2, 50), coin(3, 5));
        store.apply(rig.registry.drainChanges());
        rig.registry.prepare(new SwapDraft("alice", "bobby", 150, START_MS + 1_000).id("s1")
            .paid(1, 2).build(), rig.now);
        rig.registry.prepare(new SwapDraft("alice", "bobby", 5, START_MS + 1_000).id("s2")
            .paid(3).build(), rig.now);
        store.apply(rig.registry.drainChanges());
        rig.registry.commit("s1", rig.now);
        store.apply(rig.registry.drainChanges());

        Registry restored = Registry.restore(rig.registry.config(), name ->
            Optional.ofNullable(rig.accounts.get(name)), store.rows());

        assertThat(restored.rows()).isEqualTo(rig.registry.rows());
        assertThat(restored.check().ok()).isTrue();
        for (Registry registry : List.of(rig.registry, restored)) {
            assertThat(registry.commit("s1", rig.now)).isEqualTo(SwapCommitResult.COMMITTED);
            assertThat(registry.commit("s2", rig.now)).isEqualTo(SwapCommitResult.COMMITTED);
            assertThat(registry.balances("bobby", rig.now).get(0).freeBillons())
                .isEqualTo(155);
        }
        assertThat(restored.drainChanges()).isEqualTo(rig.registry.drainChanges());
    }
}
