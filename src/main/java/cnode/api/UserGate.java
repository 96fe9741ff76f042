package cnode.api;

import cnode.node.NodeLife;
import cnode.node.NodeState;
import cnode.node.NodeUser;

/**
 * The guard every operation that needs a user runs first (contract §3): no user logged in is
 * {@code ERR_VUI_NOT_LOGGEDIN}; a user logged in whose data the node cannot read yet (still
 * logging in, or the colony link lost) is {@code ERR_VUI_CANT_READ}. Reads the node's life
 * once per call, so a reply is judged on one consistent snapshot. Stateless beyond the life
 * it reads; thread-safe.
 */
public final class UserGate {
    private final NodeLife life;

    public UserGate(NodeLife life) {
        this.life = life;
    }

    /** One call's view: the snapshot, and the refusal (null when the user may be served). */
    public record Pass(NodeLife.Snapshot snapshot, RequestStatus refusal) {
        /** The user served; only when {@link #refusal()} is null. */
        public NodeUser user() {
            return snapshot.user();
        }
    }

    /** Judges one call that needs the user's data readable. */
    public Pass readable() {
        NodeLife.Snapshot now = life.snapshot();
        if (now.user() == null) {
            return new Pass(now, RequestStatus.ERR_VUI_NOT_LOGGEDIN);
        }
        if (!canRead(now.state())) {
            return new Pass(now, RequestStatus.ERR_VUI_CANT_READ);
        }
        return new Pass(now, null);
    }

    /** Judges one call that needs only a user logged in (password checks, settings). */
    public Pass loggedIn() {
        NodeLife.Snapshot now = life.snapshot();
        return new Pass(now, now.user() == null ? RequestStatus.ERR_VUI_NOT_LOGGEDIN : null);
    }

    private static boolean canRead(NodeState state) {
        return switch (state) {
            case VUI_READ_AVAILABLE, VUI_WRITE_AVAILABLE, VUI_BOX_READY,
                VUI_READY_BUT_VAULTOFFLINE, VUI_READY -> true;
            default -> false;
        };
    }
}
