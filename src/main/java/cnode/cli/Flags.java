package cnode.cli;

import cnode.stdx.Durations;
import cnode.store.PostgresLocation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line of {@code --name value}, {@code --name=value} and bare switches.
 * Only the names a command declares are accepted; a repeated flag is an error, as is a value
 * that does not parse. Typed getters return the default when the flag is absent.
 */
final class Flags {
    private final String command;
    private final Map<String, String> values = new HashMap<>();

    private Flags(String command) {
        this.command = command;
    }

    /**
     * Parses {@code args} for {@code command}: {@code valued} flags take a value,
     * {@code switches} take none.
     */
    static Flags parse(String command, List<String> args, Set<String> valued,
                       Set<String> switches) throws UsageError {
        Flags flags = new Flags(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String value;
            if (switches.contains(name) && eq < 0) {
                value = "true";
            } else if (valued.contains(name)) {
                if (eq < 0 && i + 1 >= args.size()) {
                    throw new UsageError(command + ": " + name + " needs a value");
                }
                value = eq > 0 ? arg.substring(eq + 1) : args.get(++i);
            } else {
                throw new UsageError(command + ": unknown argument '" + arg + "'; see "
                    + "docs/OPERATIONS.md for the flags");
            }
            if (flags.values.put(name, value) != null) {
                throw new UsageError(command + ": " + name + " is given twice");
            }
        }
        return flags;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int port(String name, int fallback) throws UsageError {
        long port = number(name, fallback);
        if (port < 0 || port > 65_535) {
            throw new UsageError(command + ": " + name + " must be a port, 0 to 65535");
        }
        return (int) port;
    }

    int positive(String name, int fallback) throws UsageError {
        long value = number(name, fallback);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new UsageError(command + ": " + name + " must be a positive whole number");
        }
        return (int) value;
    }

    /** A whole number, zero allowed. */
    int count(String name, int fallback) throws UsageError {
        long value = number(name, fallback);
        if (value > Integer.MAX_VALUE) {
            throw new UsageError(command + ": " + name + " is too large");
        }
        return (int) value;
    }

    long durationMs(String name, long fallbackMs) throws UsageError {
        if (!has(name)) {
            return fallbackMs;
        }
        try {
            long ms = Durations.parseMs(values.get(name));
            if (ms <= 0) {
                throw new UsageError(command + ": " + name + " must be longer than zero");
            }
            return ms;
        } catch (IllegalArgumentException bad) {
            throw new UsageError(command + ": " + name + ": " + bad.getMessage());
        }
    }

    /**
     * A PostgreSQL store ({@code --db jdbc:postgresql://...}), or null when the flag is absent;
     * any other value is refused without repeating its password.
     */
    PostgresLocation postgres(String name) throws UsageError {
        if (!has(name)) {
            return null;
        }
        try {
            return PostgresLocation.parse(values.get(name));
        } catch (IllegalArgumentException bad) {
            throw new UsageError(command + ": " + name + " " + bad.getMessage());
        }
    }

    private long number(String name, long fallback) throws UsageError {
        if (!has(name)) {
            return fallback;
        }
        String text = values.get(name);
        if (!text.matches("[0-9]{1,10}")) {
            throw new UsageError(command + ": " + name + " must be a whole number, not '"
                + text + "'");
        }
        return Long.parseLong(text);
    }
}
