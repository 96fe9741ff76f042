package cnode.colony.server;

import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import cnode.colony.store.ColonyBusy;
import cnode.colony.store.ColonyCommand;
import cnode.colony.store.ColonyState;
import cnode.colony.store.ColonyStoreFailure;
import cnode.colony.store.ColonyWriter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * How endpoints reach the colony's one {@link ColonyWriter}: a command goes to the writer, and
 * its answer continues on an edge thread (a virtual thread per answer), never on the writer's
 * own. The writer completes every answer of a batch on its thread after the commit; anything
 * an endpoint does next (verifying a signature, mapping rows to a reply, writing JSON) would
 * otherwise hold up every later batch. A writer that refuses a command answers by name:
 * {@code 503 BUSY} (its queue is full or it is stopping; also the password pool's refusal) and
 * {@code 503 STORE_FAILED} (the batch could not be committed; nothing of it happened). Any
 * other failure is a bug and reaches the HTTP edge as {@code 500 INTERNAL_ERROR}.
 *
 * <p>Commands given here run on the writer thread and must never throw for bad input: an
 * exception fails the writer's whole batch. Endpoints therefore check their input first and
 * let a command only call the cores and return plain values. Immutable; any thread.
 */
final class WriterLink {
    private final ColonyWriter writer;
    private final Executor edge;

    WriterLink(ColonyWriter writer, Executor edge) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.edge = Objects.requireNonNull(edge, "edge");
    }

    /** A link whose answers continue on new virtual threads. */
    static WriterLink of(ColonyWriter writer) {
        return new WriterLink(writer, Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("colony-edge-", 0).factory()));
    }

    /**
     * Runs {@code command} on the writer; the stage completes after the commit, on an edge
     * thread, with the command's value, or fails as the writer failed it.
     */
    <T> CompletionStage<T> read(ColonyCommand<T> command) {
        CompletableFuture<T> answer = writer.submit(command);
        return answer.handleAsync((value, failure) -> {
            if (failure != null) {
                throw failure instanceof CompletionException done ? done
                    : new CompletionException(failure);
            }
            return value;
        }, edge);
    }

    /** {@link #read} for a command that answers an outcome; writer refusals become outcomes. */
    <R> CompletionStage<Outcome<R>> ask(ColonyCommand<Outcome<R>> command) {
        return settled(read(command));
    }

    /** A read of one user's own data, given that user's name once the session is checked. */
    interface OwnerCommand<R> {
        Outcome<R> apply(ColonyState state, String owner, long nowMs);
    }

    /**
     * {@link #ask} on behalf of {@code user}, the user the call's path names: refused as
     * {@link SessionCheck#owner} refuses unless the call's session is that user's.
     */
    <R> CompletionStage<Outcome<R>> askAsOwner(Call call, String user, OwnerCommand<R> command) {
        return then(SessionCheck.token(call), token -> ask((state, nowMs) ->
            chain(SessionCheck.owner(state.directory(), token, user, nowMs),
                owner -> command.apply(state, owner, nowMs))));
    }

    /** The stage with the writer's and the password pool's refusals turned into outcomes. */
    static <R> CompletionStage<Outcome<R>> settled(CompletionStage<Outcome<R>> stage) {
        return stage.exceptionally(WriterLink::failure);
    }

    /** Continues with {@code next} when {@code outcome} is a value; passes a refusal on. */
    static <A, B> CompletionStage<Outcome<B>> then(Outcome<A> outcome,
                                                   Function<A, CompletionStage<Outcome<B>>> next) {
        return switch (outcome) {
            case Outcome.Ok<A>(A value) -> next.apply(value);
            case Outcome.Refused<A>(Refusal refusal) -> Endpoint.refuse(refusal);
        };
    }

    /** {@code next} of the value when {@code outcome} is one; the refusal as it is if not. */
    static <A, B> Outcome<B> chain(Outcome<A> outcome, Function<A, Outcome<B>> next) {
        return switch (outcome) {
            case Outcome.Ok<A>(A value) -> next.apply(value);
            case Outcome.Refused<A>(Refusal refusal) -> Outcome.refused(refusal);
        };
    }

    /** The named answer to a failed command; other failures are bugs and are rethrown. */
    static <R> Outcome<R> failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof ColonyBusy busy) {
            return Outcome.refused(503, "BUSY", busy.getMessage());
        }
        if (cause instanceof ColonyStoreFailure) {
            return Outcome.refused(503, "STORE_FAILED", "The colony could not store this"
                + " change, so nothing of it happened; try again shortly.");
        }
        throw failure instanceof CompletionException done ? done
            : new CompletionException(failure);
    }
}
