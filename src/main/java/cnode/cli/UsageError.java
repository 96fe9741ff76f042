package cnode.cli;

/**
 * A bad command line: an unknown flag, a missing or malformed value. {@code Main} prints its
 * message as one line and exits with code 2; nothing is started and nothing is guessed.
 */
public final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
