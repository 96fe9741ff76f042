package cnode.api;

import cnode.colony.Username;
import cnode.crypto.Pbkdf2;
import cnode.node.Membership;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.task.TaskEngine;
import java.util.List;
import java.util.Optional;

/**
 * {@code startLogin(billonUserName, billonUserPassword)} (cnode-api §2.3): starts a LOGIN task
 * and answers its id at once. Guards, in order: a malformed name ERR_INVALID_USERNAME; an
 * empty or over-long password ERR_INVALID_PASSWORD; a login or registration already running
 * ERR_TASK_ALREADY_RUNNING. Everything the directory decides ends the task (see
 * {@code cnode.node.LoginFlow}).
 */
public final class StartLoginOperation extends DirectOperation {
    private static final OperationSchema SCHEMA = new OperationSchema("startLogin",
        WireType.fields("billonUserName", "xsd:string", "billonUserPassword", "xsd:string"),
        Replies.TASK_ID, true, List.of(Replies.TASK_ID));

    private final Membership membership;

    public StartLoginOperation(Membership membership) {
        super(SCHEMA);
        this.membership = membership;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        String username = Params.text(params, "billonUserName");
        String password = params.text("billonUserPassword");
        SoapStruct refused = credentialsRefusal(username, password);
        if (refused != null) {
            return refused;
        }
        return started(membership.startLogin(username, password), "login");
    }

    /** The shared guards on a name and a password, or null when both are well-formed. */
    static SoapStruct credentialsRefusal(String username, String password) {
        if (!Username.valid(username)) {
            return Replies.noTask(RequestStatus.ERR_INVALID_USERNAME, "A username is 4 to 32 "
                + "characters of a-z, 0-9, '.', '_' and '-', starting with a letter.");
        }
        if (password == null || password.isEmpty()
            || password.length() > Pbkdf2.PASSWORD_CHARS_MAX) {
            return Replies.noTask(RequestStatus.ERR_INVALID_PASSWORD,
                "A password is 1 to " + Pbkdf2.PASSWORD_CHARS_MAX + " characters.");
        }
        return null;
    }

    /** The reply to a start: the task's id, or why there is none. */
    static SoapStruct started(Optional<TaskEngine.Created> created, String what) {
        if (created.isEmpty()) {
            return Replies.noTask(RequestStatus.ERR_TASK_ALREADY_RUNNING,
                RequestStatus.ERR_TASK_ALREADY_RUNNING.description());
        }
        if (created.get().outcome() != TaskEngine.Outcome.CREATED) {
            return Replies.noTask(RequestStatus.ERR_TECHNICAL_PROBLEM, "The node runs as many "
                + "tasks as it may; try the " + what + " again shortly.");
        }
        return Replies.taskId(RequestStatus.SUCCESS, RequestStatus.SUCCESS.description(),
            created.get().task().id());
    }
}
