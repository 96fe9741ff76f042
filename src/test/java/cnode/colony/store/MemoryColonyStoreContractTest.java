package cnode.colony.store;

/**
 * The store contract on the memory fake, so that tests of the writer and of endpoints stand on
 * a fake that behaves as the real stores do.
 */
final class MemoryColonyStoreContractTest extends ColonyStoreContract {
    private final MemoryColonyStore memory = new MemoryColonyStore();

    @Override
    protected ColonyStore open() {
        return memory;
    }

    @Override
    protected void failNextCommit(ColonyStore failing) {
        ((MemoryColonyStore) failing).failNextCommits(1);
    }
}
