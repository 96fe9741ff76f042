package cnode.api;

import cnode.node.NodeFiles;
import cnode.node.NodeUser;
import cnode.soap.SoapStruct;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code clearPassword(billonUserPassword)}: forgets the stored autologin password. */
public final class ClearPasswordOperation extends PasswordOperation {
    private static final Logger LOG = LoggerFactory.getLogger(ClearPasswordOperation.class);

    private final NodeFiles files;

    public ClearPasswordOperation(UserGate gate, PasswordChecks checks, NodeFiles files) {
        super(schema("clearPassword", Replies.STATUS), gate, checks);
        this.files = files;
    }

    @Override
    SoapStruct matched(NodeUser user, String password) {
        try {
            files.clearAutologin();
        } catch (IOException unwritable) {
            LOG.error("clearPassword: the autologin file could not be removed: {}",
                unwritable.getMessage());
            return Replies.status(RequestStatus.ERR_TECHNICAL_PROBLEM,
                "The node could not remove the stored password; see its log.");
        }
        LOG.info("autologin cleared by {}", user.username());
        return Replies.status(RequestStatus.SUCCESS,
            "Request succeeded. The node no longer logs in by itself.");
    }
}
