package cnode.node;

import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to the colony made on behalf of a task, repeated while the colony cannot answer: an
 * I/O failure (unreachable, timed out) or a refusal the colony says may be retried
 * ({@code 503 BUSY}, {@code STORE_FAILED}, {@code ANSWER_TIMEOUT}). Only calls that are safe
 * to repeat come here (logins, reads, lease and location reports, registration — whose repeat
 * after a lost answer shows as USERNAME_TAKEN, which the flow checks). Back-off doubles from
 * {@link #BACKOFF_FIRST_MS} to {@link #BACKOFF_MAX_MS}; the caller bounds the whole by
 * {@code wanted}, which turns false when its task has ended (a deadline). Stateless.
 */
final class ColonyCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ColonyCalls.class);
    static final long BACKOFF_FIRST_MS = 100;
    static final long BACKOFF_MAX_MS = 2_000;

    /** One colony call. */
    interface Call<T> {
        Outcome<T> run() throws IOException, InterruptedException;
    }

    private ColonyCalls() {}

    /**
     * The first answer that is not a temporary failure, or empty when {@code wanted} turned
     * false (or the thread was interrupted) before one came.
     */
    static <T> Optional<Outcome<T>> retrying(String what, Call<T> call, BooleanSupplier wanted) {
        long backoffMs = BACKOFF_FIRST_MS;
        while (wanted.getAsBoolean()) {
            try {
                Outcome<T> outcome = call.run();
                if (!(outcome instanceof Outcome.Refused<T> refused)
                    || !temporary(refused.refusal())) {
                    return Optional.of(outcome);
                }
                LOG.info("{}: colony answered {}; trying again in {} ms", what,
                    refused.refusal().error(), backoffMs);
            } catch (IOException unreachable) {
                LOG.info("{}: colony not reached ({}); trying again in {} ms", what,
                    unreachable.getMessage(), backoffMs);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (!pause(backoffMs)) {
                return Optional.empty();
            }
            backoffMs = Math.min(BACKOFF_MAX_MS, backoffMs * 2);
        }
        return Optional.empty();
    }

    /** One attempt: the answer, or empty on an I/O failure or interruption. */
    static <T> Optional<Outcome<T>> once(String what, Call<T> call) {
        try {
            return Optional.of(call.run());
        } catch (IOException unreachable) {
            LOG.info("{}: colony not reached ({})", what, unreachable.getMessage());
            return Optional.empty();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static boolean temporary(Refusal refusal) {
        return switch (refusal.error()) {
            case "BUSY", "STORE_FAILED", "ANSWER_TIMEOUT" -> true;
            default -> false;
        };
    }

    /** Sleeps; false when interrupted. */
    static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
