package cnode.colony.client;

import cnode.cli.AdminConfig;
import cnode.cli.UsageError;
import cnode.colony.client.ColonyAdmin.Balance;
import cnode.colony.client.ColonyAdmin.CheckReply;
import cnode.colony.client.ColonyAdmin.LimitsReply;
import cnode.colony.client.ColonyAdmin.LimitsRequest;
import cnode.colony.client.ColonyAdmin.MintReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ColonyAdmin.Total;
import cnode.colony.client.ColonyAdmin.UserEntry;
import cnode.colony.client.ColonyAdmin.UsersReply;
import cnode.stdx.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code cnode colony admin}: runs one admin command against a running colony and says in one
 * line what happened (contract §2). Exit codes: 0 done or check passed; 1 refused by the
 * colony, check failed, colony unreachable, or token file missing or unreadable (the line says
 * which); 2 usage error, found before any network call. Output goes to the given streams, so
 * the command runs in-process in tests. Never prints the token. Stateless.
 */
public final class AdminCommandLine {
    static final String USAGE = """
        usage: cnode colony admin [--colony URL] [--token-file FILE] COMMAND
          mint USER BILLONS CURRENCY [--curve NAME]     issue coins to a user
          lock USER | unlock USER
          limits USER [--per-transfer B] [--daily-out B] [--daily-in B] [--balance-cap B]
          check                                         conservation check
          users                                         users, balances, lock state
        mint may name its transfer id (--transfer-id ID) to repeat a mint safely.
        Defaults: --colony http://127.0.0.1:8900, --token-file ./cnode-colony/admin.token.
        Limits are billons; 'none' removes one. Details: docs/COLONY-API.md""";
    private static final String PREFIX = "cnode colony admin";
    /** Largest token file read; a token is 43 characters. */
    private static final int TOKEN_FILE_BYTES_MAX = 1_024;
    /** Most pages of users followed, so a colony that never ends a listing cannot loop us. */
    private static final int USER_PAGES_MAX = 100_000;
    /** Tries of one mint when no answer or a passing 503 comes back, under one transfer id. */
    private static final int MINT_TRIES_MAX = 3;
    private static final long MINT_RETRY_PAUSE_MS = 1_000;
    /** Most findings of a failed check printed. */
    private static final int FINDINGS_SHOWN_MAX = 20;

    private AdminCommandLine() {}

    /** Runs the command with default client limits; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, ClientLimits.defaults());
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err,
                          ClientLimits limits) {
        if (args.contains("--help") || args.contains("-h")
            || (!args.isEmpty() && args.get(0).equals("help"))) {
            out.println(USAGE);
            return 0;
        }
        AdminConfig config;
        try {
            config = AdminConfig.parse(args);
        } catch (UsageError usage) {
            err.println(usage.getMessage());
            return 2;
        }
        String prefix = PREFIX + " " + commandName(config.command());
        BearerToken token = null;
        if (config.command().needsToken()) {
            try {
                token = readToken(config.tokenFile());
            } catch (IOException unreadable) {
                err.println(prefix + ": " + unreadable.getMessage());
                return 1;
            }
        }
        try (ColonyClient client = new ColonyClient(config.colony(), limits)) {
            Report report = new Report(prefix, out, err);
            return execute(new ColonyAdmin(client), config.command(), token, report);
        } catch (IOException unreachable) {
            err.println(prefix + ": no answer from the colony at " + config.colony() + ": "
                + reason(unreachable));
            return 1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println(prefix + ": interrupted while waiting for the colony");
            return 1;
        }
    }

    private static int execute(ColonyAdmin admin, AdminConfig.AdminCommand command,
                               BearerToken token, Report report)
        throws IOException, InterruptedException {
        return switch (command) {
            case AdminConfig.Mint mint -> report.outcome(mint(admin, token, mint),
                reply -> "minted " + reply.billons() + " billons " + reply.currency() + " to "
                    + reply.user() + " in " + reply.coinCount() + " coins (transfer "
                    + reply.transferId() + ")");
            case AdminConfig.Lock lock -> report.outcome(admin.lock(token, lock.user()),
                reply -> reply.user() + " is " + (reply.locked() ? "locked" : "unlocked"));
            case AdminConfig.Unlock unlock -> report.outcome(admin.unlock(token, unlock.user()),
                reply -> reply.user() + " is " + (reply.locked() ? "locked" : "unlocked"));
            case AdminConfig.SetLimits set -> report.outcome(admin.limits(token,
                    new LimitsRequest(set.user(), boxed(set.perTransfer()),
                        boxed(set.dailyOut()), boxed(set.dailyIn()), boxed(set.balanceCap()))),
                AdminCommandLine::limitsLine);
            case AdminConfig.Check check -> check(admin.check(), report);
            case AdminConfig.Users users -> users(admin, report);
        };
    }

    /**
     * Sends the mint under one transfer id (the one given, or one drawn here), so that trying
     * again after no answer, or after a 503 that says nothing was done or that the answer is
     * unknown ({@code BUSY}, {@code STORE_FAILED}, {@code ANSWER_TIMEOUT}), can never mint
     * twice: the colony answers a repeated request with its first answer. At most
     * {@link #MINT_TRIES_MAX} tries; when none is answered, the message names the transfer id
     * to repeat the mint with.
     */
    private static Outcome<MintReply> mint(ColonyAdmin admin, BearerToken token,
                                           AdminConfig.Mint mint)
        throws IOException, InterruptedException {
        String transferId = mint.transferId() != null ? mint.transferId() : Ids.secure().next();
        MintRequest request = new MintRequest(transferId, mint.user(), mint.billons(),
            mint.currency(), null, mint.curve());
        for (int tries = 1; ; tries++) {
            try {
                Outcome<MintReply> outcome = admin.mint(token, request);
                if (!passing(outcome) || tries == MINT_TRIES_MAX) {
                    return outcome;
                }
            } catch (IOException lost) {
                if (tries == MINT_TRIES_MAX) {
                    throw new IOException(reason(lost) + "; whether it minted is unknown:"
                        + " repeat with --transfer-id " + transferId, lost);
                }
            }
            Thread.sleep(MINT_RETRY_PAUSE_MS);
        }
    }

