package cnode.api;

import cnode.node.NodeUser;
import cnode.soap.SoapStruct;

/**
 * {@code getMpin(billonUserPassword)}: the user's machine PIN, which some money operations
 * ask for, once the password matches. The mpin comes from the colony at login.
 */
public final class GetMpinOperation extends PasswordOperation {
    static final WireType TYPE = WireType.struct("vuiGetMpinResponse",
        "mpin", "xsd:string",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");

    public GetMpinOperation(UserGate gate, PasswordChecks checks) {
        super(schema("getMpin", TYPE), gate, checks);
    }

    @Override
    SoapStruct matched(NodeUser user, String password) {
        return reply(user.mpin(), RequestStatus.SUCCESS, RequestStatus.SUCCESS.description());
    }

    @Override
    SoapStruct refused(RequestStatus code, String description) {
        return reply("", code, description);
    }

    private static SoapStruct reply(String mpin, RequestStatus code, String description) {
        return new SoapStruct(null)
            .string("mpin", mpin)
            .string("requestStatus", code.name())
            .string("requestStatusDescription", description);
    }
}
