package cnode.colony.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A one-line secret in the data folder (the admin token, the bank key): written once with
 * mode 0600 from its first byte and never rewritten, read back only when it is a regular file
 * that nobody else can read or change. Writing goes through a private draft that is
 * hard-linked into place, so the name never shows a partial or readable secret and two
 * colonies starting at once keep the first one's. Stateless.
 */
final class SecretFile {
    private static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ANY = EnumSet.of(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE);

    private SecretFile() {
    }

    /** Writes {@code line} to {@code file} unless the file exists by then. */
    static void writeOnce(Path file, String line) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path draft = Files.createTempFile(folder, file.getFileName() + ".", ".new",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            try (FileChannel channel = FileChannel.open(draft, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
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

    /**
     * The file's text, stripped, after checking it is a private regular file of at most
     * {@code bytesMax} bytes; each refusal is an {@link IOException} whose line ends with
     * {@code advice} (what the operator should do).
     */
    static String read(Path file, int bytesMax, String what, String advice) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file; " + advice);
        }
        Set<PosixFilePermission> others = EnumSet.copyOf(attributes.permissions());
        others.removeAll(OWNER_ANY);
        if (!others.isEmpty()) {
            throw new IOException(file + " can be read or changed by others (mode "
                + PosixFilePermissions.toString(attributes.permissions()) + "); chmod 600 it. "
                + advice);
        }
        if (attributes.size() > bytesMax) {
            throw new IOException(file + " is too large to be " + what);
        }
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
    }
}
