package cnode.colony.server;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The colony's routes, looked up by method and path. Where several patterns match a path, the
 * most literal one wins: segments are compared left to right and a literal beats a parameter
 * at the first difference ({@code /v1/users/me} before {@code /v1/users/{user}}). Two routes
 * with the same method and the same pattern shape are refused at construction. Immutable;
 * any thread.
 */
public final class RouteTable {
    /** What a lookup found. */
    sealed interface Match {}

    /** A route for this method and path, with its path parameters. */
    record Found(Route route, Map<String, String> pathParams) implements Match {}

    /** Routes for this path exist, but not for this method. */
    record WrongMethod(Set<String> allowed) implements Match {}

    /** No route has this path. */
    record Missing() implements Match {}

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        Set<String> shapes = new HashSet<>();
        for (Route route : routes) {
            String shape = route.method() + " " + route.pattern().replaceAll("\\{[^}]*}", "{}");
            if (!shapes.add(shape)) {
                throw new IllegalArgumentException("two routes for " + route.method() + " "
                    + route.pattern());
            }
        }
        this.routes = List.copyOf(routes);
    }

    /** Every route, in registration order. */
    public List<Route> routes() {
        return routes;
    }

    Match match(String method, String path) {
        List<String> segments = path == null || !path.startsWith("/") ? null
            : Route.segmentsOf(path);
        if (segments == null) {
            return new Missing();
        }
        Route best = null;
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (!matches(route.segments(), segments)) {
                continue;
            }
            allowed.add(route.method());
            if (route.method().equals(method)
                && (best == null || moreLiteral(route.segments(), best.segments()))) {
                best = route;
            }
        }
        if (best != null) {
            return new Found(best, parameters(best.segments(), segments));
        }
        return allowed.isEmpty() ? new Missing() : new WrongMethod(allowed);
    }

    private static boolean matches(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            String want = pattern.get(i);
            String have = path.get(i);
            boolean ok = Route.isParameter(want) ? !have.isEmpty() : want.equals(have);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean moreLiteral(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            boolean literalA = !Route.isParameter(a.get(i));
            boolean literalB = !Route.isParameter(b.get(i));
            if (literalA != literalB) {
                return literalA;
            }
        }
        return false;
    }

    private static Map<String, String> parameters(List<String> pattern, List<String> path) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String segment = pattern.get(i);
            if (Route.isParameter(segment)) {
                values.put(segment.substring(1, segment.length() - 1), path.get(i));
            }
        }
        return values;
    }
}
