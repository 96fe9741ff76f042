package cnode.node;

/** The run mode chosen with {@code --mode}; {@code hello} reports it in lower case. */
public enum NodeMode {
    NORMAL,
    MASTER,
    SLAVE;

    /** The mode named on the command line, or null. */
    public static NodeMode parse(String text) {
        for (NodeMode mode : values()) {
            if (mode.wire().equals(text)) {
                return mode;
            }
        }
        return null;
    }

    /** How the command line and {@code hello} write it. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
