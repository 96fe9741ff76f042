package cnode.colony.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.colony.DirectoryChanges;
import cnode.colony.RegistryChanges;
import cnode.colony.UserRow;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a JDBC database, plus what only a database can do: lose its
 * connection, and be claimed by one colony at a time. A subclass says where the test's
 * database is ({@link #dialect}); the store's connections pass through
 * {@link FaultyConnections}, which fails commits and closes connections on demand.
 */
abstract class JdbcColonyStoreContract extends ColonyStoreContract {
    protected final FaultyConnections faults = new FaultyConnections();

    /** The dialect of this test's database, empty at the test's start. */
    protected abstract ColonyDialect dialect() throws Exception;

    @Override
    protected final ColonyStore open() throws Exception {
        return new JdbcColonyStore(faults.wrap(dialect()));
    }

    @Override
    protected final void failNextCommit(ColonyStore failing) {
        faults.failNextCommits(1);
    }

    private static DirectoryChanges users(String... names) {
        List<UserRow> rows = Arrays.stream(names).map(ColonyStoreContract::plainUser)
            .toList();
        return new DirectoryChanges(rows, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static RegistryChanges noCoins() {
        return new RegistryChanges(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void aLostConnectionFailsOneCommitAndIsReplaced() throws Exception {
        store.commit(users("anna"), noCoins());
        faults.closeAll();

        assertThatThrownBy(() -> store.commit(users("bert"), noCoins()))
            .isInstanceOf(ColonyStoreFailure.class);

        assertThat(store.load().directory().users()).extracting(UserRow::username)
            .containsExactly("anna");
        store.commit(users("bert"), noCoins());
        assertThat(store.load().directory().users()).extracting(UserRow::username)
            .containsExactly("anna", "bert");
        assertThat(faults.openedCount()).isEqualTo(2);
    }

    @Test
    void aSecondColonyOnTheSameStateIsRefusedUntilTheFirstCloses() throws Exception {
        store.commit(users("anna"), noCoins());

        assertThatThrownBy(() -> new JdbcColonyStore(dialect()).close())
            .isInstanceOf(ColonyStoreFailure.class)
            .hasStackTraceContaining("another colony");

        store.close();
        store = null;
        try (JdbcColonyStore second = new JdbcColonyStore(dialect())) {
            assertThat(second.load().directory().users()).hasSize(1);
            second.commit(users("bert"), noCoins());
            assertThat(second.commits()).isEqualTo(1);
            assertThat(second.rowsWritten()).isEqualTo(1);
        }
    }

    @Test
    void anEmptyCommitWritesNothing() {
        JdbcColonyStore jdbc = (JdbcColonyStore) store;

        store.commit(users(), noCoins());

        assertThat(jdbc.commits()).isZero();
        assertThat(store.load()).isEqualTo(ColonyRows.EMPTY);
    }
}
