package cnode.peer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answers the requests another user's node sends over an authenticated link. Called on a
 * virtual thread of its own per request (at most {@link PeerLimits#inFlightMax()} at once per
 * link), so it may block; it must be thread-safe. It answers with {@link PeerReply.Answered}
 * or {@link PeerReply.Refused}; anything else, or an exception (logged), is sent as the
 * refusal {@code HANDLER_FAILED}.
 */
@FunctionalInterface
public interface PeerHandler {
    /**
     * The answer to a request.
     *
     * @param fromUser the user the handshake authenticated at the other end
     * @param kind the request's kind
     * @param body the request's body, a JSON object
     */
    PeerReply handle(String fromUser, PeerMessageKind kind, JsonNode body);

    /** Answers {@code PING} with a {@code PONG} that echoes its body; refuses anything else. */
    PeerHandler PONG = (fromUser, kind, body) -> kind == PeerMessageKind.PING
        ? new PeerReply.Answered(PeerMessageKind.PONG, body)
        : new PeerReply.Refused("UNKNOWN_KIND");
}
