package cnode.colony.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an endpoint learns of one request besides its body: the values of the route's
 * {@code {name}} path segments, the query parameters it declared and, on a public route, the
 * {@code Authorization} headers (a session-authenticated endpoint reads its
 * {@code Session <token>} there; an admin route's bearer token is checked by the edge and
 * never handed on). The maps are already decoded and validated (no unknown or repeated query
 * parameter gets this far). Immutable.
 *
 * @param method the HTTP method
 * @param path the request path
 * @param pathParams one value per {@code {name}} segment of the route
 * @param query the query parameters present, each at most once
 * @param authorization every {@code Authorization} header value sent, in order (usually none
 *     or one); empty on admin routes
 */
public record Call(String method, String path, Map<String, String> pathParams,
                   Map<String, String> query, List<String> authorization) {
    public Call {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        authorization = List.copyOf(authorization);
    }

    /** A call without {@code Authorization} headers. */
    public Call(String method, String path, Map<String, String> pathParams,
                Map<String, String> query) {
        this(method, path, pathParams, query, List.of());
    }

    /** The value of the route's {@code {name}} segment; asking for another name is a bug. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter {" + name + "}");
        }
        return value;
    }

    /** The query parameter {@code name}, when the caller sent it. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }
}
