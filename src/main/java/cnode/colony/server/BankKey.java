package cnode.colony.server;

import cnode.stdx.SecretFile;
import cnode.crypto.KeyPair;
import cnode.crypto.PrivateKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The bank's Ed25519 key file {@code <data>/bank.key}: the key that signs every coin the colony
 * issues. Made at the colony's first start and kept across restarts, since a new key would
 * orphan every coin already issued. The file holds one line, the 32-byte private key seed as
 * 43 characters of base64url (no padding), and is created with mode 0600 from its first byte,
 * as the admin token is: a private temporary file, then a hard link under the final name, so
 * the name never shows a partial or readable key and two starting colonies cannot overwrite
 * each other. An existing file that others may read or change, that is not a regular file, or
 * that does not hold a key stops start-up rather than being "fixed" or replaced. Stateless;
 * the key it returns is immutable and shared by every thread.
 */
final class BankKey {
    /** The key file's name in the data folder. */
    static final String FILE_NAME = "bank.key";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int FILE_BYTES_MAX = 1_024;

    private BankKey() {
    }

    /** The key in {@code file}, first writing a new one there if the file does not exist. */
    static KeyPair loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            create(file, random);
        }
        return read(file);
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        KeyPair fresh = KeyPair.generate(random);
        SecretFile.writeOnce(file, Base64.getUrlEncoder().withoutPadding()
            .encodeToString(fresh.privateKey().bytes()));
    }

    private static KeyPair read(Path file) throws IOException {
        String text = SecretFile.read(file, FILE_BYTES_MAX, "a bank key",
            "Removing it would orphan every coin the bank has issued; restore it from a backup");
        byte[] seed = SHAPE.matcher(text).matches() ? decode(text) : null;
        if (seed == null || seed.length != PrivateKey.LENGTH) {
            throw new IOException(file + " does not hold a bank key (43 characters of base64url,"
                + " a 32-byte Ed25519 seed); restore it from a backup");
        }
        return KeyPair.of(PrivateKey.of(seed));
    }

    /** The bytes of canonical base64url text, or null when the text is not canonical. */
    private static byte[] decode(String text) {
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        boolean canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
            .equals(text);
        return canonical ? bytes : null;
    }
}
