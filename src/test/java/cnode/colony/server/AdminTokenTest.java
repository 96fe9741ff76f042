package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin token file: made 0600 with 43 characters of base64url, kept across loads, and an
 * existing file that is readable by others, not a regular file, or not a token refused.
 */
class AdminTokenTest {
    @TempDir
    Path folder;

    @Test
    void aNewTokenIsWrittenOwnerOnlyAndKeptAfterwards() throws IOException {
        Path file = folder.resolve(AdminToken.FILE_NAME);
        AdminToken first = AdminToken.loadOrCreate(file, new SecureRandom());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .isEqualTo("rw-------");
        String token = Files.readString(file).strip();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(first.matches(token)).isTrue();
        AdminToken again = AdminToken.loadOrCreate(file, new SecureRandom());
        assertThat(Files.readString(file).strip()).isEqualTo(token);
        assertThat(again.matches(token)).isTrue();
        assertThat(again.toString()).doesNotContain(token);
        try (var names = Files.list(folder)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly("admin.token");
        }
    }

    @Test
    void onlyTheExactTokenMatches() throws IOException {
        AdminToken admin = AdminToken.loadOrCreate(folder.resolve("t"), new SecureRandom());
        String token = Files.readString(folder.resolve("t")).strip();
        assertThat(admin.matches(token)).isTrue();
        assertThat(admin.matches(token + " ")).isFalse();
        assertThat(admin.matches(token.substring(0, 42))).isFalse();
        assertThat(admin.matches(token.toUpperCase())).isEqualTo(token.equals(token.toUpperCase()));
        assertThat(admin.matches("")).isFalse();
        assertThat(admin.matches(null)).isFalse();
    }

    @Test
    void twoColoniesGetDifferentTokens() throws IOException {
        AdminToken.loadOrCreate(folder.resolve("a"), new SecureRandom());
        AdminToken.loadOrCreate(folder.resolve("b"), new SecureRandom());
        assertThat(Files.readString(folder.resolve("a")))
            .isNotEqualTo(Files.readString(folder.resolve("b")));
    }

    @Test
    void aTokenFileOthersCanReadStopsStartUp() throws IOException {
        Path file = folder.resolve(AdminToken.FILE_NAME);
        AdminToken.loadOrCreate(file, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AdminToken.loadOrCreate(file, new SecureRandom()))
            .isInstanceOf(IOException.class).hasMessageContaining("chmod 600");
        assertThat(Files.getPosixFilePermissions(file))
            .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void somethingElseUnderTheNameStopsStartUp() throws IOException {
        Path garbage = folder.resolve("garbage");
        Files.writeString(garbage, "not a token\n");
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> AdminToken.loadOrCreate(garbage, new SecureRandom()))
            .hasMessageContaining("does not hold an admin token");
        assertThat(Files.readString(garbage)).isEqualTo("not a token\n");
        Path directory = Files.createDirectory(folder.resolve("dir"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        assertThatThrownBy(() -> AdminToken.loadOrCreate(directory, new SecureRandom()))
            .hasMessageContaining("not a regular file");
        Path link = Files.createSymbolicLink(folder.resolve("link"), garbage);
        assertThatThrownBy(() -> AdminToken.loadOrCreate(link, new SecureRandom()))
            .hasMessageContaining("not a regular file");
    }
}
