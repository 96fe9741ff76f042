package cnode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's own files: made once, kept, private, refused when tampered with. */
class NodeFilesTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path data;

    @Test
    void theMachineIdAndNodeKeyAreMadeOnceAndKeptPrivate() throws IOException {
        NodeFiles files = new NodeFiles(data);
        String id = files.machineId(RANDOM);
        byte[] key = files.nodeKey(RANDOM);
        assertThat(id).matches("[0-9A-F]{16}");
        assertThat(key).hasSize(32);
        assertThat(files.machineId(RANDOM)).isEqualTo(id);
        assertThat(files.nodeKey(RANDOM)).isEqualTo(key);
        for (String name : new String[] {NodeFiles.MACHINE_ID, NodeFiles.NODE_KEY}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve(name)))).as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void aNodeKeyOthersCanReadIsRefused() throws IOException {
        NodeFiles files = new NodeFiles(data);
        files.nodeKey(RANDOM);
        Files.setPosixFilePermissions(data.resolve(NodeFiles.NODE_KEY),
            PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> files.nodeKey(RANDOM)).isInstanceOf(IOException.class)
            .hasMessageContaining("chmod 600");
    }

    @Test
    void aDamagedMachineIdIsRefused() throws IOException {
        Files.writeString(data.resolve(NodeFiles.MACHINE_ID), "not hex\n");
        assertThatThrownBy(() -> new NodeFiles(data).machineId(RANDOM))
            .isInstanceOf(IOException.class).hasMessageContaining("remove it");
    }

    @Test
    void autologinIsStoredReplacedAndCleared() throws IOException {
        NodeFiles files = new NodeFiles(data);
        assertThat(files.autologin()).isEmpty();
        files.storeAutologin("alice:AAAA");
        files.storeAutologin("alice:BBBB");
        assertThat(files.autologin()).contains("alice:BBBB");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
            data.resolve(NodeFiles.AUTOLOGIN)))).isEqualTo("rw-------");
        files.clearAutologin();
        assertThat(files.autologin()).isEmpty();
        files.clearAutologin();
    }

    @Test
    void sealedKeysAreKeptPerUser() throws IOException {
        NodeFiles files = new NodeFiles(data);
        KeyBlob blob = KeyBlob.seal(KeyPair.generate(RANDOM).privateKey(), "alice", "pw",
            RANDOM, cnode.crypto.Pbkdf2.ITERATIONS_MIN);
        files.storeKeyBlob("alice", blob);
        assertThat(files.keyBlob("alice")).isEqualTo(Optional.of(blob));
        assertThat(files.keyBlob("bruno")).isEmpty();
    }
}
