package cnode.colony.store;

import cnode.colony.DirectoryChanges;
import cnode.colony.RegistryChanges;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A memory store for the writer's tests that can hold a commit open: while its gate is shut, a
 * commit waits inside the store until the test opens it, so the test can see that no answer
 * completes before its commit, and can queue commands behind a running commit. It keeps each
 * committed registry change set, so a test can see what the writer committed on its own (an
 * idle sweep). Commits fail on demand, as {@link MemoryColonyStore}'s do, and so do loads. The
 * test thread
 * shuts and opens the gate; the writer's thread commits and loads.
 */
final class GatedColonyStore implements ColonyStore {
    private final MemoryColonyStore memory = new MemoryColonyStore();
    private final List<RegistryChanges> committed = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate;
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile boolean loadsFail;

    @Override
    public ColonyRows load() {
        if (loadsFail) {
            throw new ColonyStoreFailure("load failed on purpose", null);
        }
        return memory.load();
    }

    /** Makes every load fail from now on, as a store that is gone would. */
    void failLoads() {
        loadsFail = true;
    }

    @Override
    public void commit(DirectoryChanges directory, RegistryChanges registry) {
        CountDownLatch shut = gate;
        if (shut != null) {
            entered.countDown();
            try {
                if (!shut.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ColonyStoreFailure("interrupted in a gated commit", e);
            }
        }
        memory.commit(directory, registry);
        committed.add(registry);
    }

    /** Makes the next commits wait inside the store until {@link #open}. */
    void shut() {
        entered = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    /** Waits until a commit is waiting at the shut gate. */
    void awaitCommitWaiting() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no commit reached the gate");
        }
    }

    /** Lets the waiting commit, and every later one, through. */
    void open() {
        CountDownLatch shut = gate;
        gate = null;
        if (shut != null) {
            shut.countDown();
        }
    }

    void failNextCommits(int count) {
        memory.failNextCommits(count);
    }

    /** Commits that succeeded. */
    int commits() {
        return memory.commits();
    }

    /** The registry's change sets, one per successful commit, in order. */
    List<RegistryChanges> committed() {
        return committed;
    }

    @Override
    public void close() {
        open();
    }
}
