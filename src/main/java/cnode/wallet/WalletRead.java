package cnode.wallet;

/**
 * What one read of the {@link Wallet} gave: a picture of the user's money and how fresh it is,
 * or why there is none. Immutable.
 *
 * @param state how the read went
 * @param view  the picture; null exactly when {@code state} is NOT_ATTACHED or UNREACHABLE
 */
public record WalletRead(State state, WalletView view) {
    /** How a read went. */
    public enum State {
        /** Read from the colony within the wallet's max age. */
        FRESH,
        /** The colony could not be read when a refresh was due: the last picture it gave. */
        STALE,
        /** No user is attached (nobody logged in, or logged out). */
        NOT_ATTACHED,
        /** A user is attached but the colony has never been read for them. */
        UNREACHABLE
    }

    public WalletRead {
        boolean hasView = state == State.FRESH || state == State.STALE;
        if (state == null || hasView != (view != null)) {
            throw new IllegalArgumentException("a " + state + " read with view " + view);
        }
    }

    static WalletRead without(State state) {
        return new WalletRead(state, null);
    }
}
