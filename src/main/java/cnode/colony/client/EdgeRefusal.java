package cnode.colony.client;

/**
 * The refusals the colony's HTTP edge answers itself, before or around any endpoint, with
 * their HTTP status. Endpoints add their own names (documented per endpoint in
 * docs/COLONY-API.md); these are the ones every endpoint shares. Immutable.
 */
public enum EdgeRefusal {
    /** The body is not one JSON object of the endpoint's shape (strict parsing). */
    MALFORMED_JSON(400),
    /** A body was sent to an endpoint that takes none. */
    UNEXPECTED_BODY(400),
    /** An unknown, repeated or malformed query parameter. */
    BAD_QUERY(400),
    /** Jetty refused the request before routing: not valid HTTP. */
    BAD_REQUEST(400),
    /** An admin endpoint was called without {@code Authorization: Bearer <token>}. */
    ADMIN_TOKEN_REQUIRED(401),
    /** An admin endpoint was called with a token that is not the colony's. */
    ADMIN_TOKEN_INVALID(403),
    /** No endpoint has this path. */
    NOT_FOUND(404),
    /** An endpoint has this path but not this method; the {@code Allow} header lists them. */
    METHOD_NOT_ALLOWED(405),
    /** The body is larger than the colony's limit. */
    BODY_TOO_LARGE(413),
    /** The request target is longer than the colony accepts. */
    URI_TOO_LONG(414),
    /** A body that is not {@code application/json} (UTF-8). */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The request headers are larger than the colony's limit. */
    HEADERS_TOO_LARGE(431),
    /** The endpoint failed inside the colony; the detail is in the colony's log. */
    INTERNAL_ERROR(500),
    /** The endpoint did not answer in time; whether it acted is unknown, so retry by id. */
    ANSWER_TIMEOUT(503);

    private final int status;

    EdgeRefusal(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** This refusal with {@code message}. */
    public Refusal refusal(String message) {
        return new Refusal(status, name(), message);
    }
}
