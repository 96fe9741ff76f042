package cnode.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;

/**
 * One message on an authenticated link, the JSON payload of a sealed frame:
 * {@code {"kind":"PING","id":7,"reply":false,"body":{}}}. A request carries a fresh id
 * (positive, rising per sender); its answer carries the same id with {@code reply} true and
 * either an answer kind or {@code REFUSED} with {@code {"reason":"NAME"}}. Immutable, except
 * that the body is a Jackson tree nobody changes once it is in a message.
 *
 * @param kind a {@link PeerMessageKind} name, or {@link #REFUSED} in a reply
 * @param id the request's correlation id
 * @param reply whether this answers the other side's request {@code id}
 * @param body a JSON object
 */
record LinkMessage(String kind, long id, boolean reply, JsonNode body) {
    /** The kind of a reply that refuses the request. */
    static final String REFUSED = "REFUSED";

    /** The message in a frame's payload, or empty when it is not a well-formed one. */
    static Optional<LinkMessage> parse(byte[] payload) {
        return PeerJson.object(payload)
            .flatMap(node -> PeerJson.as(node, LinkMessage.class))
            .filter(message -> message.id() > 0 && message.body() != null
                && message.body().isObject());
    }

    static LinkMessage request(long id, PeerMessageKind kind, JsonNode body) {
        return new LinkMessage(kind.name(), id, false, body);
    }

    /** The reply for {@code reply}, which is {@link PeerReply.Answered} or a refusal. */
    static LinkMessage reply(long id, PeerReply reply) {
        if (reply instanceof PeerReply.Answered answered) {
            return new LinkMessage(answered.kind().name(), id, true, answered.body());
        }
        String reason = reply instanceof PeerReply.Refused refused ? refused.reason()
            : "HANDLER_FAILED";
        return new LinkMessage(REFUSED, id, true,
            JsonNodeFactory.instance.objectNode().put("reason", reason));
    }

    /** This reply as the asking side sees it; empty when it is not a reply of the protocol. */
    Optional<PeerReply> asReply() {
        if (REFUSED.equals(kind)) {
            JsonNode reason = body.get("reason");
            return reason != null && reason.isTextual()
                && PeerReply.REASON.matcher(reason.textValue()).matches()
                ? Optional.of(new PeerReply.Refused(reason.textValue())) : Optional.empty();
        }
        return knownKind().map(known -> new PeerReply.Answered(known, body));
    }

    /** The kind as a {@link PeerMessageKind}, or empty when this code does not know it. */
    Optional<PeerMessageKind> knownKind() {
        for (PeerMessageKind known : PeerMessageKind.values()) {
            if (known.name().equals(kind)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }
}
