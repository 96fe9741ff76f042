package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.crypto.KeyPair;
import cnode.crypto.PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank's key file and {@code GET /v1/bank/key}: made 0600 at the first start, the same key
 * after a restart, served so that coins verify, and a file that others may read, that is not a
 * regular file or that does not hold a key stops start-up, untouched.
 */
class BankKeyTest {
    @TempDir
    Path folder;

    @Test
    void theKeyIsMadeOnceKeptPrivateAndServed() throws Exception {
        Path data = folder.resolve("colony");
        PublicKey served;
        try (BankRig rig = BankRig.start(data)) {
            Path file = data.resolve(BankKey.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
            assertThat(Files.readString(file)).matches("[A-Za-z0-9_-]{43}\n");
            try (var listing = Files.list(data)) {
                assertThat(listing.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".new"));
            }
            served = rig.bankKey();
            assertThat(served).isEqualTo(BankKey.loadOrCreate(file, new SecureRandom())
                .publicKey());
            var raw = rig.colony().served().stream().filter(r -> r.pattern().equals(
                "/v1/bank/key")).findFirst().orElseThrow();
            assertThat(raw.access()).isEqualTo(Access.PUBLIC);
            BankRig.Committed committed = rig.restartAndCheck();
            assertThat(committed.report().ok()).isTrue();
            assertThat(rig.bankKey()).isEqualTo(served);
        }
        try (BankRig again = BankRig.start(data)) {
            assertThat(again.bankKey()).isEqualTo(served);
        }
    }

    @Test
    void aKeyFileOthersCanReadStopsStartUp() throws Exception {
        Path data = folder.resolve("colony");
        try (BankRig rig = BankRig.start(data)) {
            assertThat(rig.bankKey()).isNotNull();
        }
        Path file = data.resolve(BankKey.FILE_NAME);
        String before = Files.readString(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> BankRig.start(data)).isInstanceOf(IOException.class)
            .hasMessageContaining("can be read or changed by others")
            .hasMessageNotContaining(before.strip());
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aFileThatHoldsNoKeyStopsStartUp() throws Exception {
        Path file = folder.resolve(BankKey.FILE_NAME);
        String[] bad = {"", "short\n", "A".repeat(44) + "\n", "!".repeat(43) + "\n",
            // 43 characters whose last one sets bits a 32-byte key does not have.
            "A".repeat(42) + "B\n"};
        for (String text : bad) {
            Files.deleteIfExists(file);
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> BankKey.loadOrCreate(file, new SecureRandom()))
                .as("%s", text).isInstanceOf(IOException.class)
                .hasMessageContaining("does not hold a bank key");
            assertThat(Files.readString(file)).isEqualTo(text);
        }
        Files.delete(file);
        Files.createDirectory(file);
        assertThatThrownBy(() -> BankKey.loadOrCreate(file, new SecureRandom()))
            .isInstanceOf(IOException.class).hasMessageContaining("not a regular file");
        Path target = folder.resolve("elsewhere.key");
        KeyPair made = BankKey.loadOrCreate(target, new SecureRandom());
        Path link = folder.resolve("link.key");
        Files.createSymbolicLink(link, target);
        assertThatThrownBy(() -> BankKey.loadOrCreate(link, new SecureRandom()))
            .isInstanceOf(IOException.class).hasMessageContaining("not a regular file");
        assertThat(BankKey.loadOrCreate(target, new SecureRandom())).isEqualTo(made);
    }
}
