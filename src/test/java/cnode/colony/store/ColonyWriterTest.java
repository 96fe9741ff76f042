package cnode.colony.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.colony.CoinPlace;
import cnode.colony.CoinRow;
import cnode.colony.DirectoryChanges;
import cnode.colony.DirectoryConfig;
import cnode.colony.MintOrder;
import cnode.colony.MintResult;
import cnode.colony.Registry;
import cnode.colony.RegistryChanges;
import cnode.colony.RegistryConfig;
import cnode.colony.RegistryRows;
import cnode.colony.RegistryTransfer;
import cnode.colony.SwapOrder;
import cnode.colony.SwapPrepareResult;
import cnode.colony.SwapRow;
import cnode.colony.SwapState;
import cnode.colony.UserBytes;
import cnode.colony.UserRegistered;
import cnode.colony.UserRegistration;
import cnode.money.Coin;
import cnode.money.Currency;
import cnode.stdx.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The colony's writer on the memory store, with a manual clock: answers complete only after
 * their batch is committed, queued commands share commits, a full queue answers busy, a failed
 * commit or a throwing command fails its batch and leaves the cores equal to the store, idle
 * ticks sweep what expired, and close finishes what was queued.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ColonyWriterTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long YEAR_MS = 365 * Registry.DAY_MS;
    private static final long TICK_MS = 5;

    private final GatedColonyStore store = new GatedColonyStore();
    private final ManualClock clock = new ManualClock(T0);
    private ColonyWriter writer;
    private int coins;

    @AfterEach
    void stop() {
        store.open();
        if (writer != null) {
            writer.close();
        }
    }

    private ColonyWriter start(WriterLimits limits) {
        Random random = new Random(7);
        writer = ColonyWriter.start(store, DirectoryConfig.defaults(), random::nextBytes,
            new RegistryConfig(100, 60_000, 60_000, 100_000, 100_000), clock, limits);
        return writer;
    }

    private ColonyWriter start() {
        return start(new WriterLimits(1_024, 1_024, TICK_MS, 1_000));
    }

    private static ColonyCommand<UserRegistered.Outcome> register(String name) {
        return (state, nowMs) -> state.directory().register(new UserRegistration(name,
            "pbkdf2-sha256$1$c2FsdA$aGFzaA", new UserBytes(new byte[32]),
            new UserBytes(new byte[4]), false, "", "", "", List.of()), nowMs).outcome();
    }

    private Coin coin(long faceValue) {
        return new Coin(String.format("W%025d", coins++), faceValue, Currency.PLN, 0, T0 - 1,
            T0 + YEAR_MS);
    }

    private static ColonyCommand<MintResult> mint(String transferId, String user, Coin coin) {
        return (state, nowMs) -> state.registry().mint(new MintOrder(transferId, user,
            List.of(coin)), nowMs);
    }

    private static final ColonyCommand<ColonyRows> ROWS = (state, nowMs) ->
        new ColonyRows(state.directory().snapshot(), state.registry().rows());

    private static final ColonyCommand<Long> NOW = (state, nowMs) -> nowMs;

    private Optional<RegistryTransfer> remembered(String transferId) throws Exception {
        ColonyCommand<Optional<RegistryTransfer>> query = (state, nowMs) ->
            state.registry().transfer(transferId, nowMs);
        return answer(writer.submit(query));
    }

    private int coinCount() throws Exception {
        ColonyCommand<Integer> query = (state, nowMs) -> state.registry().coinCount();
        return answer(writer.submit(query));
    }

    private static <T> T answer(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /** The writer's state equals the store's, read on the writer's thread. */
    private void assertStateIsTheStores() throws Exception {
        ColonyRows state = answer(writer.submit(ROWS));
        ColonyCommand<ColonyRows> load = (s, nowMs) -> store.load();
        ColonyRows stored = answer(writer.submit(load));
        assertThat(state).isEqualTo(stored);
    }

    @Test
    void anAnswerCompletesOnlyAfterItsBatchIsCommitted() throws Exception {
        start();
        answer(writer.submit(register("anna")));
        store.shut();

        CompletableFuture<MintResult> minted = writer.submit(mint("m1", "anna", coin(1_000)));
        store.awaitCommitWaiting();
        Thread.sleep(50);

        assertThat(minted).isNotDone();
        store.open();
        assertThat(answer(minted)).isEqualTo(MintResult.MINTED);
        assertThat(store.load().registry().coins()).extracting(CoinRow::owner)
            .containsExactly("anna");
    }

    @Test
    void commandsQueuedBehindACommitShareTheNextOne() throws Exception {
        start();
        answer(writer.submit(register("anna")));
        int before = store.commits();
        store.shut();
        CompletableFuture<MintResult> first = writer.submit(mint("m-first", "anna", coin(1)));
        store.awaitCommitWaiting();

        List<CompletableFuture<MintResult>> queued = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            queued.add(writer.submit(mint("m" + i, "anna", coin(2))));
        }
        store.open();

        assertThat(answer(first)).isEqualTo(MintResult.MINTED);
        for (CompletableFuture<MintResult> each : queued) {
            assertThat(answer(each)).isEqualTo(MintResult.MINTED);
        }
        assertThat(store.commits() - before).isEqualTo(2);
        assertThat(store.load().registry().coins()).hasSize(501);
    }

    @Test
    void aFullQueueAnswersBusyAtOnceAndChangesNothing() throws Exception {
        start(new WriterLimits(4, 1, TICK_MS, 1_000));
        answer(writer.submit(register("anna")));
        store.shut();
        CompletableFuture<MintResult> running = writer.submit(mint("m0", "anna", coin(1)));
        store.awaitCommitWaiting();
        List<CompletableFuture<MintResult>> queued = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            queued.add(writer.submit(mint("m" + i, "anna", coin(1))));
        }

        CompletableFuture<MintResult> refused = writer.submit(mint("m5", "anna", coin(1)));

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(ColonyBusy.class);
        store.open();
        assertThat(answer(running)).isEqualTo(MintResult.MINTED);
        for (CompletableFuture<MintResult> each : queued) {
            assertThat(answer(each)).isEqualTo(MintResult.MINTED);
        }
        assertThat(remembered("m5")).isEmpty();
    }

    @Test
    void aFailedCommitFailsItsBatchAndTheCoresAreRebuiltFromTheStore() throws Exception {
        start();
        answer(writer.submit(register("anna")));
        assertThat(answer(writer.submit(mint("m1", "anna", coin(1_000)))))
            .isEqualTo(MintResult.MINTED);

        store.failNextCommits(1);
        CompletableFuture<MintResult> lost = writer.submit(mint("m2", "anna", coin(2_000)));

        assertThatThrownBy(() -> answer(lost)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(ColonyStoreFailure.class);
        assertThat(coinCount())
            .isEqualTo(1);
        assertThat(remembered("m2")).isEmpty();
        assertStateIsTheStores();
        assertThat(answer(writer.submit(mint("m2", "anna", coin(2_000)))))
            .isEqualTo(MintResult.MINTED);
    }

    @Test
    void aCommandThatThrowsFailsItsOwnBatchOnly() throws Exception {
        start();
        answer(writer.submit(register("anna")));
        store.shut();
        CompletableFuture<MintResult> before = writer.submit(mint("m0", "anna", coin(1)));
        store.awaitCommitWaiting();
        CompletableFuture<MintResult> sameBatch = writer.submit(mint("m1", "anna", coin(1)));
        CompletableFuture<Object> broken = writer.submit((state, nowMs) -> {
            throw new IllegalStateException("a bug in a command");
        });
        store.open();

        assertThat(answer(before)).isEqualTo(MintResult.MINTED);
        assertThatThrownBy(() -> answer(broken)).hasCauseInstanceOf(ColonyStoreFailure.class)
            .hasRootCauseMessage("a bug in a command");
        assertThatThrownBy(() -> answer(sameBatch)).hasCauseInstanceOf(ColonyStoreFailure.class);
        assertThat(remembered("m1")).isEmpty();
        assertStateIsTheStores();
        assertThat(answer(writer.submit(mint("m2", "anna", coin(5))))).isEqualTo(
            MintResult.MINTED);
    }

    @Test
    void aStoreThatCannotLoadAfterAFailedCommitStopsTheWriterBeforeTheQueueRuns()
            throws Exception {
        start();
        answer(writer.submit(register("anna")));
        store.shut();
        CompletableFuture<MintResult> failing = writer.submit(mint("m1", "anna", coin(1)));
        store.awaitCommitWaiting();
        CompletableFuture<MintResult> queued = writer.submit(mint("m2", "anna", coin(2)));
        store.failNextCommits(1);
        store.failLoads();

        store.open();

        assertThatThrownBy(() -> answer(failing)).hasCauseInstanceOf(ColonyStoreFailure.class);
        assertThatThrownBy(() -> answer(queued)).hasCauseInstanceOf(ColonyBusy.class);
        assertThatThrownBy(() -> answer(writer.submit(mint("m3", "anna", coin(5)))))
            .hasCauseInstanceOf(ColonyBusy.class);
        assertThat(store.committed()).noneMatch(changes -> !changes.coins().isEmpty());
    }

    @Test
    void idleTicksSweepExpiredSwapsIntoTheStore() throws Exception {
        start();
        answer(writer.submit(register("anna")));
        answer(writer.submit(register("bert")));
        Coin paid = coin(1_000);
        answer(writer.submit(mint("m1", "anna", paid)));
        SwapOrder order = new SwapOrder("s1", "anna", "bert", Currency.PLN, 1_000,
            List.of(paid.id()), List.of(), T0 + 1_000);
        ColonyCommand<SwapPrepareResult> prepare = (state, nowMs) ->
            state.registry().prepare(order, nowMs);
        assertThat(answer(writer.submit(prepare))).isEqualTo(SwapPrepareResult.PREPARED);

        clock.advanceMs(2_000);

        long giveUpMs = System.currentTimeMillis() + 10_000;
        while (expiredSwapCommitted().isEmpty() && System.currentTimeMillis() < giveUpMs) {
            Thread.sleep(TICK_MS);
        }
        assertThat(expiredSwapCommitted()).singleElement().satisfies(swap -> {
            assertThat(swap.transferId()).isEqualTo("s1");
            assertThat(swap.settledAtMs()).isEqualTo(T0 + 1_000);
        });
        assertThat(answer(writer.submit(ROWS)).registry().coins()).singleElement()
            .satisfies(coin -> assertThat(coin.reserved()).isFalse());
        assertStateIsTheStores();
    }

    private List<SwapRow> expiredSwapCommitted() {
        return store.committed().stream().map(RegistryChanges::swaps).flatMap(List::stream)
            .filter(swap -> swap.state() == SwapState.EXPIRED).toList();
    }

    @Test
    void closeFinishesTheQueuedCommandsAndThenRefusesNewOnes() throws Exception {
        start();
        answer(writer.submit(register("anna")));
        store.shut();
        CompletableFuture<MintResult> first = writer.submit(mint("m0", "anna", coin(1)));
        store.awaitCommitWaiting();
        List<CompletableFuture<MintResult>> queued = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            queued.add(writer.submit(mint("m" + i, "anna", coin(1))));
        }

        Thread closing = Thread.ofPlatform().start(writer::close);
        Thread.sleep(50);
        CompletableFuture<MintResult> late = writer.submit(mint("late", "anna", coin(1)));
        store.open();
        closing.join(20_000);

        assertThat(closing.isAlive()).isFalse();
        assertThat(answer(first)).isEqualTo(MintResult.MINTED);
        for (CompletableFuture<MintResult> each : queued) {
            assertThat(answer(each)).isEqualTo(MintResult.MINTED);
        }
        assertThatThrownBy(late::join).hasCauseInstanceOf(ColonyBusy.class);
        RegistryRows rows = store.load().registry();
        assertThat(rows.coins()).hasSize(51);
        assertThat(rows.transfers()).noneMatch(transfer -> transfer.transferId().equals("late"));
    }

    @Test
    void theBatchTimeNeverGoesBackEvenWhenTheClockDoes() throws Exception {
        start();
        clock.advanceMs(1_000);
        long seen = answer(writer.submit(NOW));

        clock.advanceMs(-500);

        assertThat(answer(writer.submit(NOW))).isEqualTo(seen)
            .isEqualTo(T0 + 1_000);
    }

    @Test
    void aStoreThatBreaksConservationStopsTheStart() {
        Coin unissued = coin(1_000);
        store.commit(new DirectoryChanges(List.of(ColonyStoreContract
                .plainUser("anna")), List.of(), List.of(), List.of(), List.of(), List.of()),
            new RegistryChanges(List.of(new CoinRow(unissued, "anna",
                CoinPlace.WALLET, null)), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of()));

        assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("conservation");
        writer = null;
    }
}
