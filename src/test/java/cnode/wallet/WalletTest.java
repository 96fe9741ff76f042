package cnode.wallet;

import static cnode.wallet.WalletFixtures.DAY_MS;
import static cnode.wallet.WalletFixtures.EXPIRES_MS;
import static cnode.wallet.WalletFixtures.ISSUED_MS;
import static cnode.wallet.WalletFixtures.coin;
import static cnode.wallet.WalletFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ColonyVault.CoinView;
import cnode.money.Currency;
import cnode.node.NodeUser;
import cnode.stdx.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * The wallet's cache over a fake registry and a manual clock: loading every page, the max age,
 * one fetch shared by concurrent readers, answers when the colony is down, the bound on cached
 * coins, and reservations with their guards.
 */
class WalletTest {
    private static final long START_MS = ISSUED_MS + DAY_MS;
    private static final WalletLimits LIMITS = new WalletLimits(1_000, 10, 1_000);

    private final ManualClock clock = new ManualClock(START_MS);
    private final FakeHoldings colony = new FakeHoldings();
    private final NodeUser wanda = WalletFixtures.user("wanda", "tokenwanda");

    private Wallet wallet(WalletLimits limits) {
        return new Wallet(colony, clock, limits);
    }

    private void fill(int count) {
        for (int i = 0; i < count; i++) {
            colony.put(coin(String.format("%03d", i), 200, "PLN"));
        }
    }

    @Test
    void attachReadsEveryPage() {
        fill(25);
        WalletRead read = wallet(LIMITS).attach(wanda);
        assertThat(read.state()).isEqualTo(WalletRead.State.FRESH);
        assertThat(colony.pages()).isEqualTo(3);
        assertThat(read.view().username()).isEqualTo("wanda");
        assertThat(read.view().coins()).hasSize(25);
        assertThat(read.view().truncated()).isFalse();
        assertThat(read.view().asOfMs()).isEqualTo(START_MS);
        assertThat(read.view().balance(Currency.PLN, 0).free()).isEqualTo(25 * 200);
    }

    @Test
    void aYoungCopyIsServedAndAnOldOneFetchedAgain() {
        fill(3);
        Wallet wallet = wallet(LIMITS);
        wallet.attach(wanda);
        clock.advanceMs(1_000);
        assertThat(wallet.read().view().coins()).hasSize(3);
        assertThat(colony.pages()).as("within the max age").isEqualTo(1);

        colony.put(coin("NEW", 5_000, "PLN"));
        clock.advanceMs(1);
        WalletRead read = wallet.read();
        assertThat(colony.pages()).isEqualTo(2);
        assertThat(read.view().asOfMs()).isEqualTo(START_MS + 1_001);
        assertThat(read.view().balance(Currency.PLN, 0).free()).isEqualTo(5_600);
        for (HeldCoin held : read.view().coins()) {
            long expected = held.coin().id().equals(id("NEW")) ? START_MS + 1_001 : ISSUED_MS;
            assertThat(held.incomingAtMs()).as(held.coin().id()).isEqualTo(expected);
        }

        wallet.invalidate();
        wallet.read();
        assertThat(colony.pages()).as("invalidated: fetched at once").isEqualTo(3);
    }

    @Test
    void aDeadColonyAnswersTheLastCopyAndIsAskedAgainOnlyAfterTheMaxAge() {
        fill(2);
        Wallet wallet = wallet(LIMITS);
        colony.mode(FakeHoldings.Mode.UNREACHABLE);
        assertThat(wallet.attach(wanda).state()).isEqualTo(WalletRead.State.UNREACHABLE);
        assertThat(wallet.read().state()).isEqualTo(WalletRead.State.UNREACHABLE);
        assertThat(colony.pages()).as("no second try within the max age").isEqualTo(1);

        colony.mode(FakeHoldings.Mode.SERVE);
        clock.advanceMs(1_001);
        assertThat(wallet.read().state()).isEqualTo(WalletRead.State.FRESH);
        long loadedAtMs = clock.nowMs();

        for (FakeHoldings.Mode down : List.of(FakeHoldings.Mode.UNREACHABLE,
            FakeHoldings.Mode.REFUSE)) {
            colony.mode(down);
            colony.remove(id("000"));
            clock.advanceMs(1_001);
            WalletRead stale = wallet.read();
            assertThat(stale.state()).as(down.name()).isEqualTo(WalletRead.State.STALE);
            assertThat(stale.view().asOfMs()).isEqualTo(loadedAtMs);
            assertThat(stale.view().coins()).hasSize(2);
            int pages = colony.pages();
            assertThat(wallet.read().state()).isEqualTo(WalletRead.State.STALE);
            assertThat(colony.pages()).isEqualTo(pages);
        }
        colony.mode(FakeHoldings.Mode.SERVE);
        clock.advanceMs(1_001);
        WalletRead back = wallet.read();
        assertThat(back.state()).isEqualTo(WalletRead.State.FRESH);
        assertThat(back.view().coins()).hasSize(1);
    }

