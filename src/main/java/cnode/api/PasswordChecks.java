package cnode.api;

import cnode.node.NodeUser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The password operations' shared check of a password against the logged-in user: it opens
 * the user's sealed key with it, one PBKDF2 run of some hundred milliseconds. At most
 * {@link #CONCURRENT_MAX} run at once, so a burst of calls cannot take every core; a call that
 * waits longer than {@link #WAIT_MS} for its turn is answered as a technical problem.
 * Thread-safe.
 */
public final class PasswordChecks {
    static final int CONCURRENT_MAX = 2;
    static final long WAIT_MS = 10_000;

    /** How one check ended. */
    enum Verdict { MATCHES, WRONG, BUSY }

    public PasswordChecks() {}

    private final Semaphore turns = new Semaphore(CONCURRENT_MAX, true);

    Verdict check(NodeUser user, String password) {
        try {
            if (!turns.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS)) {
                return Verdict.BUSY;
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return Verdict.BUSY;
        }
        try {
            return user.passwordMatches(password) ? Verdict.MATCHES : Verdict.WRONG;
        } finally {
            turns.release();
        }
    }
}
