package cnode.colony.server;

import cnode.colony.SessionLookup;
import cnode.colony.client.ColonyUsers.SessionReply;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/sessions/renew}: a node that stays up extends its user's session to the full
 * session time from now, instead of keeping the password. No body; the session comes in
 * {@code Authorization: Session <token>}. Immutable; any thread.
 */
final class RenewEndpoint implements Endpoint<NoBody, SessionReply> {
    private final WriterLink link;

    RenewEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<SessionReply>> handle(NoBody request, Call call) {
        return WriterLink.then(SessionCheck.token(call), token -> link.ask((state, nowMs) -> {
            SessionLookup session = state.directory().renewSession(token, nowMs);
            return switch (session.state()) {
                case VALID -> Outcome.ok(new SessionReply(session.username(),
                    session.expiresMs()));
                case UNKNOWN -> SessionCheck.unknown();
                case EXPIRED -> SessionCheck.expired();
            };
        }));
    }
}
