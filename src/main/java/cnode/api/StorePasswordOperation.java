package cnode.api;

import cnode.node.Autologin;
import cnode.node.Membership;
import cnode.node.NodeFiles;
import cnode.node.NodeUser;
import cnode.soap.SoapStruct;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code storePassword(billonUserPassword)}: keeps the logged-in user's password on this node,
 * encrypted at rest ({@link Autologin}), so the node logs the user in by itself after a
 * restart. Refused with ERR_TASK_ALREADY_RUNNING while a login or registration runs.
 */
public final class StorePasswordOperation extends PasswordOperation {
    private static final Logger LOG = LoggerFactory.getLogger(StorePasswordOperation.class);

    private final Membership membership;
    private final NodeFiles files;
    private final Autologin autologin;

    public StorePasswordOperation(UserGate gate, PasswordChecks checks, Membership membership,
                                  NodeFiles files, Autologin autologin) {
        super(schema("storePassword", Replies.STATUS), gate, checks);
        this.membership = membership;
        this.files = files;
        this.autologin = autologin;
    }

    @Override
    SoapStruct guard() {
        return membership.flowRunning() ? Replies.status(RequestStatus.ERR_TASK_ALREADY_RUNNING)
            : null;
    }

    @Override
    SoapStruct matched(NodeUser user, String password) {
        try {
            files.storeAutologin(autologin.seal(new Autologin.Credentials(user.username(),
                password)));
        } catch (IOException unwritable) {
            LOG.error("storePassword: the autologin file could not be written: {}",
                unwritable.getMessage());
            return Replies.status(RequestStatus.ERR_TECHNICAL_PROBLEM,
                "The node could not store the password; see its log.");
        }
        LOG.info("autologin stored for {}", user.username());
        return Replies.status(RequestStatus.SUCCESS,
            "Request succeeded. The node logs " + user.username() + " in after a restart.");
    }
}
