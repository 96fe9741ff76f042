package cnode.api;

import cnode.node.NodeUser;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.List;

/**
 * The direct operations that take the logged-in user's password and act once it matches
 * (cnode-api §2.4–2.7): {@code checkPassword}, {@code getMpin}, {@code storePassword},
 * {@code clearPassword}. Guards, in order: nobody logged in ERR_VUI_NOT_LOGGEDIN; a
 * subclass's own guard (storePassword: a login running, ERR_TASK_ALREADY_RUNNING); an empty
 * or wrong password ERR_INVALID_PASSWORD; then the subclass's action.
 */
abstract class PasswordOperation extends DirectOperation {
    private final UserGate gate;
    private final PasswordChecks checks;

    PasswordOperation(OperationSchema schema, UserGate gate, PasswordChecks checks) {
        super(schema);
        this.gate = gate;
        this.checks = checks;
    }

    /** The schema of an operation taking only {@code billonUserPassword}. */
    static OperationSchema schema(String name, WireType returned) {
        return new OperationSchema(name, WireType.fields("billonUserPassword", "xsd:string"),
            returned, false, List.of(returned));
    }

    @Override
    final SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.loggedIn();
        if (pass.refusal() != null) {
            return refused(pass.refusal(), pass.refusal().description());
        }
        SoapStruct early = guard();
        if (early != null) {
            return early;
        }
        String password = params.text("billonUserPassword");
        if (password == null || password.isEmpty()) {
            return refused(RequestStatus.ERR_INVALID_PASSWORD, "The password is missing.");
        }
        return switch (checks.check(pass.user(), password)) {
            case WRONG -> refused(RequestStatus.ERR_INVALID_PASSWORD,
                RequestStatus.ERR_INVALID_PASSWORD.description());
            case BUSY -> refused(RequestStatus.ERR_TECHNICAL_PROBLEM,
                "Too many password checks at once; try again.");
            case MATCHES -> matched(pass.user(), password);
        };
    }

    /** A refusal before the password is checked, or null to go on. */
    SoapStruct guard() {
        return null;
    }

    /** The reply once the password matched. */
    abstract SoapStruct matched(NodeUser user, String password);

    /** A refusal in this operation's reply shape. */
    SoapStruct refused(RequestStatus code, String description) {
        return Replies.status(code, description);
    }
}
