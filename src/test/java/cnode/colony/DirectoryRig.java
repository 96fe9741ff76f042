package cnode.colony;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A directory under test: small limits (so every limit is reached in a few steps), a seeded
 * random source (so tokens and mpins repeat from run to run) and a manual time, plus a builder
 * of registrations that are valid until a test spoils one field. Single-threaded, like the
 * directory.
 */
final class DirectoryRig {
    static final long T0 = 1_700_000_000_000L;
    static final long SESSION_TTL_MS = 1_000;
    static final long LEASE_TTL_MAX_MS = 500;
    static final long FRESH_MS = 300;
    static final int USERS_MAX = 5;
    static final int WRONG_MAX = 3;
    static final int SESSIONS_MAX = 2;
    static final int EMAILS_MAX = 2;
    static final int MERCHANT_CHARS_MAX = 64;
    static final int BLOB_MAX = 16;
    static final Limits DEFAULT_LIMITS = new Limits(100, 1_000, 2_000, 10_000);

    final Directory directory;
    long now = T0;

    DirectoryRig() {
        this(new Directory(config(), seeded(42)));
    }

    DirectoryRig(Directory directory) {
        this.directory = directory;
    }

    static DirectoryConfig config() {
        return new DirectoryConfig(USERS_MAX, EMAILS_MAX, MERCHANT_CHARS_MAX, BLOB_MAX, WRONG_MAX,
            SESSION_TTL_MS, SESSIONS_MAX, LEASE_TTL_MAX_MS, FRESH_MS,
            List.of(DirectoryConfig.PLUS_BANK_PRODUCTION, "OTHER_AR"),
            List.of(DirectoryConfig.PLUS_BANK_PRODUCTION, "OTHER_IPE"), DEFAULT_LIMITS);
    }

    /** The seeded fake: {@code java.util.Random} has the shape of the interface. */
    static DirectoryRandom seeded(long seed) {
        Random random = new Random(seed);
        return random::nextBytes;
    }

    static UserBytes bytes(int length, int fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return new UserBytes(bytes);
    }

    static Reg reg(String username) {
        return new Reg(username);
    }

    /** Registers {@code username} (valid) and returns its mpin. */
    String register(String username) {
        UserRegistered answer = directory.register(reg(username).build(), now);
        if (!answer.registered()) {
            throw new AssertionError("registration of " + username + ": " + answer);
        }
        return answer.mpin();
    }

    /** Logs {@code username} in with a good password and returns the token. */
    String login(String username) {
        SessionGrant grant = directory.login(username, UserPassword.MATCHED, now);
        if (!grant.loggedIn()) {
            throw new AssertionError("login of " + username + ": " + grant);
        }
        return grant.token();
    }

    /** A registration builder: valid as built, each setter spoils or changes one field. */
    static final class Reg {
        private String username;
        private String passwordHash = "pbkdf2-sha256$310000$c2FsdA$aGFzaA";
        private UserBytes publicKey = bytes(32, 7);
        private UserBytes keyBlob = bytes(12, 9);
        private boolean merchant;
        private String merchantJson = "";
        private String arChoice = "";
        private String ipeChoice = "";
        private List<String> emails = new ArrayList<>(List.of("someone@example.com"));

        Reg(String username) {
            this.username = username;
        }

        Reg username(String value) {
            username = value;
            return this;
        }

        Reg passwordHash(String value) {
            passwordHash = value;
            return this;
        }

        Reg publicKey(UserBytes value) {
            publicKey = value;
            return this;
        }

        Reg keyBlob(UserBytes value) {
            keyBlob = value;
            return this;
        }

        Reg merchant(String json) {
            merchant = true;
            merchantJson = json;
            return this;
        }

        Reg merchantJsonOnly(String json) {
            merchantJson = json;
            return this;
        }

        Reg ar(String value) {
            arChoice = value;
            return this;
        }

        Reg ipe(String value) {
            ipeChoice = value;
            return this;
        }

        Reg emails(String... values) {
            emails = new ArrayList<>(Arrays.asList(values));
            return this;
        }

        UserRegistration build() {
            return new UserRegistration(username, passwordHash, publicKey, keyBlob, merchant,
                merchantJson, arChoice, ipeChoice, emails);
        }
    }
}
