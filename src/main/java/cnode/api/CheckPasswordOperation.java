package cnode.api;

import cnode.node.NodeUser;
import cnode.soap.SoapStruct;

/** {@code checkPassword(billonUserPassword)}: SUCCESS when it is the logged-in user's. */
public final class CheckPasswordOperation extends PasswordOperation {
    public CheckPasswordOperation(UserGate gate, PasswordChecks checks) {
        super(schema("checkPassword", Replies.STATUS), gate, checks);
    }

    @Override
    SoapStruct matched(NodeUser user, String password) {
        return Replies.status(RequestStatus.SUCCESS, "Request succeeded. The password matches.");
    }
}
