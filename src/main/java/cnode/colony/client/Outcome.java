package cnode.colony.client;

import java.util.Objects;

/**
 * What one call to a colony endpoint ended with: its typed reply, or a named {@link Refusal}.
 * Endpoints return it on the server; {@link ColonyClient} returns it to callers. Expected
 * outcomes are values: only broken I/O is an exception. Immutable.
 *
 * @param <T> the endpoint's reply record
 */
public sealed interface Outcome<T> {
    /** The endpoint did what was asked and answered {@code reply} (HTTP 200). */
    record Ok<T>(T reply) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(reply, "an Ok outcome carries a reply");
        }
    }

    /** The colony refused by name; nothing was changed unless the name says otherwise. */
    record Refused<T>(Refusal refusal) implements Outcome<T> {
        public Refused {
            Objects.requireNonNull(refusal, "a Refused outcome carries a refusal");
        }
    }

    static <T> Outcome<T> ok(T reply) {
        return new Ok<>(reply);
    }

    static <T> Outcome<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }

    static <T> Outcome<T> refused(int status, String error, String message) {
        return new Refused<>(new Refusal(status, error, message));
    }
}
