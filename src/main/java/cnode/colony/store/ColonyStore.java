package cnode.colony.store;

import cnode.colony.DirectoryChanges;
import cnode.colony.RegistryChanges;

/**
 * Where the colony's state is durable: SQLite or PostgreSQL in production, memory in tests.
 * Only the {@link ColonyWriter}'s thread calls it, so an implementation needs no locking of its
 * own. A commit is all or nothing: either every change of both cores is durable when it
 * returns, or it throws and none of them is.
 */
public interface ColonyStore extends AutoCloseable {
    /** The committed state, as the last successful commit left it. */
    ColonyRows load();

    /**
     * Makes one batch of changes durable, in one transaction.
     *
     * @throws ColonyStoreFailure when the batch could not be committed; the writer then
     *     rebuilds its state from {@link #load()}
     */
    void commit(DirectoryChanges directory, RegistryChanges registry);

    @Override
    void close();
}
