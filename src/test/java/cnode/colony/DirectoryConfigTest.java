package cnode.colony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The directory's configuration: the defaults, and each bad value refused, never corrected. */
final class DirectoryConfigTest {
    @Test
    void theDefaultsOfferPlusBankAsTheDefaultChoice() {
        DirectoryConfig config = DirectoryConfig.defaults();

        assertThat(config.arChoices()).containsExactly("PLUS_BANK_PRODUCTION");
        assertThat(config.defaultAr()).isEqualTo("PLUS_BANK_PRODUCTION");
        assertThat(config.defaultIpe()).isEqualTo("PLUS_BANK_PRODUCTION");
        assertThat(config.wrongPasswordsMax()).isEqualTo(5);
        assertThat(config.defaultLimits()).isEqualTo(Limits.NONE);
    }

    @Test
    void theFirstChoiceOfAListIsItsDefault() {
        DirectoryConfig config = build(edit(9, List.of("B_AR", "A_AR")).apply(fields()));

        assertThat(config.defaultAr()).isEqualTo("B_AR");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
            Arguments.of("no users", edit(0, 0)),
            Arguments.of("too many users", edit(0, 10_000_001)),
            Arguments.of("negative e-mails", edit(1, -1)),
            Arguments.of("17 e-mails", edit(1, 17)),
            Arguments.of("merchant data of 1", edit(2, 1)),
            Arguments.of("no key blob", edit(3, 0)),
            Arguments.of("no wrong password", edit(4, 0)),
            Arguments.of("zero session", edit(5, 0L)),
            Arguments.of("no session per user", edit(6, 0)),
            Arguments.of("zero lease", edit(7, 0L)),
            Arguments.of("lease over a day", edit(7, 86_400_001L)),
            Arguments.of("zero freshness", edit(8, 0L)),
            Arguments.of("no AR", edit(9, List.of())),
            Arguments.of("lower-case AR", edit(9, List.of("plus"))),
            Arguments.of("AR twice", edit(9, List.of("A", "A"))),
            Arguments.of("blank IPE", edit(10, List.of(""))),
            Arguments.of("65 IPEs", edit(10, sixtyFive())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void eachBadValueIsRefused(String name, UnaryOperator<Object[]> edit) {
        assertThatIllegalArgumentException().isThrownBy(() -> build(edit.apply(fields())));
    }

    @Test
    void defaultLimitsAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> build(edit(11, null).apply(fields())));
    }

    private static List<String> sixtyFive() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            names.add("N" + i);
        }
        return names;
    }

    private static Object[] fields() {
        DirectoryConfig c = DirectoryConfig.defaults();
        return new Object[] {c.usersMax(), c.recoveryEmailsMax(), c.merchantJsonCharsMax(),
            c.keyBlobBytesMax(), c.wrongPasswordsMax(), c.sessionTtlMs(), c.sessionsPerUserMax(),
            c.leaseTtlMaxMs(), c.locationFreshMs(), c.arChoices(), c.ipeChoices(),
            c.defaultLimits()};
    }

    private static UnaryOperator<Object[]> edit(int index, Object value) {
        return fields -> {
            Object[] copy = Arrays.copyOf(fields, fields.length);
            copy[index] = value;
            return copy;
        };
    }

    @SuppressWarnings("unchecked")
    private static DirectoryConfig build(Object[] f) {
        return new DirectoryConfig((int) f[0], (int) f[1], (int) f[2], (int) f[3], (int) f[4],
            (long) f[5], (int) f[6], (long) f[7], (long) f[8], (List<String>) f[9],
            (List<String>) f[10], (Limits) f[11]);
    }
}
