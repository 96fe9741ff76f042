package cnode.cli;

import cnode.cli.AdminConfig.AdminCommand;
import cnode.cli.AdminConfig.Check;
import cnode.cli.AdminConfig.Lock;
import cnode.cli.AdminConfig.Mint;
import cnode.cli.AdminConfig.SetLimits;
import cnode.cli.AdminConfig.Unlock;
import cnode.cli.AdminConfig.Users;
import cnode.colony.client.ColonyClient;
import cnode.money.Currency;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parser behind {@link AdminConfig#parse}: separates the command's words from its flags,
 * reads the flags with {@link Flags} (each command accepts the global two and its own), and
 * checks every word against the contract before anything touches the network. Stateless.
 */
final class AdminArgs {
    /** Contract §5: 4 to 32 characters of {@code [a-z0-9._-]}, starting with a letter. */
    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{3,31}");
    /** A registry transfer id: 1 to 64 of {@code [A-Za-z0-9._:-]}. */
    private static final Pattern TRANSFER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String COMMAND = "cnode colony admin";
    private static final Set<String> GLOBAL = Set.of("--colony", "--token-file");
    private static final Set<String> LIMIT_FLAGS =
        Set.of("--per-transfer", "--daily-out", "--daily-in", "--balance-cap");
    private static final Map<String, Set<String>> COMMAND_FLAGS = Map.of(
        "mint", Set.of("--curve", "--transfer-id"), "lock", Set.of(), "unlock", Set.of(),
        "limits", LIMIT_FLAGS, "check", Set.of(), "users", Set.of());

    private AdminArgs() {}

    /** Parses the arguments that follow {@code cnode colony admin}. */
    static AdminConfig parse(List<String> args) throws UsageError {
        List<String> words = new ArrayList<>();
        List<String> flagArgs = new ArrayList<>();
        split(args, words, flagArgs);
        if (words.isEmpty()) {
            throw new UsageError(COMMAND + ": a command is needed: mint, lock, unlock, limits,"
                + " check or users (see docs/COLONY-API.md)");
        }
        String name = words.get(0);
        Set<String> own = COMMAND_FLAGS.get(name);
        if (own == null) {
            throw new UsageError(COMMAND + ": unknown command '" + name
                + "'; commands: mint, lock, unlock, limits, check, users");
        }
        Set<String> valued = new HashSet<>(GLOBAL);
        valued.addAll(own);
        String prefix = COMMAND + " " + name;
        Flags flags = Flags.parse(prefix, flagArgs, valued, Set.of());
        URI colony = colonyUrl(prefix, flags.text("--colony", AdminConfig.DEFAULT_COLONY));
        Path tokenFile = ColonyConfig.path(prefix, "--token-file",
            flags.text("--token-file", AdminConfig.DEFAULT_TOKEN_FILE));
        List<String> operands = words.subList(1, words.size());
        AdminCommand command = switch (name) {
            case "mint" -> mint(prefix, operands, flags);
            case "lock" -> new Lock(user(prefix, operands, 1));
            case "unlock" -> new Unlock(user(prefix, operands, 1));
            case "limits" -> limits(prefix, operands, flags);
            case "check" -> {
                arity(prefix, operands, 0, "");
                yield new Check();
            }
            default -> {
                arity(prefix, operands, 0, "");
                yield new Users();
            }
        };
        return new AdminConfig(colony, tokenFile, command);
    }

    /**
     * Separates the command's words from its flags. Every flag here takes a value: the next
     * argument, or the text after {@code =}.
     */
    private static void split(List<String> args, List<String> words, List<String> flagArgs) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            flagArgs.add(arg);
            if (!arg.contains("=") && i + 1 < args.size()) {
                flagArgs.add(args.get(++i));
            }
        }
    }

    private static Mint mint(String prefix, List<String> operands, Flags flags)
        throws UsageError {
        arity(prefix, operands, 3, " USER BILLONS CURRENCY");
        String user = user(prefix, operands, 3);
        String amount = operands.get(1);
        long billons = billons(prefix, "BILLONS", amount);
        if (billons <= 0) {
            throw new UsageError(prefix + ": BILLONS must be a positive whole number of billons,"
                + " not '" + amount + "'");
        }
        String currency = operands.get(2);
        if (!Currency.isCode(currency)) {
            throw new UsageError(prefix + ": CURRENCY must be three upper-case letters (PLN),"
                + " not '" + currency + "'");
        }
        String curve = flags.has("--curve") ? flags.text("--curve", "") : null;
        if (curve != null && !AdminConfig.CURVES.contains(curve)) {
            throw new UsageError(prefix + ": --curve must be one of "
                + String.join(", ", AdminConfig.CURVES));
        }
        String transferId = flags.has("--transfer-id") ? flags.text("--transfer-id", "") : null;
        if (transferId != null && !TRANSFER_ID.matcher(transferId).matches()) {
            throw new UsageError(prefix + ": --transfer-id must be 1 to 64 characters of"
                + " A-Z a-z 0-9 . _ : -");
        }
        return new Mint(user, billons, currency, curve, transferId);
    }

    private static SetLimits limits(String prefix, List<String> operands, Flags flags)
        throws UsageError {
        String user = user(prefix, operands, 1);
        return new SetLimits(user, limit(prefix, flags, "--per-transfer"),
            limit(prefix, flags, "--daily-out"), limit(prefix, flags, "--daily-in"),
            limit(prefix, flags, "--balance-cap"));
    }

    private static OptionalLong limit(String prefix, Flags flags, String flag)
        throws UsageError {
        if (!flags.has(flag)) {
            return OptionalLong.empty();
        }
        String text = flags.text(flag, "");
        return OptionalLong.of(text.equals("none") ? Long.MAX_VALUE
            : billons(prefix, flag, text));
    }

    /** The user named first among {@code expected} operands. */
    private static String user(String prefix, List<String> operands, int expected)
        throws UsageError {
        arity(prefix, operands, expected, expected == 3 ? " USER BILLONS CURRENCY" : " USER");
        String user = operands.get(0);
        if (!USERNAME.matcher(user).matches()) {
            throw new UsageError(prefix + ": USER must be 4 to 32 characters of a-z 0-9 . _ -,"
                + " starting with a letter, not '" + user + "'");
        }
        return user;
    }

    private static void arity(String prefix, List<String> operands, int expected, String shape)
        throws UsageError {
        if (operands.size() != expected) {
            throw new UsageError(prefix + ": expected" + (shape.isEmpty() ? " no arguments"
                : shape) + ", got " + operands.size() + " argument(s)");
        }
    }

    /** A whole number of billons, 0 to 2^63 - 1, digits only. */
    private static long billons(String prefix, String what, String text) throws UsageError {
        if (!text.matches("[0-9]{1,19}")) {
            throw new UsageError(prefix + ": " + what + " must be a whole number of billons, not '"
                + text + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException overflow) {
            throw new UsageError(prefix + ": " + what + " is larger than 9223372036854775807");
        }
    }

    private static URI colonyUrl(String prefix, String text) throws UsageError {
        try {
            URI url = new URI(text);
            String problem = ColonyClient.problemWith(url).orElse(null);
            if (problem != null) {
                throw new UsageError(prefix + ": --colony " + text + " " + problem);
            }
            return url;
        } catch (URISyntaxException bad) {
            throw new UsageError(prefix + ": --colony " + text + " is not a URL");
        }
    }
}
