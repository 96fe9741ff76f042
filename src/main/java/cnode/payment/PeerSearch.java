package cnode.payment;

import static cnode.task.TaskStatus.FINISHED_ERR;
import static cnode.task.TaskStatus.FINISHED_ERR_USER_NOT_AUTHENTICATED;
import static cnode.task.TaskStatus.FINISHED_ERR_USER_NOT_FOUND;

import cnode.payment.PaymentFlow.Step;
import cnode.peer.LinkResult;
import cnode.peer.LocateResult;
import cnode.peer.PeerAddress;
import cnode.peer.PeerLink;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * SEARCHING, shared by the tasks that talk to another user's node: the directory (or the
 * caller's hint), then a link whose handshake both sides sign. Unknown user:
 * FINISHED_ERR_USER_NOT_FOUND at once; offline or unreachable: looked for again every
 * {@link #RETRY_MS} until {@code --search-timeout}, then FINISHED_ERR_USER_NOT_FOUND; a
 * handshake that fails: FINISHED_ERR_USER_NOT_AUTHENTICATED. Stateless.
 */
final class PeerSearch {
    static final long RETRY_MS = 200;

    /** The search's end: NEXT with the link, or the task's ending (GONE: it ended). */
    record Found(Step step, PeerLink link) {}

    private PeerSearch() {}

    /**
     * The counterparty's node: looked up in the directory (or at the hint) and linked, again
     * and again until found, unknown, or {@code --search-timeout}; GONE once {@code live}
     * turns false.
     */
    static Found find(Payments payments, String name, Optional<PeerAddress> hint,
                      BooleanSupplier live) {
        long giveUpAtMs = payments.clock.nowMs() + payments.policy.searchTimeoutMs();
        while (live.getAsBoolean()) {
            LocateResult found;
            try {
                found = payments.locator.locate(name, hint);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return new Found(Step.GONE, null);
            }
            if (found instanceof LocateResult.UnknownUser) {
                return new Found(new Step(FINISHED_ERR_USER_NOT_FOUND, "No user " + name
                    + " in the directory."), null);
            }
            if (found instanceof LocateResult.Found here) {
                Found linked = link(payments, name, here);
                if (linked != null) {
                    return linked;
                }
            }
            if (payments.clock.nowMs() >= giveUpAtMs) {
                return new Found(new Step(FINISHED_ERR_USER_NOT_FOUND, name + " was not "
                    + "online within the search timeout."), null);
            }
            payments.locator.forget(name);
            if (!pause(RETRY_MS)) {
                return new Found(Step.GONE, null);
            }
        }
        return new Found(Step.GONE, null);
    }

    /** The link to a found node: NEXT, a failure, or null to look again. */
    private static Found link(Payments payments, String name, LocateResult.Found found) {
        LinkResult result;
        try {
            result = payments.peers.open(name, found.address());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return new Found(Step.GONE, null);
        }
        return switch (result) {
            case LinkResult.Linked linked -> new Found(Step.NEXT, linked.link());
            case LinkResult.Rejected rejected -> new Found(new Step(
                FINISHED_ERR_USER_NOT_AUTHENTICATED, "The node of " + name + " failed the "
                    + "handshake (" + rejected.reason() + ")."), null);
            case LinkResult.Refused refused -> switch (refused.reason()) {
                case BAD_SIGNATURE, UNKNOWN_USER -> new Found(new Step(
                    FINISHED_ERR_USER_NOT_AUTHENTICATED, "The node of " + name + " refused "
                        + "this node's handshake (" + refused.reason() + ")."), null);
                default -> null;
            };
            case LinkResult.Unreachable unreachable -> null;
            case LinkResult.NotLoggedIn none -> new Found(new Step(FINISHED_ERR,
                "Nobody is logged in on this node any more."), null);
        };
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
