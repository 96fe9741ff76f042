package cnode.bench;

import cnode.bench.BenchNetwork.Member;
import cnode.cli.BenchConfig;
import cnode.cli.UsageError;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyAdmin.Balance;
import cnode.colony.client.ColonyAdmin.CheckReply;
import cnode.colony.client.ColonyAdmin.UserEntry;
import cnode.colony.client.ColonyAdmin.UsersReply;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cnode bench payments} (docs/OPERATIONS.md, figures in docs/PERFORMANCE.md): starts a
 * whole network in this process ({@link BenchNetwork}), drives the merchant nodes' SOAP ports
 * with the {@link PaymentGenerator}, measures a window after the warm-up ({@link
 * MeasuredWindow}, {@link CpuSampler}, {@link JavaProfile}), checks the colony's conservation
 * and the merchants' money, stops everything, deletes its data folder and prints a
 * {@link BenchReport}. Bounded in count or time; stops by itself; loopback only. A failed
 * check is reported and then thrown, so the command exits with 1.
 */
public final class PaymentBench {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentBench.class);
    private static final int USER_PAGES_MAX = 100;

    private PaymentBench() {}

    /** The command: parses {@code args} ({@code payments [FLAGS]}), runs, prints the report. */
    public static void run(List<String> args, PrintStream out) throws Exception {
        BenchReport report = measure(BenchConfig.parse(args));
        out.print(report.text());
        out.flush();
        if (!report.check().passed() || !report.moneyAgrees()) {
            throw new IOException("the bench's money checks failed; see the report above");
        }
    }

    /** One run of the bench; its data folder is gone when this returns. */
    static BenchReport measure(BenchConfig config) throws Exception {
        boolean temporary = config.data() == null;
        Path data = temporary ? Files.createTempDirectory("cnode-bench-")
            : prepare(config.data());
        String runId = runId();
        try {
            long setupNs = System.nanoTime();
            try (BenchNetwork network = BenchNetwork.start(config, data, runId)) {
                long setupMs = (System.nanoTime() - setupNs) / 1_000_000;
                LOG.info("bench network up in {} ms; {} payments to start", setupMs,
                    config.payments() > 0 ? config.payments() : "timed");
                return load(config, network, runId, setupMs);
            }
        } finally {
            deleteTree(data, temporary);
        }
    }

    private static BenchReport load(BenchConfig config, BenchNetwork network, String runId,
                                    long setupMs) throws Exception {
        // Each generator thread makes its own keep-alive connections (MerchantSoap); they
        // and the threads, parked after the load so the window's CPU snapshot sees them, end
        // when the generator closes.
        try (PaymentGenerator generator = new PaymentGenerator(config, network.merchants(),
                 network.payers(), runId);
             JavaProfile profile = new JavaProfile()) {
            MeasuredWindow window = new MeasuredWindow(config.warmUpMs(), generator::stopped,
                profile);
            PaymentGenerator.Run run = generator.run();
            window.join();
            JavaProfile.Split samples = profile.finish();
            CpuSampler.Usage cpu = CpuSampler.between(window.from(), window.to());
            try (ColonyClient client = new ColonyClient(network.colony().url(),
                ClientLimits.defaults())) {
                ColonyAdmin admin = new ColonyAdmin(client);
                return new BenchReport(config, run, window.from().atNs(), window.to().atNs(),
                    cpu, samples, check(admin), received(admin, network.merchants()), setupMs);
            }
        }
    }

    private static CheckReply check(ColonyAdmin admin) throws IOException, InterruptedException {
        return switch (admin.check()) {
            case Outcome.Ok<CheckReply> ok -> ok.reply();
            case Outcome.Refused<CheckReply> refused -> throw new IOException(
                "the conservation check was refused: " + refused.refusal().line());
        };
    }

    /** PLN the merchants hold at the colony, wallet and vault together. */
    private static long received(ColonyAdmin admin, List<Member> merchants)
        throws IOException, InterruptedException {
        Set<String> names = merchants.stream().map(Member::username).collect(Collectors.toSet());
        long sum = 0;
        String after = "";
        for (int page = 0; page < USER_PAGES_MAX && after != null; page++) {
            UsersReply reply = switch (admin.users(after, ColonyAdmin.USERS_PAGE_MAX)) {
                case Outcome.Ok<UsersReply> ok -> ok.reply();
                case Outcome.Refused<UsersReply> refused -> throw new IOException(
                    "the colony refused the user list: " + refused.refusal().line());
            };
            for (UserEntry user : reply.users()) {
                for (Balance balance : user.balances()) {
                    if (names.contains(user.username()) && balance.currency().equals("PLN")) {
                        sum = Math.addExact(sum, Math.addExact(balance.wallet(),
                            balance.vault()));
                    }
                }
            }
            after = reply.next();
        }
        return sum;
    }

    /** A folder given with --data: used when absent or empty, else refused. */
    private static Path prepare(Path data) throws IOException, UsageError {
        if (Files.exists(data)) {
            try (Stream<Path> entries = Files.list(data)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageError("cnode bench payments: --data " + data + " is not "
                        + "empty; the bench deletes its data folder afterwards, so give a new "
                        + "or empty one");
                }
            }
        }
        return Files.createDirectories(data);
    }

    /** Deletes what the run wrote under {@code data}, and {@code data} itself if it made it. */
    private static void deleteTree(Path data, boolean withRoot) throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (withRoot || !path.equals(data)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Eight characters of {@code [a-z0-9]}: fits usernames' ids and schema names. */
    private static String runId() {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            id.append(letters.charAt(random.nextInt(letters.length())));
        }
        return id.toString();
    }
}
