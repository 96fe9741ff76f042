package cnode.node;

import static cnode.node.NodeState.VUI_CONNECTED;
import static cnode.node.NodeState.VUI_LOGGING_IN_OR_REGISTERING;

import cnode.colony.client.ColonyUsers.MerchantDetails;
import cnode.colony.client.ColonyUsers.RegisterReply;
import cnode.colony.client.ColonyUsers.RegisterRequest;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.task.NewTask;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A REGISTER task (cnode-api §2.2): makes the user's Ed25519 key pair, seals the private half
 * under the password (kept on this node and sent to the colony as a blob it cannot open), and
 * registers the user in the directory. It does not log the user in: {@code startLogin} does.
 * Outcomes: a name already taken (or refused by the colony's rules)
 * FINISHED_ERR_INVALID_USERNAME; other data the colony refuses (an e-mail, an AR or IPE
 * choice, merchant data too long) FINISHED_ERR_INVALID_DATA with the colony's sentence; else
 * FINISHED_OK with the username in additionalInfo. While nobody is logged in, the node shows
 * VUI_LOGGING_IN_OR_REGISTERING during the task. Runs on the flow's own thread.
 */
public final class RegisterFlow implements Membership.Flow {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterFlow.class);

    /**
     * What {@code startRegister} asks for, checked for shape by the operation.
     * {@link #toString()} leaves out the password.
     *
     * @param merchantData  the merchant's data, or null for a user who is not a merchant
     * @param arChoice      null for the colony's default
     * @param ipeChoice     null for the colony's default
     */
    public record Request(String username, String password, MerchantDetails merchantData,
                          List<String> recoveryEmails, String arChoice, String ipeChoice) {
        @Override
        public String toString() {
            return "RegisterFlow.Request[" + username + "]";
        }
    }

    private final Membership member;
    private final Request request;
    private final SecureRandom random = new SecureRandom();
    private String taskId;
    private Membership.Ending ending;

    RegisterFlow(Membership member, Request request) {
        this.member = member;
        this.request = request;
    }

    @Override
    public TaskEngine.Created create(long nowMs) {
        String info = JsonNodeFactory.instance.objectNode().put("username", request.username())
            .toString();
        return member.engine.create(new NewTask(TaskType.REGISTER, null, null, info, null,
            false), nowMs);
    }

    @Override
    public void run(String id) {
        this.taskId = id;
        if (!member.awaitConnected(this::live)) {
            return;
        }
        boolean shown = member.life.move(VUI_LOGGING_IN_OR_REGISTERING, request.username());
        try {
            register();
        } finally {
            if (shown) {
                member.life.move(VUI_CONNECTED, "", null);
            }
        }
    }

    private boolean live() {
        return member.live(taskId);
    }

    private void register() {
        KeyPair keys = KeyPair.generate(random);
        KeyBlob blob = KeyBlob.seal(keys.privateKey(), request.username(), request.password(),
            random, cnode.crypto.Pbkdf2.ITERATIONS_DEFAULT);
        RegisterRequest body = new RegisterRequest(request.username(), request.password(),
            keys.publicKey().text(), blob.text(), request.merchantData() != null,
            request.merchantData(), request.arChoice(), request.ipeChoice(),
            request.recoveryEmails().isEmpty() ? null : request.recoveryEmails());
        Optional<Outcome<RegisterReply>> answer = ColonyCalls.retrying(
            "register " + request.username(), () -> member.users.register(body), this::live);
        if (answer.isEmpty()) {
            return;
        }
        if (answer.get() instanceof Outcome.Refused<RegisterReply> refused
            && !registeredBefore(refused.refusal(), keys)) {
            refusedRegistration(refused.refusal());
            return;
        }
        try {
            member.files.storeKeyBlob(request.username(), blob);
        } catch (IOException unwritable) {
            LOG.warn("task {}: could not keep the sealed key of {} on this node: {}", taskId,
                request.username(), unwritable.getMessage());
        }
        LOG.info("task {}: user {} registered", taskId, request.username());
        ending = Membership.Ending.OK;
    }

    /**
     * Whether a USERNAME_TAKEN answer is this task's own earlier attempt, whose answer was
     * lost: the directory then holds this task's public key under the name.
     */
    private boolean registeredBefore(Refusal refusal, KeyPair keys) {
        if (!refusal.error().equals("USERNAME_TAKEN")) {
            return false;
        }
        return ColonyCalls.once("read profile", () -> member.users.profile(request.username()))
            .filter(outcome -> outcome instanceof Outcome.Ok)
            .map(outcome -> ((Outcome.Ok<cnode.colony.client.ColonyUsers.ProfileReply>) outcome)
                .reply().publicKey().equals(keys.publicKey().text()))
            .orElse(false);
    }

    private void refusedRegistration(Refusal refusal) {
        TaskStatus status = switch (refusal.error()) {
            case "USERNAME_TAKEN", "USERNAME_INVALID" -> TaskStatus.FINISHED_ERR_INVALID_USERNAME;
            case "DIRECTORY_FULL" -> TaskStatus.FINISHED_ERR;
            default -> TaskStatus.FINISHED_ERR_INVALID_DATA;
        };
        String message = refusal.error().equals("USERNAME_TAKEN")
            ? "The name " + request.username() + " is already taken."
            : "The colony refused the registration: " + refusal.message();
        ending = new Membership.Ending(status, message);
    }

    @Override
    public Membership.Ending ending() {
        return ending;
    }
}