    /** A 503 after which the same request may be sent again. */
    private static boolean passing(Outcome<?> outcome) {
        return outcome instanceof Outcome.Refused<?>(Refusal refusal) && refusal.status() == 503
            && List.of("BUSY", "STORE_FAILED", "ANSWER_TIMEOUT").contains(refusal.error());
    }

    private static int check(Outcome<CheckReply> outcome, Report report) {
        if (!(outcome instanceof Outcome.Ok<CheckReply>(CheckReply reply))) {
            return report.outcome(outcome, reply -> "");
        }
        if (reply.passed()) {
            report.out().println("conservation check passed: " + totals(reply.totals()));
            return 0;
        }
        List<String> findings = reply.findings();
        report.err().println(report.prefix() + ": conservation check FAILED: "
            + (findings.isEmpty() ? "the colony gave no finding" : findings.get(0)));
        findings.stream().skip(1).limit(FINDINGS_SHOWN_MAX - 1)
            .forEach(finding -> report.err().println("  " + finding));
        if (findings.size() > FINDINGS_SHOWN_MAX) {
            report.err().println("  ... and " + (findings.size() - FINDINGS_SHOWN_MAX) + " more");
        }
        return 1;
    }

    private static int users(ColonyAdmin admin, Report report)
        throws IOException, InterruptedException {
        String after = "";
        List<String> lines = new ArrayList<>();
        for (int page = 0; page < USER_PAGES_MAX; page++) {
            Outcome<UsersReply> outcome = admin.users(after, ColonyAdmin.USERS_PAGE_MAX);
            if (!(outcome instanceof Outcome.Ok<UsersReply>(UsersReply reply))) {
                return report.outcome(outcome, reply -> "");
            }
            reply.users().forEach(user -> lines.add(userLine(user)));
            if (reply.next() == null || reply.users().isEmpty()) {
                lines.forEach(report.out()::println);
                report.out().println(lines.size() + " user(s)");
                return 0;
            }
            after = reply.next();
        }
        report.err().println(report.prefix() + ": the colony's user list did not end after "
            + USER_PAGES_MAX + " pages");
        return 1;
    }

    private static String userLine(UserEntry user) {
        String balances = user.balances().isEmpty() ? "no money" : user.balances().stream()
            .map(AdminCommandLine::balance).collect(Collectors.joining(", "));
        return user.username() + (user.merchant() ? " merchant" : " user")
            + (user.locked() ? " LOCKED" : " unlocked") + " " + balances;
    }

    private static String balance(Balance balance) {
        return balance.currency() + " wallet " + balance.wallet() + " vault " + balance.vault();
    }

    private static String totals(List<Total> totals) {
        if (totals.isEmpty()) {
            return "no coins issued";
        }
        return totals.stream().map(t -> t.currency() + " colour " + t.colour() + ": issued "
                + t.issued() + ", redeemed " + t.redeemed() + ", live " + t.live())
            .collect(Collectors.joining("; "));
    }

    private static String limitsLine(LimitsReply reply) {
        return reply.user() + " limits (billons): per transfer " + limit(reply.perTransfer())
            + ", daily out " + limit(reply.dailyOut()) + ", daily in " + limit(reply.dailyIn())
            + ", balance cap " + limit(reply.balanceCap());
    }

    private static String limit(long billons) {
        return billons == Long.MAX_VALUE ? "none" : Long.toString(billons);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /**
     * The token in {@code file}: missing, unreadable, too large or not token-shaped is an
     * {@link IOException} whose message names the file, never its content.
     */
    static BearerToken readToken(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(TOKEN_FILE_BYTES_MAX + 1);
        } catch (NoSuchFileException missing) {
            throw new IOException("the admin token file " + file + " does not exist; give"
                + " --token-file, the colony writes admin.token into its data folder");
        } catch (IOException unreadable) {
            throw new IOException("cannot read the admin token file " + file + ": "
                + reason(unreadable));
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (bytes.length > TOKEN_FILE_BYTES_MAX || !BearerToken.isToken(text)) {
            throw new IOException("the admin token file " + file + " does not hold a token");
        }
        return new BearerToken(text);
    }

    private static String commandName(AdminConfig.AdminCommand command) {
        return switch (command) {
            case AdminConfig.Mint mint -> "mint";
            case AdminConfig.Lock lock -> "lock";
            case AdminConfig.Unlock unlock -> "unlock";
            case AdminConfig.SetLimits limits -> "limits";
            case AdminConfig.Check check -> "check";
            case AdminConfig.Users users -> "users";
        };
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName()
            : message;
    }

    /** Where a command's one line goes: the outcome printed and turned into an exit code. */
    private record Report(String prefix, PrintStream out, PrintStream err) {
        <R> int outcome(Outcome<R> outcome, Function<R, String> line) {
            return switch (outcome) {
                case Outcome.Ok<R>(R reply) -> {
                    out.println(line.apply(reply));
                    yield 0;
                }
                case Outcome.Refused<R>(Refusal refusal) -> {
                    err.println(prefix + ": refused by the colony: " + refusal.line());
                    yield 1;
                }
            };
        }
    }
}
