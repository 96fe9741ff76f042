package cnode.stdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Durations as the command line writes them, and ids in the documented shape. */
class StdxTest {
    @Test
    void durationsParseEveryUnit() {
        assertThat(Durations.parseMs("500ms")).isEqualTo(500);
        assertThat(Durations.parseMs("30s")).isEqualTo(30_000);
        assertThat(Durations.parseMs("10m")).isEqualTo(600_000);
        assertThat(Durations.parseMs("24h")).isEqualTo(86_400_000);
        assertThat(Durations.parseMs("730d")).isEqualTo(730L * 86_400_000);
    }

    @Test
    void durationsRefuseAnythingElse() {
        for (String bad : new String[] {"", " ", "10", "s", "1.5s", "-1s", "10 s", "10S", "1w",
            "9999999999999d", "1000000000000000000ms"}) {
            assertThatThrownBy(() -> Durations.parseMs(bad)).as(bad)
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void durationsFormatBackToWhatTheyParse() {
        for (long ms : new long[] {1, 500, 1_000, 90_000, 3_600_000, 86_400_000, 1_234}) {
            assertThat(Durations.parseMs(Durations.format(ms))).isEqualTo(ms);
        }
        assertThat(Durations.format(86_400_000)).isEqualTo("1d");
    }

    @Test
    void idsAreTwentySixCharactersOfDigitsAndCapitals() {
        Ids ids = new Ids(new SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            assertThat(id).matches("[0-9A-Z]{26}");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }
}
