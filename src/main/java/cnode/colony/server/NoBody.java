package cnode.colony.server;

/**
 * The request type of an endpoint that takes no body (every {@code GET}). A request that sends
 * one anyway is refused with {@code UNEXPECTED_BODY}. Immutable.
 */
public record NoBody() {
    public static final NoBody INSTANCE = new NoBody();
}
