package cnode.node;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The autologin password a user asked the node to keep ({@code storePassword}), encrypted at
 * rest (contract §6): AES-256-GCM under the node's own key, with the username as associated
 * data, so a line moved to another user or another node does not open. The stored line is
 * {@code username:base64url(nonce ‖ ciphertext ‖ tag)}. Stateless; thread-safe.
 */
public final class Autologin {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern LINE =
        Pattern.compile("([a-z][a-z0-9._-]{3,31}):([A-Za-z0-9_-]+)");

    /** A stored login: the user and the password. {@link #toString()} hides the password. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }

    private final SecretKeySpec key;
    private final SecureRandom random;

    public Autologin(byte[] nodeKey, SecureRandom random) {
        if (nodeKey.length != 32) {
            throw new IllegalArgumentException("a node key has 32 bytes");
        }
        this.key = new SecretKeySpec(nodeKey, "AES");
        this.random = random;
    }

    /** The line to store for {@code credentials}. */
    public String seal(Credentials credentials) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(credentials.username().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(credentials.password().getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, all, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, all, NONCE_BYTES, sealed.length);
            return credentials.username() + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        } catch (GeneralSecurityException broken) {
            throw new IllegalStateException("AES-GCM is not available", broken);
        }
    }

    /** The credentials of a stored line, or empty when it is malformed or does not open. */
    public Optional<Credentials> open(String line) {
        var match = LINE.matcher(line);
        if (!match.matches()) {
            return Optional.empty();
        }
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(match.group(2));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(match.group(1).getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return Optional.of(new Credentials(match.group(1),
                new String(plain, StandardCharsets.UTF_8)));
        } catch (javax.crypto.AEADBadTagException tampered) {
            return Optional.empty();
        } catch (GeneralSecurityException broken) {
            throw new IllegalStateException("AES-GCM is not available", broken);
        }
    }
}
