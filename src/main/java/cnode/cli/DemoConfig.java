package cnode.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's flags: {@code cnode demo [--fresh] [--data DIR] [--port-offset K]}. Ports are
 * the contract's sandbox ports (colony 8900, P2P 8989 and 8991 to 8993, SOAP 9091 and 9101 to
 * 9103) plus K, so a test can run a demo beside another one; K is validated so that the
 * highest of them stays a port. Immutable.
 *
 * @param fresh whether to delete the demo folder (only a marked one) and start over
 * @param data the demo folder: colony, nodes, the seeding record
 * @param portOffset K, added to every port
 */
public record DemoConfig(boolean fresh, Path data, int portOffset) {
    /** The colony's port before the offset. */
    public static final int COLONY_PORT = 8900;
    /** The shop node's SOAP port before the offset. */
    public static final int SHOP_SOAP_PORT = 9091;
    /** The highest port the sandbox uses before the offset (carol's SOAP port). */
    public static final int HIGHEST_PORT = 9103;
    /** The largest offset: it puts {@link #HIGHEST_PORT} on 65535. */
    public static final int PORT_OFFSET_MAX = 65_535 - HIGHEST_PORT;

    public static DemoConfig parse(List<String> args) throws UsageError {
        Flags flags = Flags.parse("cnode demo", args, Set.of("--data", "--port-offset"),
            Set.of("--fresh"));
        int offset = flags.port("--port-offset", 0);
        if (offset > PORT_OFFSET_MAX) {
            throw new UsageError("cnode demo: --port-offset " + offset + " puts port "
                + HIGHEST_PORT + " past 65535; at most " + PORT_OFFSET_MAX);
        }
        return new DemoConfig(flags.has("--fresh"),
            ColonyConfig.path("cnode demo", "--data", flags.text("--data", "./cnode-demo")),
            offset);
    }

    /** {@code base} (a sandbox port as the contract names it) plus the offset. */
    public int port(int base) {
        return base + portOffset;
    }
}
