package cnode.task;

/** The store contract on the in-memory fake, so the fake the engine's tests use is honest. */
final class MemoryTaskStoreTest extends TaskStoreContract {
    @Override
    protected TaskStore open() {
        return new MemoryTaskStore();
    }
}
