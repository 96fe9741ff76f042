package cnode.colony.store;

/**
 * A store could not load or commit: broken I/O, a full disk, a lost database connection. The
 * writer fails the batch it was committing and rebuilds its state from the store.
 */
public final class ColonyStoreFailure extends RuntimeException {
    public ColonyStoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
