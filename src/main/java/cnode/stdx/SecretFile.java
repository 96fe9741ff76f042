package cnode.stdx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A one-line secret in a data folder (the colony's admin token and bank key, a node's own key
 * and its autologin password): written with mode 0600 from its first byte, read back only
 * when it is a regular file that nobody else can read or change. Writing goes through a
 * private draft that is hard-linked (write once) or renamed (replace) into place, so the name
 * never shows a partial or readable secret; with write-once, two processes starting at once
 * keep the first one's. Stateless.
 */
public final class SecretFile {
    private static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ANY = EnumSet.of(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE);

    private SecretFile() {
    }

    /** Writes {@code line} to {@code file} unless the file exists by then. */
    public static void writeOnce(Path file, String line) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path draft = draft(file, line);
        try {
            try {
                Files.createLink(file, draft);
            } catch (FileAlreadyExistsException anotherStartWon) {
                return;
            }
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** Writes {@code line} to {@code file}, replacing what it held, in one atomic rename. */
    public static void replace(Path file, String line) throws IOException {
        Path draft = draft(file, line);
        try {
            Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
            forceFolder(file.toAbsolutePath().getParent());
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** Removes {@code file} if it exists, durably. */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            forceFolder(file.toAbsolutePath().getParent());
        }
    }

    private static Path draft(Path file, String line) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path draft = Files.createTempFile(folder, file.getFileName() + ".", ".new",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try (FileChannel channel = FileChannel.open(draft, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        // The umask may have taken bits away; it can never add any. Make it exactly 0600.
        Files.setPosixFilePermissions(draft, OWNER_ONLY);
        return draft;
    }

    private static void forceFolder(Path folder) throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /**
     * The file's text, stripped, after checking it is a private regular file of at most
     * {@code bytesMax} bytes; each refusal is an {@link IOException} whose line ends with
     * {@code advice} (what the operator should do).
     */
    public static String read(Path file, int bytesMax, String what, String advice)
        throws IOException {
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
