package cnode.colony.server;

import cnode.colony.Directory;
import cnode.colony.LeaseAnswer;
import cnode.colony.LeaseHolder;
import cnode.colony.client.ColonyUsers.LeaseReply;
import cnode.colony.client.ColonyUsers.LeaseRequest;
import cnode.colony.client.Outcome;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/leases}: the write-permission lease of the session's user, one holder at a
 * time: acquire, renew, release or hand over, by the calling node's instance id. Checks in
 * order: the session header ({@code 401 SESSION_REQUIRED}); the action
 * ({@code 400 ACTION_INVALID}); {@code ttlMs} given exactly when the action takes one and
 * {@code successor} exactly for a hand-over ({@code 400 TTL_INVALID},
 * {@code 400 SUCCESSOR_INVALID}); then the directory's guards in its order (session
 * {@code 401}, instance id {@code 400 HOLDER_INVALID}, successor, time to live). What the
 * lease then says is the answer, {@code 200} with its {@code outcome}, holder and expiry:
 * {@code HELD_BY_OTHER}, {@code NOT_HOLDER} and {@code EXPIRED} are states a node waits out or
 * acts on, not malformed calls. Immutable; any thread.
 */
final class LeaseEndpoint implements Endpoint<LeaseRequest, LeaseReply> {
    private static final Set<String> ACTIONS = Set.of("ACQUIRE", "RENEW", "RELEASE",
        "HAND_OVER");

    private final WriterLink link;

    LeaseEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<LeaseRequest> requestType() {
        return LeaseRequest.class;
    }

    @Override
    public CompletionStage<Outcome<LeaseReply>> handle(LeaseRequest request, Call call) {
        return WriterLink.then(SessionCheck.token(call), token -> {
            Outcome<LeaseReply> refused = shape(request);
            if (refused != null) {
                return Endpoint.answer(refused);
            }
            LeaseHolder holder = new LeaseHolder(token, request.instanceId());
            return link.ask((state, nowMs) -> reply(act(state.directory(), holder, request,
                nowMs)));
        });
    }

    private static Outcome<LeaseReply> shape(LeaseRequest request) {
        if (!ACTIONS.contains(request.action())) {
            return Outcome.refused(400, "ACTION_INVALID", "action must be ACQUIRE, RENEW,"
                + " RELEASE or HAND_OVER.");
        }
        boolean release = request.action().equals("RELEASE");
        if ((request.ttlMs() == null) != release) {
            return Outcome.refused(400, "TTL_INVALID", release ? "RELEASE takes no ttlMs."
                : request.action() + " needs ttlMs, the lease's time to live in milliseconds.");
        }
        boolean handOver = request.action().equals("HAND_OVER");
        if ((request.successor() == null) == handOver) {
            return Outcome.refused(400, "SUCCESSOR_INVALID", handOver
                ? "HAND_OVER needs successor, the instance id that takes the lease."
                : "Only HAND_OVER takes a successor.");
        }
        return null;
    }

    /** The directory's lease operation; writer thread. */
    private static LeaseAnswer act(Directory directory, LeaseHolder holder,
                                   LeaseRequest request, long nowMs) {
        return switch (request.action()) {
            case "ACQUIRE" -> directory.acquireLease(holder, request.ttlMs(), nowMs);
            case "RENEW" -> directory.renewLease(holder, request.ttlMs(), nowMs);
            case "RELEASE" -> directory.releaseLease(holder, nowMs);
            default -> directory.handOverLease(holder, request.successor(), request.ttlMs(),
                nowMs);
        };
    }

    private static Outcome<LeaseReply> reply(LeaseAnswer answer) {
        String holder = answer.holder().isEmpty() ? null : answer.holder();
        Long expiresAtMs = answer.holder().isEmpty() ? null : answer.expiresMs();
        return switch (answer.outcome()) {
            case SESSION_UNKNOWN -> SessionCheck.unknown();
            case SESSION_EXPIRED -> SessionCheck.expired();
            case HOLDER_INVALID -> Outcome.refused(400, "HOLDER_INVALID", "instanceId must be 1"
                + " to 64 printable ASCII characters without spaces.");
            case SUCCESSOR_INVALID -> Outcome.refused(400, "SUCCESSOR_INVALID", "successor must"
                + " be 1 to 64 printable ASCII characters without spaces.");
            case TTL_INVALID -> Outcome.refused(400, "TTL_INVALID", "ttlMs must be at least 1"
                + " and at most the colony's longest lease.");
            default -> Outcome.ok(new LeaseReply(answer.outcome().name(), holder, expiresAtMs));
        };
    }
}
