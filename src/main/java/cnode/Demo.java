package cnode;

import cnode.cli.DemoConfig;
import cnode.cli.NodeConfig;
import cnode.cli.UsageError;
import cnode.stdx.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sandbox. Until the colony exists it runs the merchant node {@code shop} alone, which
 * says {@code VUI_CONNECTING} in {@code hello}; later issues add the colony and the wallets
 * here. Its data lives in one folder marked as a demo folder, so {@code --fresh} never deletes
 * anything that is not its own.
 */
final class Demo {
    private static final String MARKER = ".cnode-demo";

    private Demo() {}

    static Node start(DemoConfig config) throws Exception {
        prepare(config);
        int port = DemoConfig.SHOP_SOAP_PORT + config.portOffset();
        Node shop = Node.start(NodeConfig.parse(List.of(
            "--soap-port", Integer.toString(port),
            "--data", config.data().resolve("shop").toString())), Clock.SYSTEM);
        System.out.println(banner(config, port));
        return shop;
    }

    private static void prepare(DemoConfig config) throws IOException, UsageError {
        Path data = config.data();
        boolean exists = Files.exists(data);
        boolean ours = Files.exists(data.resolve(MARKER));
        boolean empty = exists && isEmptyDirectory(data);
        if (exists && !ours && !empty) {
            throw new UsageError("cnode demo: " + data + " exists and is not a demo folder; "
                + "choose another with --data");
        }
        if (config.fresh() && ours) {
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(data);
        Files.writeString(data.resolve(MARKER), "cnode demo data; `cnode demo --fresh` "
            + "deletes this folder\n");
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String banner(DemoConfig config, int port) {
        String url = "http://127.0.0.1:" + port + "/";
        return """

            cnode sandbox is up (data in %s)
              shop node  SOAP %s   WSDL %s?wsdl   health %shealth
              The colony runs on its own for now (./cnode colony); the sandbox starts it, and
              the wallets alice, bruno and carol, once nodes join it (the node-life issue).
              Until then the shop node reports VUI_CONNECTING.

            Try it:
              curl -s -H 'Content-Type: text/xml; charset=utf-8' %s -d '<SOAP-ENV:Envelope \
            xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="ns1">\
            <SOAP-ENV:Body><ns:hello/></SOAP-ENV:Body></SOAP-ENV:Envelope>'

            Stop with Ctrl-C.
            """.formatted(config.data().toAbsolutePath().normalize(), url, url, url, url);
    }
}
