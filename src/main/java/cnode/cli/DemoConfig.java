package cnode.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's flags: {@code cnode demo [--fresh] [--data DIR] [--port-offset K]}. Ports are
 * the contract's sandbox ports plus K, so a test can run a demo beside another one.
 */
public record DemoConfig(boolean fresh, Path data, int portOffset) {
    /** The shop node's SOAP port before the offset. */
    public static final int SHOP_SOAP_PORT = 9091;

    public static DemoConfig parse(List<String> args) throws UsageError {
        Flags flags = Flags.parse("cnode demo", args, Set.of("--data", "--port-offset"),
            Set.of("--fresh"));
        int offset = flags.port("--port-offset", 0);
        if (SHOP_SOAP_PORT + offset > 65_535) {
            throw new UsageError("cnode demo: --port-offset " + offset + " puts ports past 65535");
        }
        return new DemoConfig(flags.has("--fresh"), Path.of(flags.text("--data", "./cnode-demo")),
            offset);
    }
}
