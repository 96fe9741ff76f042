package cnode.colony.server;

import cnode.colony.Directory;
import cnode.colony.LocationOutcome;
import cnode.colony.LocationUpdate;
import cnode.colony.client.ColonyUsers.LocationRequest;
import cnode.colony.client.ColonyUsers.LocationView;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * {@code PUT /v1/users/{user}/location}: the node of the session's user reports where it is
 * (P2P address, machine id, online or not); the colony records it as seen now. Checks in
 * order: the session ({@link SessionCheck}: {@code 401}, then {@code 403 NOT_YOUR_ACCOUNT}
 * when the path names another user), then the address and the machine id ({@code 400
 * ADDRESS_INVALID}, {@code 400 MACHINE_ID_INVALID}). One writer command, so the check and the
 * change see the same session. Immutable; any thread.
 */
final class LocationEndpoint implements Endpoint<LocationRequest, LocationView> {
    private final WriterLink link;

    LocationEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<LocationRequest> requestType() {
        return LocationRequest.class;
    }

    @Override
    public CompletionStage<Outcome<LocationView>> handle(LocationRequest request, Call call) {
        String user = call.pathParam("user");
        LocationUpdate update = new LocationUpdate(request.address(), request.machineIdHex(),
            request.online());
        return WriterLink.then(SessionCheck.token(call), token -> link.ask((state, nowMs) ->
            WriterLink.chain(SessionCheck.owner(state.directory(), token, user, nowMs),
                owner -> located(state.directory(), token, update, nowMs))));
    }

    private static Outcome<LocationView> located(Directory directory, String token,
                                                 LocationUpdate update, long nowMs) {
        LocationOutcome outcome = directory.setLocation(token, update, nowMs);
        return switch (outcome) {
            case SET -> Outcome.ok(ProfileEndpoint.view(directory.location(
                directory.session(token, nowMs).username(), nowMs).orElseThrow()));
            case SESSION_UNKNOWN -> SessionCheck.unknown();
            case SESSION_EXPIRED -> SessionCheck.expired();
            case ADDRESS_INVALID -> Outcome.refused(400, "ADDRESS_INVALID", "address must be"
                + " host:port (a host name, an IPv4 address or [IPv6], port 1 to 65535).");
            case MACHINE_ID_INVALID -> Outcome.refused(400, "MACHINE_ID_INVALID", "machineIdHex"
                + " must be 1 to 64 hex digits.");
        };
    }
}
