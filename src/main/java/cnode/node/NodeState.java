package cnode.node;

/**
 * The node's life, as {@code hello} reports it: the nine {@code VUI_*} states of the
 * documentation, in their order. Legal moves between them are in {@link NodeLife}.
 */
public enum NodeState {
    VUI_CONNECTING,
    VUI_CONNECTED,
    VUI_LOGGING_IN_OR_REGISTERING,
    VUI_LOGGEDIN,
    VUI_READ_AVAILABLE,
    VUI_WRITE_AVAILABLE,
    VUI_BOX_READY,
    VUI_READY_BUT_VAULTOFFLINE,
    VUI_READY
}
