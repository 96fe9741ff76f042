package cnode.colony.store;

import cnode.colony.DirectoryChanges;
import cnode.colony.DirectoryMemoryStore;
import cnode.colony.RegistryChanges;
import cnode.colony.RegistryRowStore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A colony store in memory: the fake for tests of the writer and of endpoints. It applies each
 * commit to row maps exactly as a database would, and can be told to fail the next commits,
 * so tests see the writer rebuild from what was committed. Writer thread only, except
 * {@link #failNextCommits}, which any thread may call.
 */
public final class MemoryColonyStore implements ColonyStore {
    private final DirectoryMemoryStore directory = new DirectoryMemoryStore();
    private final RegistryRowStore registry = new RegistryRowStore();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int commits;

    @Override
    public ColonyRows load() {
        return new ColonyRows(directory.rows(), registry.rows());
    }

    @Override
    public void commit(DirectoryChanges directoryChanges, RegistryChanges registryChanges) {
        if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new ColonyStoreFailure("commit failed on purpose", null);
        }
        directory.apply(directoryChanges);
        registry.apply(registryChanges);
        commits++;
    }

    /** Makes the next {@code count} commits fail, as a lost disk or database would. */
    public void failNextCommits(int count) {
        failures.set(count);
    }

    /** Commits that succeeded. */
    public int commits() {
        return commits;
    }

    @Override
    public void close() {
        // Nothing to release: the rows live as long as the test holds the store.
    }
}
