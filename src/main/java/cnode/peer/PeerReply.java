package cnode.peer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one request on a link ended with, as a value: the other side's answer, its named
 * refusal, or why there is no answer. A {@link PeerHandler} answers with {@link Answered} or
 * {@link Refused}; the other cases are made only by the asking side. Immutable, except that a
 * body is a Jackson tree which nobody may change once it is in a reply.
 */
public sealed interface PeerReply {
    /** A refusal reason: upper-case letters, digits and {@code _}, at most 64 characters. */
    Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /** The other side answered with a message of {@code kind}; {@code body} is an object. */
    record Answered(PeerMessageKind kind, JsonNode body) implements PeerReply {
        public Answered {
            Objects.requireNonNull(kind, "kind");
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("an answer's body is a JSON object");
            }
        }
    }

    /** The other side refused the request by name ({@code UNKNOWN_KIND}, {@code BUSY}...). */
    record Refused(String reason) implements PeerReply {
        public Refused {
            if (reason == null || !REASON.matcher(reason).matches()) {
                throw new IllegalArgumentException("not a refusal reason: " + reason);
            }
        }
    }

    /** No answer came within the request's timeout; a late answer is dropped. */
    record TimedOut() implements PeerReply {}

    /** The link closed before the answer came; {@code end} says why. */
    record LinkClosed(LinkEnd end) implements PeerReply {
        public LinkClosed {
            Objects.requireNonNull(end, "end");
        }
    }

    /** The link already has {@link PeerLimits#inFlightMax()} requests in flight: not sent. */
    record Busy() implements PeerReply {}
}
