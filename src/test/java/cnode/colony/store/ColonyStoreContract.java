package cnode.colony.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.colony.CoinKind;
import cnode.colony.CoinPlace;
import cnode.colony.CoinRow;
import cnode.colony.CoinTotalRow;
import cnode.colony.DailyKey;
import cnode.colony.DailyRow;
import cnode.colony.Directory;
import cnode.colony.DirectoryChanges;
import cnode.colony.DirectoryRows;
import cnode.colony.LeaseRow;
import cnode.colony.Limits;
import cnode.colony.LocationRow;
import cnode.colony.Registry;
import cnode.colony.RegistryChanges;
import cnode.colony.RegistryRows;
import cnode.colony.RegistryTransfer;
import cnode.colony.SessionRow;
import cnode.colony.SwapRow;
import cnode.colony.SwapState;
import cnode.colony.UserBytes;
import cnode.colony.UserLock;
import cnode.colony.UserRow;
import cnode.money.Coin;
import cnode.money.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link ColonyStore} contract, run on every store: SQLite, PostgreSQL and the memory fake.
 * A subclass says how to open the store of the running test (the same state each time it is
 * called within a test, empty at the test's start) and how to make its next commit fail after
 * its writes. The heart of it is a seeded random run of both cores ({@link ColonyScript}):
 * after every commit of the drained changes, {@link ColonyStore#load} must equal what the cores
 * hold ({@link Directory#snapshot}, {@link Registry#rows}); some commits are made to fail, and
 * then the store must still hold the previous commit, and the cores are rebuilt from it as the
 * writer would. At the end the store is closed, reopened and loaded once more.
 */
abstract class ColonyStoreContract {
    private static final int COMMITS = 80;
    private static final long T0 = ColonyScript.START_MS;

    protected ColonyStore store;

    /** The store of this test: empty at its start, the same state at every call within it. */
    protected abstract ColonyStore open() throws Exception;

    /** Makes the next commit of {@code store} fail after its writes, without committing. */
    protected abstract void failNextCommit(ColonyStore failing);

    @BeforeEach
    final void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** Closes the store and opens it again on the same state. */
    protected final void reopen() throws Exception {
        store.close();
        store = null;
        store = open();
    }

    private static ColonyRows rowsOf(ColonyState state) {
        return new ColonyRows(state.directory().snapshot(), state.registry().rows());
    }

    private static ColonyState restore(ColonyRows rows, long seed) {
        Random bytes = new Random(seed);
        Directory directory = Directory.restore(ColonyScript.directoryConfig(),
            bytes::nextBytes, rows.directory());
        return new ColonyState(directory,
            Registry.restore(ColonyScript.registryConfig(), directory, rows.registry()));
    }

    @Test
    void aNewStoreHoldsNothing() {
        assertThat(store.load()).isEqualTo(ColonyRows.EMPTY);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20_260_101})
    void afterEveryCommitTheStoreHoldsWhatTheCoresHold(long seed) throws Exception {
        ColonyScript script = new ColonyScript(seed);
        Random rhythm = new Random(~seed);
        ColonyState state = ColonyScript.newState(seed);
        int failed = 0;
        int[] largest = new int[5];
        for (int commit = 0; commit < COMMITS; commit++) {
            for (int step = rhythm.nextInt(25); step >= 0; step--) {
                script.step(state);
            }
            DirectoryChanges directory = state.directory().drainChanges();
            RegistryChanges registry = state.registry().drainChanges();
            if (rhythm.nextInt(10) == 0 && !(directory.isEmpty() && registry.isEmpty())) {
                ColonyRows before = store.load();
                failNextCommit(store);
                assertThatThrownBy(() -> store.commit(directory, registry))
                    .as("seed %d, commit %d", seed, commit)
                    .isInstanceOf(ColonyStoreFailure.class);
                assertThat(store.load()).as("seed %d, commit %d", seed, commit)
                    .isEqualTo(before);
                state = restore(before, seed + commit);
                failed++;
                continue;
            }
            store.commit(directory, registry);
            ColonyRows loaded = store.load();
            assertThat(loaded).as("seed %d, commit %d", seed, commit).isEqualTo(rowsOf(state));
            largest(largest, loaded);
        }
        ColonyRows last = rowsOf(state);
        assertThat(failed).as("failed commits").isPositive();
        assertThat(largest).as("most users, sessions, leases, coins and swaps at once")
            .doesNotContain(0);

        reopen();

        ColonyRows reloaded = store.load();
        assertThat(reloaded).isEqualTo(last);
        assertThat(restore(reloaded, seed).registry().check().violations()).isEmpty();
    }

    /** Keeps the most rows of five tables seen so far, so the run can show it filled them. */
    private static void largest(int[] largest, ColonyRows rows) {
        int[] now = {rows.directory().users().size(), rows.directory().sessions().size(),
            rows.directory().leases().size(), rows.registry().coins().size(),
            rows.registry().swaps().size()};
        for (int i = 0; i < now.length; i++) {
            largest[i] = Math.max(largest[i], now[i]);
        }
    }

    @Test
    void everyValueReadsBackExactly() throws Exception {
        ColonyRows extreme = new ColonyRows(
            new DirectoryRows(List.of(extremeUser("a.b-c_d"), plainUser("zed9")),
                List.of(new SessionRow("0123456789ABCDEFGHIJKLMNOPQRSTUV", "a.b-c_d",
                    Long.MIN_VALUE, Long.MAX_VALUE)),
                List.of(new LocationRow("a.b-c_d", "[2001:db8::1]:65535", "00ff", true,
                    Long.MAX_VALUE), new LocationRow("zed9", "host:1", "", false, 0)),
                List.of(new LeaseRow("zed9", "instance \u00e9 1", -1))),
            new RegistryRows(extremeCoins(), List.of(extremeSwap()),
                List.of(new RegistryTransfer("A.z_0:9-", RegistryTransfer.Kind.EXCHANGE,
                    "f".repeat(64), "EXCHANGED", Long.MAX_VALUE, Long.MIN_VALUE,
                    Long.MAX_VALUE)),
                List.of(new DailyRow("a.b-c_d", ColonyScript.EUR, Long.MAX_VALUE, 7, 0),
                    new DailyRow("a.b-c_d", Currency.PLN, -5, 0, Long.MAX_VALUE)),
                List.of(new CoinTotalRow(new CoinKind(ColonyScript.EUR, 0), 1, 0),
                    new CoinTotalRow(new CoinKind(Currency.PLN, Long.MAX_VALUE),
                        Long.MAX_VALUE, Long.MAX_VALUE))));

        store.commit(changesOf(extreme.directory()), changesOf(extreme.registry()));

        assertThat(store.load()).isEqualTo(extreme);
        reopen();
        assertThat(store.load()).isEqualTo(extreme);
    }

    @Test
    void aFailedCommitLeavesThePreviousCommitAndTheNextOneWorks() {
        ColonyRows first = new ColonyRows(
            new DirectoryRows(List.of(plainUser("anna")), List.of(), List.of(),
                List.of()), RegistryRows.EMPTY);
        store.commit(changesOf(first.directory()), changesOf(first.registry()));
        DirectoryChanges second = new DirectoryChanges(List.of(plainUser("anna2"),
            plainUser("anna3")), List.of(), List.of(), List.of(), List.of(), List.of());
        RegistryChanges coins = changesOf(new RegistryRows(extremeCoins(),
            List.of(), List.of(), List.of(), List.of()));

        failNextCommit(store);
        assertThatThrownBy(() -> store.commit(second, coins))
            .isInstanceOf(ColonyStoreFailure.class);

        assertThat(store.load()).isEqualTo(first);
        store.commit(second, coins);
        assertThat(store.load().directory().users()).extracting(UserRow::username)
            .containsExactly("anna", "anna2", "anna3");
        assertThat(store.load().registry().coins()).isEqualTo(extremeCoins());
    }

    @Test
    void deletedRowsAreGoneAndRewrittenRowsReplaced() {
        ColonyRows before = new ColonyRows(new DirectoryRows(
            List.of(plainUser("anna")), List.of(new SessionRow("T".repeat(32), "anna", 1, 2)),
            List.of(), List.of(new LeaseRow("anna", "n1", 5))), new RegistryRows(
            extremeCoins(), List.of(extremeSwap()), List.of(), List.of(
                new DailyRow("anna", Currency.PLN, 3, 1, 1)), List.of()));
        store.commit(changesOf(before.directory()), changesOf(before.registry()));
        CoinRow moved = new CoinRow(extremeCoins().get(0).coin(), "anna", CoinPlace.VAULT,
            null);

        store.commit(new DirectoryChanges(List.of(), List.of(), List.of("T".repeat(32)),
            List.of(), List.of(), List.of("anna")), new RegistryChanges(List.of(moved),
            List.of(extremeCoins().get(1).id()), List.of(), List.of("S1"), List.of(),
            List.of(), List.of(), List.of(new DailyKey("anna", Currency.PLN)), List.of()));

        ColonyRows now = store.load();
        assertThat(now.directory().users()).hasSize(1);
        assertThat(now.directory().sessions()).isEmpty();
        assertThat(now.directory().leases()).isEmpty();
        assertThat(now.registry().coins()).containsExactly(moved, extremeCoins().get(2));
        assertThat(now.registry().swaps()).isEmpty();
        assertThat(now.registry().daily()).isEmpty();
    }

    static UserRow plainUser(String name) {
        return new UserRow(name, "h", new UserBytes(new byte[32]), new UserBytes(new byte[1]),
            false, "{}", "AR", "IPE", List.of(), "ABC123", UserLock.NONE, 0, Limits.NONE, T0);
    }

    private static UserRow extremeUser(String name) {
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        return new UserRow(name, "pbkdf2$\u00fc\u00df$\uD83D\uDD11", new UserBytes(every),
            new UserBytes(new byte[0]), true,
            "{\"n\":\"Zo\u00eb \uD83D\uDCB6\",\"q\":\"'\\\"; DROP TABLE x;--\",\"z\":\"\"}",
            "PLUS_BANK_PRODUCTION", "X", List.of("a,b@example.com", "\"quoted\"@x.org", ""),
            "ZZZZZ9", UserLock.WRONG_PASSWORDS, Integer.MAX_VALUE,
            new Limits(0, Long.MAX_VALUE, 1, Long.MAX_VALUE - 1), Long.MIN_VALUE);
    }

    static List<CoinRow> extremeCoins() {
        Coin big = new Coin("Z".repeat(26), 5_000_000, Currency.PLN, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE);
        Coin small = new Coin("0".repeat(26), 1, ColonyScript.EUR, 0, -2, -1);
        Coin held = new Coin("M".repeat(26), 2, ColonyScript.EUR, 0, 0, 1);
        return List.of(new CoinRow(small, Registry.BANK, CoinPlace.WALLET, null),
            new CoinRow(held, "anna", CoinPlace.WALLET, "S1"),
            new CoinRow(big, "a.b-c_d", CoinPlace.VAULT, null));
    }

    private static SwapRow extremeSwap() {
        return new SwapRow("S1", "anna", "a.b-c_d", List.of("M".repeat(26), "x,\"]"),
            List.of(), new CoinKind(ColonyScript.EUR, 0), Long.MAX_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE, SwapState.EXPIRED, -1);
    }

    private static DirectoryChanges changesOf(DirectoryRows rows) {
        return new DirectoryChanges(rows.users(), rows.sessions(), List.of(),
            rows.locations(), rows.leases(), List.of());
    }

    private static RegistryChanges changesOf(RegistryRows rows) {
        return new RegistryChanges(rows.coins(), List.of(), rows.swaps(), List.of(),
            rows.transfers(), List.of(), rows.daily(), List.of(), rows.totals());
    }
}
