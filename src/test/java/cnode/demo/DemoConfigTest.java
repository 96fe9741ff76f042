package cnode.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.cli.DemoConfig;
import cnode.cli.UsageError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's flags: defaults, each flag, and an offset that would leave the port range. */
class DemoConfigTest {
    @Test
    void defaultsAreTheContractsPortsAndFolder() throws Exception {
        DemoConfig config = DemoConfig.parse(List.of());

        assertThat(config).isEqualTo(new DemoConfig(false, Path.of("./cnode-demo"), 0));
        assertThat(config.port(DemoConfig.COLONY_PORT)).isEqualTo(8900);
        assertThat(config.port(DemoConfig.SHOP_SOAP_PORT)).isEqualTo(9091);
    }

    @Test
    void flagsAreRead() throws Exception {
        DemoConfig config = DemoConfig.parse(List.of("--fresh", "--data", "/tmp/x",
            "--port-offset", "1000"));

        assertThat(config).isEqualTo(new DemoConfig(true, Path.of("/tmp/x"), 1000));
        assertThat(config.port(DemoConfig.HIGHEST_PORT)).isEqualTo(10_103);
    }

    @Test
    void theOffsetKeepsTheHighestPortAPort() throws Exception {
        assertThat(DemoConfig.parse(List.of("--port-offset", "56432")).port(9103))
            .isEqualTo(65_535);
        assertThatThrownBy(() -> DemoConfig.parse(List.of("--port-offset", "56433")))
            .isInstanceOf(UsageError.class).hasMessageStartingWith("cnode demo: --port-offset")
            .hasMessageContaining("56432");
        for (String bad : List.of("-1", "x", "70000", "")) {
            assertThatThrownBy(() -> DemoConfig.parse(List.of("--port-offset", bad)))
                .as(bad).isInstanceOf(UsageError.class);
        }
        assertThatThrownBy(() -> DemoConfig.parse(List.of("--colour")))
            .isInstanceOf(UsageError.class);
    }

    @Test
    void everyUsersPortsFollowTheContract() {
        assertThat(DemoUser.CAST).extracting(DemoUser::name)
            .containsExactly("shop", "alice", "bruno", "carol");
        assertThat(DemoUser.CAST).extracting(DemoUser::soapPort)
            .containsExactly(9091, 9101, 9102, 9103);
        assertThat(DemoUser.CAST).extracting(DemoUser::p2pPort)
            .containsExactly(8989, 8991, 8992, 8993);
        assertThat(DemoUser.CAST).extracting(DemoUser::seededBillons)
            .containsExactly(1_000_000L, 2_000_000L, 500_000L, 100_000L);
        assertThat(DemoUser.CAST.stream().mapToInt(DemoUser::soapPort).max().orElseThrow())
            .isEqualTo(DemoConfig.HIGHEST_PORT);
    }

    @Test
    void nodeArgumentsCarryPortsColonyLoginAndBehaviour() {
        Path demo = Path.of("/d");
        DemoUser alice = DemoUser.CAST.get(1);

        assertThat(alice.nodeArgs(demo, 7, 8907)).containsExactly(
            "--soap-port", "9108", "--p2p-port", "8998", "--colony", "http://127.0.0.1:8907",
            "--data", "/d/alice", "-U", "alice", "-P", "demo-password",
            "--wallet-policy", "accept-up-to=500000", "--accept-incoming", "yes",
            "--allow-non-merchant-user", "--personal-data", "/d/alice/personal-data.json");
        assertThat(DemoUser.CAST.get(0).nodeArgs(demo, 0, 8900))
            .contains("--accept-incoming", "no").doesNotContain("--allow-non-merchant-user");
        assertThat(DemoUser.CAST.get(3).nodeArgs(demo, 0, 8900))
            .contains("reject-all").doesNotContain("--personal-data");
        assertThat(alice.seededText()).isEqualTo("2 000 PLN (2 000 000 billons)");
    }
}
