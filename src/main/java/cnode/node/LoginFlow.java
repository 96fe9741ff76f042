package cnode.node;

import static cnode.node.NodeState.VUI_CONNECTED;
import static cnode.node.NodeState.VUI_LOGGING_IN_OR_REGISTERING;

import cnode.colony.client.ColonyUsers.LoginReply;
import cnode.colony.client.ColonyUsers.ProfileReply;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.crypto.PrivateKey;
import cnode.crypto.PublicKey;
import cnode.task.NewTask;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LOGIN task (cnode-api §2.3): logs a user in at the colony, opens the user's sealed private
 * key with the password (the blob comes from the colony, so this works on any node), and runs
 * the steps to a ready node ({@link Establish}). Outcomes, in the order they are judged:
 * no such user FINISHED_ERR_USER_NOT_FOUND; a locked account FINISHED_ERR_LOCKED; a wrong
 * password (or a key that does not open with it) FINISHED_ERR_USER_NOT_AUTHENTICATED; a user
 * who is not a merchant on a node without {@code --allow-non-merchant-user}
 * FINISHED_ERR_USER_NOT_AUTHENTICATED; the write lease not obtained within the write wait
 * FINISHED_ERR_LOCKED; else FINISHED_OK. A user logged in before is logged out first. While
 * the colony cannot be reached the task waits and tries again, until its deadline
 * (FINISHED_ERR_TIMEOUT, set by the engine). Runs on the flow's own thread.
 */
final class LoginFlow implements Membership.Flow {
    private static final Logger LOG = LoggerFactory.getLogger(LoginFlow.class);

    private final Membership member;
    private final String username;
    private final String password;
    private String taskId;
    private Membership.Ending ending;

    LoginFlow(Membership member, String username, String password) {
        this.member = member;
        this.username = username;
        this.password = password;
    }

    @Override
    public TaskEngine.Created create(long nowMs) {
        String info = JsonNodeFactory.instance.objectNode().put("username", username).toString();
        return member.engine.create(new NewTask(TaskType.LOGIN, null, null, info, null, false),
            nowMs);
    }

    @Override
    public void run(String id) {
        this.taskId = id;
        if (!member.awaitConnected(this::live)) {
            return;
        }
        member.logOut("another login starts");
        if (!member.life.move(VUI_LOGGING_IN_OR_REGISTERING, username)) {
            LOG.warn("task {}: the node is {}, not connected; login waits for the colony",
                taskId, member.life.snapshot().state());
            if (!member.awaitConnected(this::live)
                || !member.life.move(VUI_LOGGING_IN_OR_REGISTERING, username)) {
                return;
            }
        }
        NodeUser user = openSession();
        if (user == null) {
            member.life.move(VUI_CONNECTED, "", null);
            return;
        }
        Establish.Result result = new Establish(member, user, taskId).login();
        while (result == Establish.Result.LOST && member.awaitConnected(this::live)) {
            result = new Establish(member, user, taskId).resume();
        }
        finish(result, user);
    }

    private boolean live() {
        return member.live(taskId);
    }

    /** The colony session and the opened keys, or null after ending the task. */
    private NodeUser openSession() {
        Optional<Outcome<LoginReply>> answer = ColonyCalls.retrying("log in " + username,
            () -> member.users.login(username, password), this::live);
        if (answer.isEmpty()) {
            return null;
        }
        if (answer.get() instanceof Outcome.Refused<LoginReply> refused) {
            refusedLogin(refused.refusal());
            return null;
        }
        LoginReply reply = ((Outcome.Ok<LoginReply>) answer.get()).reply();
        Optional<PrivateKey> key = KeyBlob.parse(reply.keyBlob())
            .flatMap(blob -> blob.open(username, password));
        Optional<PublicKey> published = PublicKey.parse(reply.publicKey());
        if (key.isEmpty() || published.isEmpty()
            || !key.get().publicKey().equals(published.get())) {
            endSession(reply);
            fail(TaskStatus.FINISHED_ERR_USER_NOT_AUTHENTICATED, "The password does not open "
                + "the private key the colony holds for " + username + ".");
            return null;
        }
        Optional<ProfileReply> profile = profile();
        if (profile.isEmpty()) {
            endSession(reply);
            return null;
        }
        if (!profile.get().merchant() && !member.settings.allowNonMerchantUser()) {
            endSession(reply);
            fail(TaskStatus.FINISHED_ERR_USER_NOT_AUTHENTICATED, username + " is not a merchant;"
                + " this node runs merchant accounts only (start it with "
                + "--allow-non-merchant-user to allow others).");
            return null;
        }
        KeyBlob blob = KeyBlob.parse(reply.keyBlob()).orElseThrow();
        keepBlob(blob);
        return new NodeUser(username, KeyPair.of(key.get()), blob, reply.sessionToken(),
            reply.mpin(), profile.get().merchant(), profile.get().merchantData());
    }

    private Optional<ProfileReply> profile() {
        var answer = ColonyCalls.retrying("read profile of " + username,
            () -> member.users.profile(username), this::live);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        if (answer.get() instanceof Outcome.Refused<ProfileReply> refused) {
            fail(TaskStatus.FINISHED_ERR_USER_NOT_FOUND, refused.refusal().message());
            return Optional.empty();
        }
        return Optional.of(((Outcome.Ok<ProfileReply>) answer.get()).reply());
    }

    private void refusedLogin(Refusal refusal) {
        switch (refusal.error()) {
            case "UNKNOWN_USER" -> fail(TaskStatus.FINISHED_ERR_USER_NOT_FOUND,
                "No user " + username + " in the directory.");
            case "USER_LOCKED" -> fail(TaskStatus.FINISHED_ERR_LOCKED,
                "The account of " + username + " is locked.");
            case "WRONG_PASSWORD" -> fail(TaskStatus.FINISHED_ERR_USER_NOT_AUTHENTICATED,
                "The password is not " + username + "'s.");
            default -> fail(TaskStatus.FINISHED_ERR, "The colony refused the login: "
                + refusal.error() + ".");
        }
    }

    private void keepBlob(KeyBlob blob) {
        try {
            member.files.storeKeyBlob(username, blob);
        } catch (IOException unwritable) {
            LOG.warn("task {}: could not keep the sealed key of {} on this node: {}", taskId,
                username, unwritable.getMessage());
        }
    }

    private void endSession(LoginReply reply) {
        ColonyCalls.once("log out", () -> member.users.logout(reply.sessionToken()));
    }

    private void finish(Establish.Result result, NodeUser user) {
        switch (result) {
            case READY -> ending = Membership.Ending.OK;
            case LOCKED -> {
                member.logOut("write permission not obtained in time");
                fail(TaskStatus.FINISHED_ERR_LOCKED, "Another instance of " + username
                    + " held the write permission longer than this node waits.");
            }
            case SESSION_GONE -> {
                member.logOut("the session ended during login");
                fail(TaskStatus.FINISHED_ERR_LOCKED, "The colony ended the session of "
                    + username + " during the login (the account may have been locked).");
            }
            case LOST, STOPPED -> {
                if (!live()) {
                    member.logOut("the login task ended first");
                }
                LOG.info("task {}: login of {} stopped: {}", taskId, user.username(), result);
            }
        }
    }

    /** Records how the task ends; published once the flow has let go of the node. */
    private void fail(TaskStatus status, String message) {
        if (ending == null) {
            ending = new Membership.Ending(status, message);
        }
    }

    @Override
    public Membership.Ending ending() {
        return ending;
    }
}
