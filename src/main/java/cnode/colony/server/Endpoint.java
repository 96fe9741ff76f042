package cnode.colony.server;

import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One colony endpoint: a typed request record in, an {@link Outcome} out (the typed reply, or
 * a named {@link Refusal} with its HTTP status). Adding an endpoint is one class implementing
 * this and one {@link Route} in the composition root; the HTTP edge does everything else in a
 * fixed order (docs/COLONY-API.md, "Order of checks"): route, admin token, query, body size,
 * media type, strict JSON into {@link #requestType()}, then {@link #handle}.
 *
 * <p>A handler answers expected outcomes as values (guard clauses returning refusals by
 * name); it throws only for bugs and broken I/O, which the edge logs and answers with
 * {@code 500 INTERNAL_ERROR} revealing nothing. The stage may complete later (for example once
 * a writer thread has committed); an answer that takes longer than the port's idle timeout is
 * {@code 503 ANSWER_TIMEOUT}. Implementations are called from many threads at once.
 *
 * @param <Q> the request record ({@link NoBody} for endpoints without a body)
 * @param <R> the reply record
 */
public interface Endpoint<Q, R> {
    /** The record the JSON body is read into; {@link NoBody} when the endpoint takes none. */
    Class<Q> requestType();

    /** The query parameters this endpoint reads; any other is refused with BAD_QUERY. */
    default Set<String> queryNames() {
        return Set.of();
    }

    /** Serves one request whose body and query have passed the edge's checks. */
    CompletionStage<Outcome<R>> handle(Q request, Call call);

    /** An answer available at once. */
    static <R> CompletionStage<Outcome<R>> answer(Outcome<R> outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    /** A reply available at once. */
    static <R> CompletionStage<Outcome<R>> reply(R reply) {
        return CompletableFuture.completedFuture(Outcome.ok(reply));
    }

    /** A refusal available at once. */
    static <R> CompletionStage<Outcome<R>> refuse(Refusal refusal) {
        return CompletableFuture.completedFuture(Outcome.refused(refusal));
    }
}
