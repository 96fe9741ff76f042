package cnode;

import cnode.cli.ColonyConfig;
import cnode.cli.DemoConfig;
import cnode.cli.NodeConfig;
import cnode.cli.UsageError;
import cnode.colony.client.AdminCommandLine;
import cnode.colony.server.Colony;
import cnode.stdx.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code cnode node}, {@code cnode demo}, {@code cnode colony} (and
 * {@code cnode colony admin ...}, which exits with its own codes), {@code cnode version}. A usage
 * error prints one line and exits with 2; a failure to start prints one line and exits with 1.
 * ({@code ./cnode test} is the launcher's own: it runs the build's test suite.)
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "node" -> runUntilStopped(Node.start(NodeConfig.parse(rest), Clock.SYSTEM));
                case "demo" -> runUntilStopped(Demo.start(DemoConfig.parse(rest)));
                case "colony" -> colony(rest);
                case "bench" -> cnode.bench.PaymentBench.run(rest, System.out);
                case "version" -> System.out.println("cnode " + Node.Version.current());
                case "help", "--help", "-h" -> usage();
                default -> throw new UsageError("cnode: unknown command '" + args[0]
                    + "'; commands: node, demo, colony, bench, test, version");
            }
        } catch (UsageError usage) {
            System.err.println(usage.getMessage());
            System.exit(2);
        } catch (Exception failure) {
            System.err.println("cnode " + args[0] + " could not start: " + reason(failure));
            System.exit(1);
        }
    }

    /** {@code cnode colony admin ...} runs one command and exits; otherwise the colony runs. */
    private static void colony(List<String> args) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("admin")) {
            System.exit(AdminCommandLine.run(args.subList(1, args.size()), System.out,
                System.err));
        }
        runUntilStopped(Colony.start(ColonyConfig.parse(args)));
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM), then closes cleanly. */
    private static void runUntilStopped(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception failure) {
                System.err.println("cnode: error while stopping: " + reason(failure));
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        stopped.await();
    }

    private static void usage() {
        System.out.println("""
            usage: cnode COMMAND [FLAGS]
              node     run a Corporate Node (SOAP on 127.0.0.1:9091 by default)
              demo     run the sandbox (--fresh, --data DIR, --port-offset K)
              colony   run the colony (HTTP/JSON on 127.0.0.1:8900);
                       'cnode colony admin COMMAND' drives a running one
              test     run the whole test suite (launcher only: ./cnode test)
              bench    'cnode bench payments': the payments load tool (docs/PERFORMANCE.md)
              version  print the version
            Flags and defaults: docs/OPERATIONS.md, docs/COLONY-API.md""");
    }
}
