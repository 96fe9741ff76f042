package cnode.payment;

import java.util.ArrayList;
import java.util.List;

/**
 * The windows a merchant opened with {@code expectPaymentRequest} (contract §5): each lets
 * one incoming transfer from one user of exactly one amount through, until it closes. Matching
 * is on user, amount and currency; a match uses the window up. At most {@link #WINDOWS_MAX}
 * are open; closed ones are dropped as they are met. Thread-safe: serialised by its monitor.
 */
public final class ExpectWindows {
    public static final int WINDOWS_MAX = 10_000;

    /** One open window; {@code confirmation} is the id the sender may quote. */
    public record Window(String confirmation, String username, long amount, String currency,
                         long closesAtMs) {}

    private final List<Window> open = new ArrayList<>();

    /** Opens a window; false when {@link #WINDOWS_MAX} are open already. */
    public synchronized boolean open(Window window, long nowMs) {
        open.removeIf(old -> old.closesAtMs() <= nowMs);
        if (open.size() >= WINDOWS_MAX) {
            return false;
        }
        open.add(window);
        return true;
    }

    /** Uses up the oldest open window matching the transfer; false when none matches. */
    public synchronized boolean take(String username, long amount, String currency,
                                     long nowMs) {
        open.removeIf(old -> old.closesAtMs() <= nowMs);
        for (int i = 0; i < open.size(); i++) {
            Window window = open.get(i);
            if (window.username().equals(username) && window.amount() == amount
                && window.currency().equals(currency)) {
                open.remove(i);
                return true;
            }
        }
        return false;
    }
}
