package cnode.colony.store;

/**
 * The writer refused a command without running it: its queue is full, or it has stopped. The
 * edge answers 503 and the client may try again later; nothing was changed.
 */
public final class ColonyBusy extends RuntimeException {
    public ColonyBusy(String message) {
        super(message, null, false, false);
    }
}
