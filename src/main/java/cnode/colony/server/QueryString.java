package cnode.colony.server;

import cnode.colony.client.EdgeRefusal;
import cnode.colony.client.Outcome;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a request's query string strictly: each parameter the endpoint declared at most once,
 * percent-decoded as UTF-8; an undeclared, repeated or malformed parameter is
 * {@code 400 BAD_QUERY}. Stateless.
 */
final class QueryString {
    /** Most parameters in one query. */
    static final int PARAMETERS_MAX = 16;

    private QueryString() {}

    static Outcome<Map<String, String>> parse(String raw, Set<String> names) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return Outcome.ok(values);
        }
        String[] pairs = raw.split("&", -1);
        if (pairs.length > PARAMETERS_MAX) {
            return bad("The query has more than " + PARAMETERS_MAX + " parameters.");
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                    StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return bad("The query has a malformed %-escape.");
            }
            if (!names.contains(name)) {
                return bad("Unknown query parameter '" + shown(name) + "'; this endpoint takes "
                    + (names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names))) + ".");
            }
            if (values.put(name, value) != null) {
                return bad("The query parameter '" + name + "' is given twice.");
            }
        }
        return Outcome.ok(values);
    }

    private static Outcome<Map<String, String>> bad(String message) {
        return Outcome.refused(EdgeRefusal.BAD_QUERY.refusal(message));
    }

    private static String shown(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }
}
