package cnode.colony.client;

/**
 * The body of every refusal on the wire: {@code {"error":"NAME","message":"human text"}}. The
 * HTTP status travels in the status line; {@link Refusal} joins the two. Immutable.
 *
 * @param error the refusal's name
 * @param message one sentence a person understands
 */
public record ErrorReply(String error, String message) {
    public static ErrorReply of(Refusal refusal) {
        return new ErrorReply(refusal.error(), refusal.message());
    }
}
