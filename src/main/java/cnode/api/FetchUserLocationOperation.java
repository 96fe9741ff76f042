package cnode.api;

import cnode.colony.Username;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code fetchUserLocation(username)} (cnode-api §2.20): starts a background lookup of a
 * user's network location and caches it for later transfers; answers at once, without a task
 * (the documented example has none). Guards: nobody logged in ERR_VUI_NOT_LOGGEDIN (or
 * ERR_VUI_CANT_READ), a malformed name ERR_INVALID_USERNAME. Whether the user exists is the
 * lookup's business: a payment to an unknown user ends FINISHED_ERR_USER_NOT_FOUND.
 */
public final class FetchUserLocationOperation extends DirectOperation {
    private static final OperationSchema SCHEMA = new OperationSchema("fetchUserLocation",
        WireType.fields("username", "xsd:string"), Replies.STATUS, false,
        List.of(Replies.STATUS));

    private final UserGate gate;
    private final Consumer<String> lookup;

    /** {@code lookup} starts the background lookup of a name and returns at once. */
    public FetchUserLocationOperation(UserGate gate, Consumer<String> lookup) {
        super(SCHEMA);
        this.gate = gate;
        this.lookup = lookup;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.readable();
        if (pass.refusal() != null) {
            return Replies.status(pass.refusal());
        }
        String username = Params.text(params, "username");
        if (!Username.valid(username)) {
            return Replies.status(RequestStatus.ERR_INVALID_USERNAME);
        }
        lookup.accept(username);
        return Replies.status(RequestStatus.SUCCESS,
            "Request succeeded. The lookup of " + username + " runs in the background.");
    }
}
