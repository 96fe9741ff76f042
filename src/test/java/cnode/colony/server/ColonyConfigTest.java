package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.cli.ColonyConfig;
import cnode.cli.UsageError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cnode colony}'s flags: the defaults of contract §2 and what each value may be. */
class ColonyConfigTest {
    @Test
    void defaultsAreTheContracts() throws UsageError {
        ColonyConfig config = ColonyConfig.parse(List.of());
        assertThat(config.address()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8900);
        assertThat(config.data()).isEqualTo(Path.of("./cnode-colony"));
        assertThat(config.coinValidityMs()).isEqualTo(730L * 86_400_000L);
        assertThat(config.postgres()).isNull();
        assertThat(config.sqliteFile()).isEqualTo(Path.of("./cnode-colony/colony.db"));
        assertThat(config.store()).isEqualTo("SQLite ./cnode-colony/colony.db");
        assertThat(config.insecureRemote()).isFalse();
        assertThat(config.http().bodyBytesMax()).isEqualTo(1_048_576);
        assertThat(config.json().depthMax()).isEqualTo(32);
    }

    @Test
    void flagsAreReadAndPostgresIsRecordedWithoutShowingItsPassword() throws UsageError {
        String url = "jdbc:postgresql://db.local:5432/colony?user=c&password=hunter2";
        ColonyConfig config = ColonyConfig.parse(List.of("--address", "0.0.0.0",
            "--insecure-remote", "--port=9000", "--data", "/tmp/c", "--db", url,
            "--coin-validity", "30d", "--body-bytes-max", "2048", "--json-depth-max", "8"));
        assertThat(config.address()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.postgres().url()).isEqualTo(url);
        assertThat(config.toString()).doesNotContain("hunter2");
        assertThat(config.store()).startsWith("PostgreSQL jdbc:postgresql://db.local:5432/colony")
            .doesNotContain("hunter2");
        assertThat(config.coinValidityMs()).isEqualTo(30L * 86_400_000L);
        assertThat(config.http().bodyBytesMax()).isEqualTo(2048);
        assertThat(config.json().depthMax()).isEqualTo(8);
    }

    @Test
    void badValuesAreUsageErrorsNamingTheFlag() {
        String[][] cases = {
            {"--address", "10.0.0.1", "--address"},
            {"--db", "postgresql://x/y", "--db"},
            {"--db", "jdbc:postgresql://", "--db"},
            {"--coin-validity", "36501d", "--coin-validity"},
            {"--body-bytes-max", "99999999999", "--body-bytes-max"},
            {"--json-depth-max", "1001", "--json-depth-max"},
            {"--data", "bad\u0000path", "--data"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> ColonyConfig.parse(List.of(c[0], c[1])))
                .as(c[0] + " " + c[1]).isInstanceOf(UsageError.class)
                .hasMessageStartingWith("cnode colony: " + c[2]);
        }
    }
}
