package cnode.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * One {@code cnode colony admin} command line, parsed and validated before anything touches
 * the network (contract §2):
 *
 * <pre>
 * cnode colony admin [--colony URL] [--token-file FILE] COMMAND
 *   mint USER BILLONS CURRENCY [--curve NAME] [--transfer-id ID] | lock USER | unlock USER
 *   limits USER [--per-transfer B] [--daily-out B] [--daily-in B] [--balance-cap B]
 *   check | users
 * </pre>
 *
 * Flags may stand before or after the command's words. A malformed user name, amount,
 * currency, curve or URL is a {@link UsageError} (exit 2), found by {@link AdminArgs}.
 * Immutable.
 *
 * @param colony the colony's base URL
 * @param tokenFile the admin token file (read only by commands that need it)
 * @param command what to do
 */
public record AdminConfig(URI colony, Path tokenFile, AdminCommand command) {
    public static final String DEFAULT_COLONY = "http://127.0.0.1:8900";
    public static final String DEFAULT_TOKEN_FILE = "./cnode-colony/admin.token";
    /** The issuance curves of contract §5, by their wire names. */
    public static final List<String> CURVES = List.of("DEFAULT_ISSUANCE_CURVE",
        "GROSZY_ISSUANCE_CURVE", "ZLOTY_ISSUANCE_CURVE", "TENS_ISSUANCE_CURVE",
        "HUNDREDS_ISSUANCE_CURVE");

    /** What an administrator asks of the colony. */
    public sealed interface AdminCommand {
        /** Whether the command changes the colony and so needs the admin token. */
        default boolean needsToken() {
            return true;
        }
    }

    /**
     * Issue coins worth {@code billons} (positive) to {@code user}: along {@code curve}, or the
     * fewest coins when it is null; under {@code transferId}, or one the command draws when it
     * is null.
     */
    public record Mint(String user, long billons, String currency, String curve,
                       String transferId) implements AdminCommand {}

    /** Lock {@code user}: no money moves from or to the account. */
    public record Lock(String user) implements AdminCommand {}

    /** Unlock {@code user}. */
    public record Unlock(String user) implements AdminCommand {}

    /** Set the limits that are present (billons; {@link Long#MAX_VALUE} is none). */
    public record SetLimits(String user, OptionalLong perTransfer, OptionalLong dailyOut,
                            OptionalLong dailyIn, OptionalLong balanceCap)
        implements AdminCommand {}

    /** Run the conservation check. */
    public record Check() implements AdminCommand {
        @Override
        public boolean needsToken() {
            return false;
        }
    }

    /** List users, balances and lock state. */
    public record Users() implements AdminCommand {
        @Override
        public boolean needsToken() {
            return false;
        }
    }

    /** Parses the arguments that follow {@code cnode colony admin}. */
    public static AdminConfig parse(List<String> args) throws UsageError {
        return AdminArgs.parse(args);
    }
}
