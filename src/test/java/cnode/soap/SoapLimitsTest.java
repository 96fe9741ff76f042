package cnode.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Limits refuse bad values instead of correcting them; fault quotes stay short and whole. */
final class SoapLimitsTest {

    @Test
    void defaultsAreTheContracts() {
        assertThat(SoapLimits.defaults()).isEqualTo(new SoapLimits(262_144, 32, 10_000, 65_536));
    }

    @Test
    void nonPositiveLimitsAreRefused() {
        assertThatThrownBy(() -> new SoapLimits(0, 32, 10_000, 65_536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bodyBytesMax");
        assertThatThrownBy(() -> new SoapLimits(1, -1, 10_000, 65_536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depthMax");
        assertThatThrownBy(() -> new SoapLimits(1, 1, 0, 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elementCountMax");
        assertThatThrownBy(() -> new SoapLimits(1, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("textBytesMax");
    }

    @Test
    void quotesAreCutAtAHundredCharactersAndNeverSplitAPair() {
        assertThat(SoapFault.quote("short\nline")).isEqualTo("short?line");
        assertThat(SoapFault.quote("x".repeat(150))).isEqualTo("x".repeat(100) + "...");
        String pairAtTheCut = "x".repeat(99) + "\uD834\uDD1E" + "tail";
        assertThat(SoapFault.quote(pairAtTheCut)).isEqualTo("x".repeat(99) + "...");
        assertThat(SoapFault.quote("")).isEmpty();
    }
}
