package cnode.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stored password: PBKDF2-HMAC-SHA256 of the password under a random 16-byte salt of its own,
 * 32 bytes of hash, with the iteration count it was made with. Its stored form describes
 * itself, so the default count can rise without invalidating older hashes:
 *
 * <pre>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</pre>
 *
 * where iterations is a decimal without leading zeros and salt and hash are base64url without
 * padding (22 and 43 characters). Checking a password compares in constant time.
 *
 * <p>A stored string that is not in this form was not written by this class: it is a broken
 * store, so {@link #parse} throws {@link IllegalArgumentException} (whose message never holds
 * the string) rather than answer "wrong password". Immutable; thread-safe.
 */
public final class PasswordHash {
    /** Bytes of salt, fresh for every hash. */
    public static final int SALT_BYTES = 16;
    /** Bytes of derived hash. */
    public static final int HASH_BYTES = 32;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final Pattern ITERATIONS = Pattern.compile("[1-9][0-9]{0,7}");

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Hashes {@code password} under a fresh salt from {@code random}. The caller has validated
     * the password (at most {@link Pbkdf2#PASSWORD_CHARS_MAX} chars) and the iteration count
     * ({@link Pbkdf2#acceptable}); anything else is a bug and throws.
     */
    public static PasswordHash create(String password, SecureRandom random, int iterations) {
        Objects.requireNonNull(password, "password");
        if (password.length() > Pbkdf2.PASSWORD_CHARS_MAX || !Pbkdf2.acceptable(iterations)) {
            throw new IllegalArgumentException("password too long or iterations out of bounds");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt,
            Pbkdf2.derive(password, salt, iterations, HASH_BYTES));
    }

    /** Reads a stored form written by {@link #encoded()}; throws if it is malformed. */
    public static PasswordHash parse(String stored) {
        String[] parts = Objects.requireNonNull(stored, "stored").split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)
            || !ITERATIONS.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("malformed password hash");
        }
        int iterations = Integer.parseInt(parts[1]);
        Optional<byte[]> salt = Base64Url.decode(parts[2], SALT_BYTES);
        Optional<byte[]> hash = Base64Url.decode(parts[3], HASH_BYTES);
        if (!Pbkdf2.acceptable(iterations) || salt.isEmpty() || hash.isEmpty()) {
            throw new IllegalArgumentException("malformed password hash");
        }
        return new PasswordHash(iterations, salt.get(), hash.get());
    }

    /**
     * Whether {@code password} is the one hashed. A password longer than
     * {@link Pbkdf2#PASSWORD_CHARS_MAX} chars is answered false without deriving anything.
     */
    public boolean matches(String password) {
        if (password == null || password.length() > Pbkdf2.PASSWORD_CHARS_MAX) {
            return false;
        }
        return MessageDigest.isEqual(hash, Pbkdf2.derive(password, salt, iterations, HASH_BYTES));
    }

    /** The stored form. */
    public String encoded() {
        return SCHEME + "$" + iterations + "$" + Base64Url.encode(salt) + "$"
            + Base64Url.encode(hash);
    }

    /** The iteration count it was made with: below the current default means rehash at login. */
    public int iterations() {
        return iterations;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations
            && Arrays.equals(salt, that.salt) && MessageDigest.isEqual(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * iterations + Arrays.hashCode(salt);
    }

    /** Shows the scheme and count only. */
    @Override
    public String toString() {
        return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
    }
}
