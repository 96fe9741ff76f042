package cnode.colony.server;

import cnode.colony.Directory;
import cnode.colony.SessionGrant;
import cnode.colony.UserPassword;
import cnode.colony.UserRow;
import cnode.colony.client.ColonyUsers.LoginReply;
import cnode.colony.client.ColonyUsers.LoginRequest;
import cnode.colony.client.Outcome;
import cnode.crypto.PasswordHash;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/sessions}: logs a user in, in the three steps the directory prescribes
 * ({@link Directory}'s class comment): read the stored hash on the writer (an unknown user
 * {@code 404 UNKNOWN_USER}, a locked one {@code 403 USER_LOCKED} at once, without hashing);
 * verify the password on the {@link PasswordPool} ({@code 503 BUSY} when full); hand the
 * verdict to {@link Directory#login}, which counts wrong passwords ({@code 401 WRONG_PASSWORD};
 * the one that reaches the limit locks the user: {@code 403 USER_LOCKED}) and opens the
 * session. The reply carries what a node needs to act as the user anywhere: the session, the
 * public key, the sealed private key and the mpin. The password is never logged or kept.
 * Immutable; any thread.
 */
final class LoginEndpoint implements Endpoint<LoginRequest, LoginReply> {
    private final WriterLink link;
    private final PasswordPool passwords;

    LoginEndpoint(WriterLink link, PasswordPool passwords) {
        this.link = link;
        this.passwords = passwords;
    }

    @Override
    public Class<LoginRequest> requestType() {
        return LoginRequest.class;
    }

    @Override
    public CompletionStage<Outcome<LoginReply>> handle(LoginRequest request, Call call) {
        String username = request.username();
        return link.ask((state, nowMs) -> storedHash(state.directory().user(username)))
            .thenCompose(stored -> WriterLink.then(stored, hash -> WriterLink.settled(
                passwords.run(() -> verdict(hash, request.password()))
                    .thenCompose(verdict -> link.ask((state, nowMs) ->
                        loggedIn(state.directory(), username, verdict, nowMs))))));
    }

    /** The stored hash of a user who may try; writer thread. */
    private static Outcome<String> storedHash(Optional<UserRow> user) {
        if (user.isEmpty()) {
            return Refused.unknownUser();
        }
        if (user.get().locked()) {
            return locked();
        }
        return Outcome.ok(user.get().passwordHash());
    }

    private static UserPassword verdict(String storedHash, String password) {
        return PasswordHash.parse(storedHash).matches(password) ? UserPassword.MATCHED
            : UserPassword.WRONG;
    }

    /** The directory's judgement of the verdict; writer thread. */
    private static Outcome<LoginReply> loggedIn(Directory directory, String username,
                                                UserPassword verdict, long nowMs) {
        SessionGrant grant = directory.login(username, verdict, nowMs);
        return switch (grant.outcome()) {
            case LOGGED_IN -> {
                UserRow user = directory.user(username).orElseThrow();
                yield Outcome.ok(new LoginReply(username, grant.token(), grant.expiresMs(),
                    Texts.base64url(user.publicKey().bytes()),
                    Texts.base64url(user.keyBlob().bytes()), user.mpin()));
            }
            case UNKNOWN_USER -> Refused.unknownUser();
            case LOCKED -> locked();
            case WRONG_PASSWORD -> Outcome.refused(401, "WRONG_PASSWORD", "The password is not"
                + " the user's; the account is locked after "
                + directory.config().wrongPasswordsMax() + " wrong passwords in a row.");
        };
    }

    private static <R> Outcome<R> locked() {
        return Outcome.refused(403, "USER_LOCKED", "The account is locked (by an administrator"
            + " or after too many wrong passwords); an administrator can unlock it.");
    }
}
