package cnode.node;

import cnode.crypto.KeyBlob;
import cnode.stdx.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a node keeps in its data folder beside its task store: its machine id (the instance id
 * of its write lease and the id it reports with its location), its own secret key (which
 * encrypts the autologin password at rest), the autologin file, and each user's sealed private
 * key as the last login or registration here left it. Secrets are files of mode 0600
 * ({@link SecretFile}); the sealed keys need no secrecy beyond that (the password seals them),
 * but get the same mode. Stateless: every call reads or writes the folder.
 */
public final class NodeFiles {
    static final String MACHINE_ID = "machine.id";
    static final String NODE_KEY = "node.key";
    static final String AUTOLOGIN = "autologin";
    static final String KEYS = "keys";
    private static final Pattern MACHINE_ID_SHAPE = Pattern.compile("[0-9A-F]{16}");
    private static final Pattern NODE_KEY_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int SMALL_FILE_BYTES = 4_096;

    private final Path data;

    public NodeFiles(Path data) {
        this.data = data;
    }

    public Path data() {
        return data;
    }

    /** The machine id, 16 upper-case hex digits, made at the first start and kept. */
    public String machineId(SecureRandom random) throws IOException {
        Path file = data.resolve(MACHINE_ID);
        if (!Files.exists(file)) {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            SecretFile.writeOnce(file, HexFormat.of().withUpperCase().formatHex(bytes));
        }
        String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!MACHINE_ID_SHAPE.matcher(id).matches()) {
            throw new IOException(file + " does not hold a machine id (16 hex digits); remove "
                + "it to get a new one");
        }
        return id;
    }

    /** The node's own 32-byte secret key, made at the first start and kept (mode 0600). */
    public byte[] nodeKey(SecureRandom random) throws IOException {
        Path file = data.resolve(NODE_KEY);
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            SecretFile.writeOnce(file,
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        String text = SecretFile.read(file, SMALL_FILE_BYTES, "a node key",
            "remove it to get a new one (a stored autologin password is then lost)");
        if (!NODE_KEY_SHAPE.matcher(text).matches()) {
            throw new IOException(file + " does not hold a node key; remove it to get a new one "
                + "(a stored autologin password is then lost)");
        }
        return Base64.getUrlDecoder().decode(text);
    }

    /** The stored autologin line, if any. */
    public Optional<String> autologin() throws IOException {
        Path file = data.resolve(AUTOLOGIN);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(SecretFile.read(file, SMALL_FILE_BYTES, "an autologin password",
            "remove it, then store the password again with storePassword"));
    }

    public void storeAutologin(String line) throws IOException {
        SecretFile.replace(data.resolve(AUTOLOGIN), line);
    }

    public void clearAutologin() throws IOException {
        SecretFile.delete(data.resolve(AUTOLOGIN));
    }

    /** Keeps {@code user}'s sealed private key on this node. */
    public void storeKeyBlob(String username, KeyBlob blob) throws IOException {
        Path folder = data.resolve(KEYS);
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        }
        SecretFile.replace(folder.resolve(username + ".blob"), blob.text());
    }

    /** {@code user}'s sealed private key as this node last kept it, if it has one. */
    public Optional<KeyBlob> keyBlob(String username) throws IOException {
        Path file = data.resolve(KEYS).resolve(username + ".blob");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return KeyBlob.parse(SecretFile.read(file, SMALL_FILE_BYTES, "a sealed key",
            "remove it; the next login fetches it from the colony again"));
    }
}
