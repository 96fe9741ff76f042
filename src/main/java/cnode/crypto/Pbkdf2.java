package cnode.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018) from the JDK, and the bounds on its work factor that
 * {@link PasswordHash} and {@link KeyBlob} share. The JDK feeds the password to HMAC as its
 * UTF-8 bytes, so any Unicode password works. Stateless; thread-safe.
 */
public final class Pbkdf2 {
    /**
     * The iterations new hashes and blobs use unless configured otherwise: OWASP's figure for
     * PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, since 2023; 210 000 is its figure for
     * HMAC-SHA512). About 0.13 s per derivation on a 2-core EPYC VM (SignatureBenchmark).
     */
    public static final int ITERATIONS_DEFAULT = 600_000;
    /**
     * The fewest iterations accepted, so tests run fast. Never for real users: the count is
     * stored with each hash and blob, so a weak setting would outlive the run that chose it.
     */
    public static final int ITERATIONS_MIN = 1_000;
    /** The most iterations accepted: a stored count above it would be a way to burn CPU. */
    public static final int ITERATIONS_MAX = 10_000_000;
    /** The longest password, in chars. */
    public static final int PASSWORD_CHARS_MAX = 1_024;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private Pbkdf2() {
    }

    /** Whether {@code iterations} lies within the accepted bounds. */
    public static boolean acceptable(int iterations) {
        return iterations >= ITERATIONS_MIN && iterations <= ITERATIONS_MAX;
    }

    /** {@code length} bytes derived from the password; the caller checked every bound. */
    static byte[] derive(String password, byte[] salt, int iterations, int length) {
        assert acceptable(iterations) && password.length() <= PASSWORD_CHARS_MAX;
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every JDK since 8 has PBKDF2WithHmacSHA256: its absence is a broken platform.
            throw new IllegalStateException("PBKDF2-HMAC-SHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
