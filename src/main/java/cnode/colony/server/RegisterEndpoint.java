package cnode.colony.server;

import cnode.colony.UserBytes;
import cnode.colony.UserRegistered;
import cnode.colony.UserRegistration;
import cnode.colony.Username;
import cnode.colony.client.ColonyUsers.MerchantDetails;
import cnode.colony.client.ColonyUsers.RegisterReply;
import cnode.colony.client.ColonyUsers.RegisterRequest;
import cnode.colony.client.Outcome;
import cnode.crypto.KeyBlob;
import cnode.crypto.PasswordHash;
import cnode.crypto.Pbkdf2;
import cnode.crypto.PublicKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/users}: registers a user. The edge checks, in order, what it can without
 * the directory (name, password, public key, key blob: {@code 400} by name), so a malformed
 * request costs no hashing; then hashes the password on the {@link PasswordPool} (PBKDF2 with
 * a fresh salt; {@code 503 BUSY} when the pool is full); then the directory judges the rest in
 * its documented order ({@link cnode.colony.Directory#register}). The colony never opens the
 * key blob: it checks only that it is a sealed key of the current format. Immutable; any
 * thread.
 */
final class RegisterEndpoint implements Endpoint<RegisterRequest, RegisterReply> {
    private final WriterLink link;
    private final PasswordPool passwords;
    private final SecureRandom random;
    private final int iterations;
    private final JsonMapper json;

    RegisterEndpoint(WriterLink link, PasswordPool passwords, SecureRandom random,
                     int iterations, JsonMapper json) {
        if (!Pbkdf2.acceptable(iterations)) {
            throw new IllegalArgumentException("PBKDF2 iterations out of bounds: " + iterations);
        }
        this.link = link;
        this.passwords = passwords;
        this.random = random;
        this.iterations = iterations;
        this.json = json;
    }

    @Override
    public Class<RegisterRequest> requestType() {
        return RegisterRequest.class;
    }

    @Override
    public CompletionStage<Outcome<RegisterReply>> handle(RegisterRequest request, Call call) {
        Outcome<RegisterReply> refused = shape(request);
        if (refused != null) {
            return Endpoint.answer(refused);
        }
        UserRegistration registration = registration(request, "");
        return WriterLink.settled(passwords.run(() -> PasswordHash.create(request.password(),
                random, iterations).encoded())
            .thenCompose(hash -> link.ask((state, nowMs) -> answer(state.directory()
                .register(withHash(registration, hash), nowMs), request.username()))));
    }

    /** The checks the edge makes before any hashing, in order; null when all pass. */
    private static Outcome<RegisterReply> shape(RegisterRequest request) {
        Username.Verdict name = Username.check(request.username());
        if (name != Username.Verdict.VALID) {
            return Outcome.refused(400, "USERNAME_INVALID", nameProblem(name));
        }
        String password = request.password();
        if (password.isEmpty() || password.length() > Pbkdf2.PASSWORD_CHARS_MAX) {
            return Outcome.refused(400, "PASSWORD_INVALID", "The password must have 1 to "
                + Pbkdf2.PASSWORD_CHARS_MAX + " characters.");
        }
        if (PublicKey.parse(request.publicKey()).isEmpty()) {
            return Outcome.refused(400, "PUBLIC_KEY_INVALID", "publicKey must be an Ed25519"
                + " public key: 43 characters of base64url without padding, a point of the"
                + " curve.");
        }
        if (KeyBlob.parse(request.keyBlob()).isEmpty()) {
            return Outcome.refused(400, "KEY_BLOB_INVALID", "keyBlob must be a private key"
                + " sealed as cnode.crypto.KeyBlob version 1: 108 characters of base64url"
                + " (docs/SIGNATURES.md).");
        }
        MerchantDetails merchant = request.merchantData();
        return merchant == null ? null : Texts.unwritable(
            "merchantData.publicProfileJson", merchant.publicProfileJson(),
            "merchantData.invoiceDataJson", merchant.invoiceDataJson(),
            "merchantData.financialAccountJson", merchant.financialAccountJson(),
            "merchantData.logo", merchant.logo());
    }

    private static String nameProblem(Username.Verdict verdict) {
        String rule = "a username is 4 to 32 characters of a-z 0-9 . _ -, starting with a"
            + " letter";
        return switch (verdict) {
            case MISSING -> "The username is empty; " + rule + ".";
            case TOO_SHORT -> "The username is too short; " + rule + ".";
            case TOO_LONG -> "The username is too long; " + rule + ".";
            case BAD_CHARACTER -> "The username has a character outside the rule; " + rule
                + ".";
            case FIRST_NOT_A_LETTER -> "The username does not start with a letter; " + rule
                + ".";
            case VALID -> throw new IllegalArgumentException("a valid name has no problem");
        };
    }

    /** The directory's request; the hash is filled in once computed. */
    private UserRegistration registration(RegisterRequest request, String hash) {
        byte[] publicKey = PublicKey.parse(request.publicKey()).orElseThrow().bytes();
        byte[] keyBlob = KeyBlob.parse(request.keyBlob()).orElseThrow().bytes();
        return new UserRegistration(request.username(), hash, new UserBytes(publicKey),
            new UserBytes(keyBlob), request.merchant(), merchantJson(request.merchantData()),
            Optional.ofNullable(request.arChoice()).orElse(""),
            Optional.ofNullable(request.ipeChoice()).orElse(""),
            Optional.ofNullable(request.recoveryEmails()).orElse(List.of()));
    }

    private static UserRegistration withHash(UserRegistration r, String hash) {
        return new UserRegistration(r.username(), hash, r.publicKey(), r.keyBlob(),
            r.merchant(), r.merchantJson(), r.arChoice(), r.ipeChoice(), r.recoveryEmails());
    }

    /** The merchant data as the directory keeps it: one JSON object, or empty for none. */
    private String merchantJson(MerchantDetails details) {
        if (details == null) {
            return "";
        }
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("four strings always write as JSON", impossible);
        }
    }

    /** The directory's answer as an outcome; writer thread, so plain values only. */
    private static Outcome<RegisterReply> answer(UserRegistered registered, String username) {
        return switch (registered.outcome()) {
            case REGISTERED -> Outcome.ok(new RegisterReply(username, registered.mpin()));
            case USERNAME_TAKEN -> Outcome.refused(409, "USERNAME_TAKEN", "Another user has the"
                + " name " + username + ".");
            case DIRECTORY_FULL -> Outcome.refused(503, "DIRECTORY_FULL", "The directory holds"
                + " as many users as it is configured to.");
            default -> Outcome.refused(400, registered.outcome().name(),
                RegisterRefusals.message(registered.outcome()));
        };
    }
}
