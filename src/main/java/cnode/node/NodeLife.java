package cnode.node;

import static cnode.node.NodeState.VUI_BOX_READY;
import static cnode.node.NodeState.VUI_CONNECTED;
import static cnode.node.NodeState.VUI_CONNECTING;
import static cnode.node.NodeState.VUI_LOGGEDIN;
import static cnode.node.NodeState.VUI_LOGGING_IN_OR_REGISTERING;
import static cnode.node.NodeState.VUI_READ_AVAILABLE;
import static cnode.node.NodeState.VUI_READY;
import static cnode.node.NodeState.VUI_READY_BUT_VAULTOFFLINE;
import static cnode.node.NodeState.VUI_WRITE_AVAILABLE;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The node state machine behind {@code hello}: the current {@link NodeState}, the logged-in
 * user, and the one table of legal moves. A node starts in VUI_CONNECTING and stays there until
 * it reaches a colony; a lost colony link or a logout goes back. Moves are serialised by this
 * object's monitor; readers see the last committed triple of state, name and user. The name
 * is set from VUI_LOGGING_IN_OR_REGISTERING on (the user being logged in); the {@link NodeUser}
 * from VUI_LOGGEDIN on, and it is kept when a lost colony link sends the node back to
 * VUI_CONNECTING, so that the node comes back as the same user.
 */
public final class NodeLife {
    private static final Map<NodeState, Set<NodeState>> NEXT = table();

    /**
     * The state, the user's name (empty when nobody is logged in or logging in), and the user
     * once logged in (null before).
     */
    public record Snapshot(NodeState state, String username, NodeUser user) {
        public Snapshot(NodeState state, String username) {
            this(state, username, null);
        }

        /** The user, when one is logged in and the node is ready to act for them. */
        public boolean ready() {
            return user != null && (state == VUI_READY || state == VUI_READY_BUT_VAULTOFFLINE);
        }
    }

    private volatile Snapshot current = new Snapshot(VUI_CONNECTING, "");

    public Snapshot snapshot() {
        return current;
    }

    /** The states reachable from {@code from} in one move. */
    public static Set<NodeState> next(NodeState from) {
        return NEXT.get(from);
    }

    /**
     * Moves to {@code to} as {@code username} with no logged-in user, or refuses (returns
     * false) when the table has no such move.
     */
    public synchronized boolean move(NodeState to, String username) {
        return move(to, username, null);
    }

    /** Moves to {@code to} keeping the name and the user. */
    public synchronized boolean move(NodeState to) {
        return move(to, current.username(), current.user());
    }

    /** Moves to {@code to} with {@code user} logged in (or null for nobody). */
    public synchronized boolean move(NodeState to, String username, NodeUser user) {
        if (!NEXT.get(current.state()).contains(to)) {
            return false;
        }
        if (user != null && !user.username().equals(username)) {
            throw new IllegalArgumentException("the user is " + user.username() + ", not "
                + username);
        }
        current = new Snapshot(to, username == null ? "" : username, user);
        return true;
    }

    private static Map<NodeState, Set<NodeState>> table() {
        Map<NodeState, Set<NodeState>> next = new EnumMap<>(NodeState.class);
        next.put(VUI_CONNECTING, EnumSet.of(VUI_CONNECTED));
        next.put(VUI_CONNECTED, EnumSet.of(VUI_CONNECTING, VUI_LOGGING_IN_OR_REGISTERING));
        next.put(VUI_LOGGING_IN_OR_REGISTERING,
            EnumSet.of(VUI_CONNECTING, VUI_CONNECTED, VUI_LOGGEDIN));
        next.put(VUI_LOGGEDIN, EnumSet.of(VUI_CONNECTING, VUI_CONNECTED, VUI_READ_AVAILABLE));
        next.put(VUI_READ_AVAILABLE,
            EnumSet.of(VUI_CONNECTING, VUI_CONNECTED, VUI_WRITE_AVAILABLE));
        next.put(VUI_WRITE_AVAILABLE, EnumSet.of(VUI_CONNECTING, VUI_CONNECTED, VUI_BOX_READY));
        next.put(VUI_BOX_READY, EnumSet.of(VUI_CONNECTING, VUI_CONNECTED,
            VUI_READY_BUT_VAULTOFFLINE, VUI_READY));
        next.put(VUI_READY_BUT_VAULTOFFLINE,
            EnumSet.of(VUI_CONNECTING, VUI_CONNECTED, VUI_READY));
        next.put(VUI_READY, EnumSet.of(VUI_CONNECTING, VUI_CONNECTED,
            VUI_READY_BUT_VAULTOFFLINE, VUI_WRITE_AVAILABLE));
        next.replaceAll((state, targets) -> Collections.unmodifiableSet(targets));
        return Collections.unmodifiableMap(next);
    }
}
