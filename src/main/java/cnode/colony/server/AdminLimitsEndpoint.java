package cnode.colony.server;

import cnode.colony.Account;
import cnode.colony.Directory;
import cnode.colony.Limits;
import cnode.colony.client.ColonyAdmin.LimitsReply;
import cnode.colony.client.ColonyAdmin.LimitsRequest;
import cnode.colony.client.Outcome;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * {@code POST /v1/admin/limits} (admin token): sets the limits given and keeps the others;
 * answers all four after the change ({@link Long#MAX_VALUE} is no limit). A negative limit is
 * {@code 400 LIMIT_INVALID} and changes nothing; an unknown user {@code 404 UNKNOWN_USER}.
 * Read and change are one writer command, so two administrators setting different limits at
 * once both keep their change. Immutable; any thread.
 */
final class AdminLimitsEndpoint implements Endpoint<LimitsRequest, LimitsReply> {
    private final WriterLink link;

    AdminLimitsEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<LimitsRequest> requestType() {
        return LimitsRequest.class;
    }

    @Override
    public CompletionStage<Outcome<LimitsReply>> handle(LimitsRequest request, Call call) {
        boolean negative = Stream.of(request.perTransfer(), request.dailyOut(),
            request.dailyIn(), request.balanceCap()).anyMatch(limit -> limit != null && limit < 0);
        if (negative) {
            return Endpoint.answer(Outcome.refused(400, "LIMIT_INVALID", "A limit is a whole"
                + " number of billons, 0 or more; 9223372036854775807 is no limit."));
        }
        return link.ask((state, nowMs) -> changed(state.directory(), request));
    }

    private static Outcome<LimitsReply> changed(Directory directory, LimitsRequest request) {
        Optional<Account> account = directory.account(request.user());
        if (account.isEmpty()) {
            return Refused.unknownUser();
        }
        Limits now = account.get().limits();
        Limits next = new Limits(or(request.perTransfer(), now.perTransfer()),
            or(request.dailyOut(), now.dailyOut()), or(request.dailyIn(), now.dailyIn()),
            or(request.balanceCap(), now.balanceCap()));
        directory.setLimits(request.user(), next);
        return Outcome.ok(new LimitsReply(request.user(), next.perTransfer(), next.dailyOut(),
            next.dailyIn(), next.balanceCap()));
    }

    private static long or(Long given, long kept) {
        return given == null ? kept : given;
    }
}
