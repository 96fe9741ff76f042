package cnode.colony;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.Username.Verdict;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The username rule (contract §5) as a table, including which verdict wins when two apply. */
final class UsernameTest {
    static Stream<Arguments> names() {
        return Stream.of(
            Arguments.of("alice", Verdict.VALID),
            Arguments.of("abcd", Verdict.VALID),
            Arguments.of("a" + "b".repeat(31), Verdict.VALID),
            Arguments.of("a.b_c-9", Verdict.VALID),
            Arguments.of("z000", Verdict.VALID),
            Arguments.of(null, Verdict.MISSING),
            Arguments.of("", Verdict.MISSING),
            Arguments.of("abc", Verdict.TOO_SHORT),
            Arguments.of("a" + "b".repeat(32), Verdict.TOO_LONG),
            Arguments.of("Alice", Verdict.BAD_CHARACTER),
            Arguments.of("al ice", Verdict.BAD_CHARACTER),
            Arguments.of("alicé", Verdict.BAD_CHARACTER),
            Arguments.of("ali@ce", Verdict.BAD_CHARACTER),
            Arguments.of("1alice", Verdict.FIRST_NOT_A_LETTER),
            Arguments.of(".alice", Verdict.FIRST_NOT_A_LETTER),
            Arguments.of("_abc", Verdict.FIRST_NOT_A_LETTER),
            // Precedence: length before characters, characters before the first letter.
            Arguments.of("A!", Verdict.TOO_SHORT),
            Arguments.of("9" + "X".repeat(40), Verdict.TOO_LONG),
            Arguments.of("9ABC", Verdict.BAD_CHARACTER));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("names")
    void eachNameGetsTheFirstVerdictThatApplies(String name, Verdict expected) {
        assertThat(Username.check(name)).isEqualTo(expected);
        assertThat(Username.valid(name)).isEqualTo(expected == Verdict.VALID);
    }
}
