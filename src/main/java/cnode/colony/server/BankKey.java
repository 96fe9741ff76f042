package cnode.colony.server;

import cnode.crypto.KeyPair;
import cnode.crypto.PrivateKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
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
    private static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
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
        String text = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(fresh.privateKey().bytes());
        FileAttribute<Set<PosixFilePermission>> ownerOnly =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Path folder = file.toAbsolutePath().getParent();
        Path draft = Files.createTempFile(folder, FILE_NAME + ".", ".new", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(draft, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            // The umask may have taken bits away; it can never add any. Make it exactly 0600.
            Files.setPosixFilePermissions(draft, OWNER_ONLY);
            try {
                Files.createLink(file, draft);
            } catch (FileAlreadyExistsException anotherStartWon) {
                return;
            }
            try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    private static KeyPair read(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file; the bank key must be one");
        }
        Set<PosixFilePermission> others = EnumSet.copyOf(attributes.permissions());
        others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        if (!others.isEmpty()) {
            throw new IOException(file + " can be read or changed by others (mode "
                + PosixFilePermissions.toString(attributes.permissions()) + "); chmod 600 it."
                + " Removing it would orphan every coin the bank has issued");
        }
        if (attributes.size() > FILE_BYTES_MAX) {
            throw new IOException(file + " is too large to be a bank key");
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
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
