package cnode.ui;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF tokens of the wallet page: a signed double-submit cookie (OWASP). A token is a
 * random nonce and an HMAC-SHA256 of it under a key this process drew at start, both
 * base64url: {@code NONCE.MAC}. The page puts the token in an HttpOnly, SameSite=Strict cookie
 * and in a hidden form field; a POST is genuine when both are present, equal, and signed by
 * this process. The signature matters on loopback: cookies do not separate ports, so another
 * local site could plant a cookie of its choosing, but it cannot sign one. All comparisons
 * run in constant time. A restart draws a new key, so old pages need one reload. Immutable
 * after construction; any thread.
 */
final class CsrfGuard {
    /** The cookie's name; not {@code __Host-}, which needs HTTPS. */
    static final String COOKIE = "cnode_ui_csrf";

    private static final int NONCE_BYTES = 16;
    private static final int NONCE_CHARS = 22;
    private static final int MAC_CHARS = 43;
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;
    private final SecretKeySpec key;

    CsrfGuard(SecureRandom random) {
        this.random = random;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /** A fresh token for a browser that has none (or a stale one). */
    String issue() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String encoded = BASE64.encodeToString(nonce);
        return encoded + "." + mac(encoded);
    }

    /** Whether {@code token} was issued by this process (its MAC verifies). */
    boolean signed(String token) {
        if (token == null || token.length() != NONCE_CHARS + 1 + MAC_CHARS
            || token.charAt(NONCE_CHARS) != '.') {
            return false;
        }
        String nonce = token.substring(0, NONCE_CHARS);
        return same(mac(nonce), token.substring(NONCE_CHARS + 1));
    }

    /** Whether a POST's cookie and form field carry the same token, signed by this process. */
    boolean genuine(String cookie, String field) {
        return cookie != null && field != null && same(cookie, field) && signed(cookie);
    }

    private String mac(String nonce) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return BASE64.encodeToString(mac.doFinal(nonce.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("the JDK has no " + HMAC, missing);
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
            b.getBytes(StandardCharsets.UTF_8));
    }
}
