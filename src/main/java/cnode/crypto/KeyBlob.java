package cnode.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A user's private key sealed under the user's password, as the node keeps it and the colony
 * stores it without being able to read it, so the user can log in on any node. AES-256-GCM
 * (JDK) under a key derived from the password by PBKDF2-HMAC-SHA256 with a salt of the blob's
 * own; a fresh random 12-byte nonce. The associated data binds the username (and the header),
 * so a blob moved to another user's row does not open.
 *
 * <p>Format, version 1, 81 bytes (text form: base64url without padding, 108 characters):
 *
 * <pre>
 * offset  bytes  field
 *      0      1  version, 0x01
 *      1      4  PBKDF2 iterations, big-endian
 *      5     16  PBKDF2 salt
 *     21     12  AES-GCM nonce
 *     33     48  AES-GCM ciphertext of the 32-byte key seed, then the 16-byte tag
 * </pre>
 *
 * The associated data is the canonical bytes (docs/SIGNATURES.md) of tag
 * {@code cnode/keyblob/v1}, the username as text, and the 33 header bytes as a byte string.
 * Each sealing derives a new AES key from a new salt, so a nonce is never used twice under one
 * key. A wrong password, a wrong username and a changed byte all open as
 * {@link Optional#empty()}: GCM cannot tell them apart, and neither need the caller. Immutable;
 * thread-safe.
 */
public final class KeyBlob {
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    /** Bytes in a version-1 blob. */
    public static final int LENGTH = 81;

    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int HEADER_BYTES = 1 + 4 + SALT_BYTES + NONCE_BYTES;
    private static final int AES_KEY_BYTES = 32;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";

    private final byte[] bytes;

    private KeyBlob(byte[] bytes) {
        assert bytes.length == LENGTH;
        this.bytes = bytes;
    }

    /**
     * Seals {@code key} for {@code username} under {@code password}, with salt and nonce from
     * {@code random}. The password and iterations were validated by the caller, as for
     * {@link PasswordHash#create}; anything else is a bug and throws.
     */
    public static KeyBlob seal(
            PrivateKey key, String username, String password, SecureRandom random,
            int iterations) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (password.length() > Pbkdf2.PASSWORD_CHARS_MAX || !Pbkdf2.acceptable(iterations)) {
            throw new IllegalArgumentException("password too long or iterations out of bounds");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ByteBuffer out = ByteBuffer.allocate(LENGTH)
            .put((byte) VERSION).putInt(iterations).put(salt).put(nonce);
        byte[] header = Arrays.copyOf(out.array(), HEADER_BYTES);
        byte[] seed = key.bytes();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, password, header, username);
            out.put(cipher.doFinal(seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        return new KeyBlob(out.array());
    }

    /** The blob in {@code bytes}, or empty unless they have the version-1 shape. */
    public static Optional<KeyBlob> parse(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH || bytes[0] != VERSION
            || !Pbkdf2.acceptable(ByteBuffer.wrap(bytes, 1, 4).getInt())) {
            return Optional.empty();
        }
        return Optional.of(new KeyBlob(bytes.clone()));
    }

    /** The blob whose text is {@code text}, or empty if it is not the text of one. */
    public static Optional<KeyBlob> parse(String text) {
        return Base64Url.decode(text, LENGTH).flatMap(KeyBlob::parse);
    }

    /**
     * The private key, if {@code password} and {@code username} are those it was sealed with
     * and no byte has changed; otherwise empty (also for a username that could never have been
     * sealed, having no UTF-8 form). Never throws for a wrong guess.
     */
    public Optional<PrivateKey> open(String username, String password) {
        if (username == null || password == null || !CanonicalWriter.wellFormed(username)
            || password.length() > Pbkdf2.PASSWORD_CHARS_MAX) {
            return Optional.empty();
        }
        byte[] header = Arrays.copyOf(bytes, HEADER_BYTES);
        byte[] seed = null;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, password, header, username);
            seed = cipher.doFinal(bytes, HEADER_BYTES, LENGTH - HEADER_BYTES);
            return Optional.of(PrivateKey.of(seed));
        } catch (AEADBadTagException wrongPasswordUserOrByte) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    /** The PBKDF2 iterations it was sealed with: below the default means reseal at login. */
    public int iterations() {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** The 81 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The text form: base64url without padding. */
    public String text() {
        return Base64Url.encode(bytes);
    }

    private static Cipher cipher(int mode, String password, byte[] header, String username)
            throws GeneralSecurityException {
        int iterations = ByteBuffer.wrap(header, 1, 4).getInt();
        byte[] salt = Arrays.copyOfRange(header, 5, 5 + SALT_BYTES);
        byte[] nonce = Arrays.copyOfRange(header, 5 + SALT_BYTES, HEADER_BYTES);
        byte[] aesKey = Pbkdf2.derive(password, salt, iterations, AES_KEY_BYTES);
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        Arrays.fill(aesKey, (byte) 0);
        cipher.updateAAD(new CanonicalWriter(DomainTag.KEY_BLOB)
            .text(username).bytes(header).toBytes());
        return cipher;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyBlob that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Shows the version and iterations only. */
    @Override
    public String toString() {
        return "KeyBlob[v" + VERSION + ", " + iterations() + " iterations]";
    }
}
