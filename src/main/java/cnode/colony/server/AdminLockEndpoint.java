package cnode.colony.server;

import cnode.colony.Directory;
import cnode.colony.UserChange;
import cnode.colony.client.ColonyAdmin.LockReply;
import cnode.colony.client.ColonyAdmin.UserRequest;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/admin/lock} and {@code /v1/admin/unlock} (admin token): lock a user (no
 * login, no session, no lease, and the registry refuses the user's swaps and moves) or unlock
 * one (whatever locked it; the wrong passwords counted are forgotten). Doing it twice is
 * {@code 200} again; an unknown user is {@code 404 UNKNOWN_USER}. Immutable; any thread.
 */
final class AdminLockEndpoint implements Endpoint<UserRequest, LockReply> {
    private final WriterLink link;
    private final boolean lock;

    /** The lock endpoint when {@code lock}, else the unlock one. */
    AdminLockEndpoint(WriterLink link, boolean lock) {
        this.link = link;
        this.lock = lock;
    }

    @Override
    public Class<UserRequest> requestType() {
        return UserRequest.class;
    }

    @Override
    public CompletionStage<Outcome<LockReply>> handle(UserRequest request, Call call) {
        String user = request.user();
        return link.ask((state, nowMs) -> changed(state.directory(), user));
    }

    private Outcome<LockReply> changed(Directory directory, String user) {
        UserChange change = lock ? directory.lock(user) : directory.unlock(user);
        return change == UserChange.UNKNOWN_USER ? Refused.unknownUser()
            : Outcome.ok(new LockReply(user, lock));
    }
}