    @Test
    void concurrentReadersShareOneFetch() throws Exception {
        fill(5);
        Wallet wallet = wallet(LIMITS);
        wallet.attach(wanda);
        clock.advanceMs(1_001);
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(1);
        colony.gate(arrived, open);
        int pagesBefore = colony.pages();
        int readers = 8;
        AtomicReferenceArray<WalletRead> reads = new AtomicReferenceArray<>(readers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            int slot = i;
            threads.add(Thread.ofPlatform().start(() -> reads.set(slot, wallet.read())));
        }
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
        pollUntilAllWait(threads);
        open.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(colony.pages()).as("one page, fetched once for all").isEqualTo(
            pagesBefore + 1);
        for (int i = 0; i < readers; i++) {
            assertThat(reads.get(i).state()).isEqualTo(WalletRead.State.FRESH);
            assertThat(reads.get(i).view().asOfMs()).isEqualTo(START_MS + 1_001);
        }
    }

    /** Every reader parked: the one fetching at the gate, the others on its result. */
    private static void pollUntilAllWait(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
            || t.getState() == Thread.State.TIMED_WAITING)) {
            assertThat(System.nanoTime()).as("readers never all waited").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aUserWithTooManyCoinsIsShownTheFirstOnes() {
        fill(12);
        WalletRead read = wallet(new WalletLimits(1_000, 3, 5)).attach(wanda);
        assertThat(read.view().truncated()).isTrue();
        assertThat(read.view().coins()).extracting(held -> held.coin().id())
            .containsExactly(id("000"), id("001"), id("002"), id("003"), id("004"));
        assertThat(colony.pages()).isEqualTo(2);
        assertThat(read.view().balance(Currency.PLN, 0).free()).isEqualTo(5 * 200);
    }

    @Test
    void exactlyTheBoundIsNotTruncated() {
        fill(6);
        WalletRead read = wallet(new WalletLimits(1_000, 3, 6)).attach(wanda);
        assertThat(read.view().truncated()).isFalse();
        assertThat(read.view().coins()).hasSize(6);
    }

    @Test
    void malformedCoinsAreLeftOut() {
        colony.put(coin("GOOD", 200, "PLN"));
        colony.put(coin("BADFACE", 300, "PLN"));
        colony.put(coin("BADPLACE", 200, "PLN", 0, "ATTIC", null));
        colony.put(coin("BADCUR", 200, "pln"));
        colony.put(new CoinView("short", 200, "PLN", 0, ISSUED_MS, EXPIRES_MS, "WALLET", null));
        colony.put(new CoinView(id("BACKWARDS"), 200, "PLN", 0, EXPIRES_MS, ISSUED_MS, "WALLET",
            null));
        WalletRead read = wallet(LIMITS).attach(wanda);
        assertThat(read.view().coins()).extracting(held -> held.coin().id())
            .containsExactly(id("GOOD"));
    }

    @Test
    void reservationsFollowTheirGuardsInOrderAndAreAllOrNothing() {
        colony.put(coin("A", 200, "PLN"));
        colony.put(coin("B", 500, "PLN"));
        colony.put(coin("C", 2_000, "PLN", 0, "VAULT", null));
        colony.put(coin("D", 1_000, "PLN", 0, "WALLET", "pay-7"));
        colony.put(new CoinView(id("E"), 50, "PLN", 0, ISSUED_MS, START_MS, "WALLET", null));
        Wallet wallet = wallet(LIMITS);
        assertThat(wallet.reserve("T1", List.of(id("A")))).isEqualTo(Reservation.NOT_ATTACHED);
        wallet.attach(wanda);

        assertThat(wallet.reserve("T1", List.of(id("A")))).isEqualTo(Reservation.RESERVED);
        assertThat(wallet.reserve("T1", List.of(id("B"))))
            .isEqualTo(Reservation.TASK_HOLDS_COINS);
        assertThat(wallet.reserve("T2", List.of(id("B"), id("ZZZ"))))
            .isEqualTo(Reservation.NOT_HELD);
        assertThat(wallet.reserve("T2", List.of(id("C")))).isEqualTo(Reservation.NOT_HELD);
        assertThat(wallet.reserve("T2", List.of(id("B"), id("A"))))
            .isEqualTo(Reservation.NOT_FREE);
        assertThat(wallet.reserve("T2", List.of(id("D")))).isEqualTo(Reservation.NOT_FREE);
        assertThat(wallet.reserve("T2", List.of(id("E")))).as("expired")
            .isEqualTo(Reservation.NOT_FREE);
        assertThat(wallet.reservedBy("T2")).as("a refusal reserves nothing").isEmpty();
        assertThat(wallet.reservedHere()).containsExactly(id("A"));

        WalletView view = wallet.read().view();
        assertThat(view.balance(Currency.PLN, 0))
            .isEqualTo(new Balance(Currency.PLN, 0, 500, 1_200, 2_000, 50));
        assertThat(wallet.reserve("T2", List.of(id("B")))).isEqualTo(Reservation.RESERVED);
        assertThat(wallet.read().view().balance(Currency.PLN, 0).free()).isZero();

        assertThat(wallet.release("T1")).isEqualTo(1);
        assertThat(wallet.release("T1")).isZero();
        assertThat(wallet.reservedBy("T2")).containsExactly(id("B"));
        assertThat(wallet.read().view().balance(Currency.PLN, 0))
            .isEqualTo(new Balance(Currency.PLN, 0, 200, 1_500, 2_000, 50));
        assertThat(wallet.reserve("T3", List.of(id("A")))).isEqualTo(Reservation.RESERVED);
    }

    @Test
    void aNewSessionKeepsTheReservationsAnotherUserOrADetachDropsThem() {
        colony.put(coin("A", 200, "PLN"));
        Wallet wallet = wallet(LIMITS);
        assertThat(wallet.read().state()).isEqualTo(WalletRead.State.NOT_ATTACHED);
        wallet.attach(wanda);
        assertThat(wallet.reserve("T1", List.of(id("A")))).isEqualTo(Reservation.RESERVED);
        assertThat(wallet.readAs("xavier").state()).isEqualTo(WalletRead.State.NOT_ATTACHED);
        assertThat(wallet.readAs("wanda").state()).isEqualTo(WalletRead.State.FRESH);

        colony.put(coin("B", 500, "PLN"));
        WalletRead renewed = wallet.attach(WalletFixtures.user("wanda", "tokenrenewed"));
        assertThat(renewed.view().coins()).as("fetched again at once").hasSize(2);
        assertThat(wallet.reservedBy("T1")).as("a new session keeps the reservations")
            .containsExactly(id("A"));
        colony.remove(id("B"));

        wallet.attach(WalletFixtures.user("xavier", "tokenxavier"));
        assertThat(wallet.reservedHere()).isEmpty();
        assertThat(wallet.readAs("wanda").state()).isEqualTo(WalletRead.State.NOT_ATTACHED);
        WalletRead xavier = wallet.readAs("xavier");
        assertThat(xavier.view().username()).isEqualTo("xavier");
        assertThat(xavier.view().balance(Currency.PLN, 0).free()).isEqualTo(200);

        wallet.detach();
        assertThat(wallet.read().state()).isEqualTo(WalletRead.State.NOT_ATTACHED);
        assertThat(wallet.reserve("T1", List.of(id("A")))).isEqualTo(Reservation.NOT_ATTACHED);
    }

    @Test
    void aPictureIsReusedUntilSomethingItShowsChanges() {
        fill(3);
        colony.put(new CoinView(id("SOON"), 100, "PLN", 0, ISSUED_MS, START_MS + 500, "WALLET",
            null));
        Wallet wallet = wallet(LIMITS);
        WalletView first = wallet.attach(wanda).view();
        assertThat(wallet.read().view()).as("nothing changed").isSameAs(first);

        assertThat(wallet.reserve("t1", List.of(id("000")))).isEqualTo(Reservation.RESERVED);
        WalletView reserved = wallet.read().view();
        assertThat(reserved).isNotSameAs(first);
        assertThat(reserved.balance(Currency.PLN, 0).locked()).isEqualTo(200);
        wallet.release("t1");
        assertThat(wallet.read().view().balance(Currency.PLN, 0).locked()).isZero();

        clock.advanceMs(499);
        WalletView before = wallet.read().view();
        assertThat(wallet.read().view()).isSameAs(before);
        assertThat(before.balance(Currency.PLN, 0).expired()).isZero();
        clock.advanceMs(1);
        assertThat(colony.pages()).as("still within the max age").isEqualTo(1);
        assertThat(wallet.read().view().balance(Currency.PLN, 0).expired())
            .as("the coin expired: the picture is made again").isEqualTo(100);
    }

    @Test
    void aSpentCoinStaysOutWhileAFetchStartedBeforeTheSpendLands() throws Exception {
        fill(3);
        Wallet wallet = wallet(LIMITS);
        wallet.attach(wanda);
        assertThat(wallet.reserve("t1", List.of(id("000")))).isEqualTo(Reservation.RESERVED);
        clock.advanceMs(1_001);
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(1);
        colony.gate(arrived, open);
        Thread reader = Thread.ofPlatform().start(wallet::read);
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wallet.spent("t1")).isEqualTo(1);
        open.countDown();
        reader.join(10_000);
        colony.gate(null, null);
        WalletView landed = wallet.read().view();
        assertThat(colony.pages()).isEqualTo(2);
        assertThat(landed.coins()).as("the fetch still listed the spent coin")
            .extracting(held -> held.coin().id()).containsExactly(id("001"), id("002"));
        assertThat(wallet.reserve("t2", List.of(id("000")))).isEqualTo(Reservation.NOT_HELD);

        colony.remove(id("000"));
        clock.advanceMs(1_001);
        assertThat(wallet.read().view().coins()).hasSize(2);
        colony.put(coin("000", 200, "PLN"));
        clock.advanceMs(1_001);
        assertThat(wallet.read().view().coins()).as("given back later: a fetch after the "
            + "spend is believed").hasSize(3);
    }

    @Test
    void aLaterReadAsksOnlyForWhatChanged() {
        colony.versions(true);
        fill(5);
        Wallet wallet = wallet(LIMITS);
        wallet.attach(wanda);
        assertThat(colony.pages()).isEqualTo(1);
        colony.put(coin("NEW", 5_000, "PLN"));
        colony.remove(id("000"));
        clock.advanceMs(1_001);
        WalletRead read = wallet.read();
        assertThat(colony.pages()).as("no full read").isEqualTo(1);
        assertThat(colony.changeCalls()).isEqualTo(1);
        assertThat(read.view().coins()).extracting(held -> held.coin().id())
            .containsExactlyInAnyOrder(id("001"), id("002"), id("003"), id("004"), id("NEW"));
        for (HeldCoin held : read.view().coins()) {
            long expected = held.coin().id().equals(id("NEW")) ? START_MS + 1_001 : ISSUED_MS;
            assertThat(held.incomingAtMs()).as(held.coin().id()).isEqualTo(expected);
        }
        assertThat(read.view().asOfMs()).isEqualTo(START_MS + 1_001);

        clock.advanceMs(1_001);
        WalletView unchanged = wallet.read().view();
        assertThat(colony.changeCalls()).isEqualTo(2);
        assertThat(unchanged.coins()).hasSize(5);
    }

    @Test
    void manyChangesComeInPagesAndEachIsAppliedOnce() {
        colony.versions(true);
        fill(3);
        Wallet wallet = wallet(LIMITS);
        wallet.attach(wanda);
        for (int i = 0; i < 25; i++) {
            colony.put(coin(String.format("N%02d", i), 100, "PLN"));
        }
        colony.put(coin("000", 100, "PLN"));
        colony.remove(id("001"));
        clock.advanceMs(1_001);
        WalletRead read = wallet.read();
        assertThat(colony.changeCalls()).as("25 coins and a change of 000, 10 a page")
            .isEqualTo(3);
        assertThat(colony.pages()).isEqualTo(1);
        assertThat(read.view().coins()).hasSize(27);
        assertThat(read.view().balance(Currency.PLN, 0).free()).isEqualTo(26 * 100 + 200);
    }

    @Test
    void changesTheColonyForgotMeanAFullRead() {
        colony.versions(true);
        fill(3);
        Wallet wallet = wallet(LIMITS);
        wallet.attach(wanda);
        colony.put(coin("NEW", 500, "PLN"));
        colony.forgetChanges();
        clock.advanceMs(1_001);
        WalletRead read = wallet.read();
        assertThat(colony.changeCalls()).isEqualTo(1);
        assertThat(colony.pages()).as("read again in full").isEqualTo(2);
        assertThat(read.view().coins()).hasSize(4);

        colony.mode(FakeHoldings.Mode.UNREACHABLE);
        clock.advanceMs(1_001);
        WalletRead stale = wallet.read();
        assertThat(stale.state()).isEqualTo(WalletRead.State.STALE);
        assertThat(stale.view().coins()).hasSize(4);
    }
}
