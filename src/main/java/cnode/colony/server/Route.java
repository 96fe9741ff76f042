package cnode.colony.server;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of the route table: {@code METHOD pattern → endpoint}, with who may call it. A
 * pattern is an absolute path of segments, each literal ({@code v1}, {@code currencies}) or a
 * parameter ({@code {user}}), which matches any one non-empty segment and reaches the endpoint
 * through {@link Call#pathParam}. {@code GET} and {@code DELETE} endpoints take no body.
 * Immutable; validated on construction.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
 * @param pattern e.g. {@code /v1/admin/mint} or {@code /v1/users/{user}}
 * @param access who may call it
 * @param endpoint the handler
 */
public record Route(String method, String pattern, Access access, Endpoint<?, ?> endpoint) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern PARAMETER = Pattern.compile("\\{[a-z][A-Za-z0-9]*}");

    public Route {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("not a route method: " + method);
        }
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(endpoint, "endpoint");
        checkPattern(pattern);
        boolean bodiless = method.equals("GET") || method.equals("DELETE");
        if (bodiless && endpoint.requestType() != NoBody.class) {
            throw new IllegalArgumentException(method + " " + pattern + " cannot take a body");
        }
    }

    public static Route get(String pattern, Access access, Endpoint<NoBody, ?> endpoint) {
        return new Route("GET", pattern, access, endpoint);
    }

    public static Route post(String pattern, Access access, Endpoint<?, ?> endpoint) {
        return new Route("POST", pattern, access, endpoint);
    }

    /** The pattern's segments ({@code /} itself has none). */
    List<String> segments() {
        return segmentsOf(pattern);
    }

    static boolean isParameter(String segment) {
        return segment.startsWith("{");
    }

    static List<String> segmentsOf(String path) {
        return path.equals("/") ? List.of() : List.of(path.substring(1).split("/", -1));
    }

    private static void checkPattern(String pattern) {
        if (pattern == null || !pattern.startsWith("/") || pattern.length() > 200) {
            throw new IllegalArgumentException("a route pattern is an absolute path: " + pattern);
        }
        Set<String> names = new HashSet<>();
        for (String segment : segmentsOf(pattern)) {
            boolean parameter = PARAMETER.matcher(segment).matches();
            if (!LITERAL.matcher(segment).matches() && !parameter) {
                throw new IllegalArgumentException("bad segment '" + segment + "' in " + pattern);
            }
            if (parameter && !names.add(segment)) {
                throw new IllegalArgumentException(segment + " twice in " + pattern);
            }
        }
    }
}
