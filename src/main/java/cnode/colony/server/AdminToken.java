package cnode.colony.server;

import cnode.stdx.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The colony's admin token and its file {@code <data>/admin.token} (contract §2, §6): 32
 * random bytes as 43 characters of base64url, made on first start and kept across restarts.
 * The file is created with mode 0600 from its first byte (a private temporary file, then a
 * hard link under the final name, so the name never shows a partial or readable token and two
 * starting colonies cannot overwrite each other). An existing file that others may read, that
 * is not a regular file, or that does not hold a token stops start-up rather than being
 * "fixed". Presented tokens are compared in constant time (on SHA-256 digests, so not even the
 * length leaks). Immutable; any thread. {@link #toString()} never shows the token.
 */
public final class AdminToken {
    /** The token file's name in the data folder. */
    public static final String FILE_NAME = "admin.token";
    private static final int TOKEN_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int FILE_BYTES_MAX = 1_024;

    private final Path file;
    private final byte[] digest;

    private AdminToken(Path file, String token) {
        this.file = file;
        this.digest = sha256(token);
    }

    /** Reads the token in {@code file}, first writing a new one there if it does not exist. */
    public static AdminToken loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            create(file, random);
        }
        return new AdminToken(file, read(file));
    }

    /** The token file. */
    public Path file() {
        return file;
    }

    /** Whether {@code presented} is the token; constant time in the presented value. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        SecretFile.writeOnce(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static String read(Path file) throws IOException {
        String token = SecretFile.read(file, FILE_BYTES_MAX, "an admin token",
            "remove it to get a new admin token");
        if (!SHAPE.matcher(token).matches()) {
            throw new IOException(file + " does not hold an admin token (43 characters of"
                + " base64url); remove it to get a new one");
        }
        return token;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[" + file + "]";
    }
}
