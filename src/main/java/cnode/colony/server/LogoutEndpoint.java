package cnode.colony.server;

import cnode.colony.SessionLookup;
import cnode.colony.SessionState;
import cnode.colony.client.ColonyUsers.LogoutReply;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * {@code DELETE /v1/sessions}: ends the session named by {@code Authorization: Session
 * <token>}, expired or not. The user's lease and location stay: the node releases its lease
 * and reports itself offline with their own calls first. Ending it twice answers
 * {@code 401 SESSION_UNKNOWN} the second time. Immutable; any thread.
 */
final class LogoutEndpoint implements Endpoint<NoBody, LogoutReply> {
    private final WriterLink link;

    LogoutEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<LogoutReply>> handle(NoBody request, Call call) {
        return WriterLink.then(SessionCheck.token(call), token -> link.ask((state, nowMs) -> {
            SessionLookup session = state.directory().session(token, nowMs);
            if (state.directory().logout(token, nowMs) == SessionState.UNKNOWN) {
                return SessionCheck.unknown();
            }
            return Outcome.ok(new LogoutReply(session.username()));
        }));
    }
}
