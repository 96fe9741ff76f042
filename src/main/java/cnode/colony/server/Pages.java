package cnode.colony.server;

import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * The {@code limit} query parameter of paged endpoints: a whole number from 1 to the
 * endpoint's maximum, which is also its default. Stateless.
 */
final class Pages {
    private Pages() {}

    /** The page size the call asks for, or null when {@code limit} is malformed or out of range. */
    static Integer limit(Call call, int max) {
        String text = call.query("limit").orElse(Integer.toString(max));
        if (!text.matches("[1-9][0-9]{0,8}")) {
            return null;
        }
        int limit = Integer.parseInt(text);
        return limit <= max ? limit : null;
    }

    /** The answer to a call whose {@code limit} {@link #limit} refused: 400 BAD_QUERY. */
    static <R> CompletionStage<Outcome<R>> badLimit(int max) {
        return Endpoint.answer(Refused.badQuery("limit must be a whole number from 1 to " + max
            + "."));
    }
}
