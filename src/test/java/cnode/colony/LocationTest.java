package cnode.colony;

import static cnode.colony.DirectoryRig.FRESH_MS;
import static cnode.colony.DirectoryRig.SESSION_TTL_MS;
import static cnode.colony.DirectoryRig.T0;
import static cnode.colony.LocationOutcome.ADDRESS_INVALID;
import static cnode.colony.LocationOutcome.MACHINE_ID_INVALID;
import static cnode.colony.LocationOutcome.SESSION_EXPIRED;
import static cnode.colony.LocationOutcome.SESSION_UNKNOWN;
import static cnode.colony.LocationOutcome.SET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Locations: set by the user's node through its session (each named result and the order of
 * the guards), read by anyone, and offline once not refreshed within the freshness
 * ({@value DirectoryRig#FRESH_MS} ms in the rig).
 */
final class LocationTest {
    private static final String GOOD = "127.0.0.1:8989";
    private static final String MACHINE = "0000111100005555";

    /** Which token the call carries. */
    enum Token { VALID, EXPIRED, UNKNOWN }

    static Stream<Arguments> reports() {
        return Stream.of(
            Arguments.of(Token.VALID, GOOD, MACHINE, SET),
            Arguments.of(Token.VALID, "node.example.com:1", "ABCDEF0123", SET),
            Arguments.of(Token.VALID, "[::1]:65535", "f", SET),
            Arguments.of(Token.UNKNOWN, GOOD, MACHINE, SESSION_UNKNOWN),
            Arguments.of(Token.EXPIRED, GOOD, MACHINE, SESSION_EXPIRED),
            Arguments.of(Token.VALID, "127.0.0.1", MACHINE, ADDRESS_INVALID),
            Arguments.of(Token.VALID, "127.0.0.1:0", MACHINE, ADDRESS_INVALID),
            Arguments.of(Token.VALID, "127.0.0.1:65536", MACHINE, ADDRESS_INVALID),
            Arguments.of(Token.VALID, null, MACHINE, ADDRESS_INVALID),
            Arguments.of(Token.VALID, GOOD, "xyz", MACHINE_ID_INVALID),
            Arguments.of(Token.VALID, GOOD, "", MACHINE_ID_INVALID),
            Arguments.of(Token.VALID, GOOD, "a".repeat(65), MACHINE_ID_INVALID),
            // Precedence: the session before the fields, the address before the machine id.
            Arguments.of(Token.UNKNOWN, "bad", "bad", SESSION_UNKNOWN),
            Arguments.of(Token.EXPIRED, "bad", "bad", SESSION_EXPIRED),
            Arguments.of(Token.VALID, "bad", "bad", ADDRESS_INVALID));
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @MethodSource("reports")
    void eachReportGetsTheFirstResultThatApplies(Token token, String address, String machine,
                                                 LocationOutcome expected) {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        String valid = rig.login("alice");
        long now = token == Token.EXPIRED ? T0 + SESSION_TTL_MS : T0;
        String sent = token == Token.UNKNOWN ? "X".repeat(32) : valid;

        LocationOutcome outcome = rig.directory.setLocation(sent,
            new LocationUpdate(address, machine, true), now);

        assertThat(outcome).isEqualTo(expected);
        UserLocation read = rig.directory.location("alice", now).orElseThrow();
        if (expected == SET) {
            assertThat(read).isEqualTo(new UserLocation(address, machine, true, now));
        } else {
            assertThat(read).isEqualTo(UserLocation.NONE);
        }
    }

    @Test
    void anOnlineNodeReadsOfflineOnceItsReportIsStale() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        String token = rig.login("alice");
        rig.directory.setLocation(token, new LocationUpdate(GOOD, MACHINE, true), T0);

        assertThat(rig.directory.location("alice", T0 + FRESH_MS - 1).orElseThrow().online())
            .isTrue();
        UserLocation stale = rig.directory.location("alice", T0 + FRESH_MS).orElseThrow();
        assertThat(stale).isEqualTo(new UserLocation(GOOD, MACHINE, false, T0));

        rig.directory.setLocation(token, new LocationUpdate(GOOD, MACHINE, true), T0 + 400);
        assertThat(rig.directory.profile("alice", T0 + 500).orElseThrow().online()).isTrue();
    }

    @Test
    void aNodeThatSaysOfflineIsOfflineAtOnce() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        String token = rig.login("alice");
        rig.directory.setLocation(token, new LocationUpdate(GOOD, MACHINE, true), T0);

        rig.directory.setLocation(token, new LocationUpdate(GOOD, MACHINE, false), T0 + 1);

        assertThat(rig.directory.location("alice", T0 + 1).orElseThrow().online()).isFalse();
    }

    @Test
    void anyoneReadsLocationsAndTheUnknownReadNothing() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        rig.register("bruno");
        String alice = rig.login("alice");
        rig.directory.setLocation(alice, new LocationUpdate(GOOD, MACHINE, true), T0);

        assertThat(rig.directory.location("alice", T0).orElseThrow().address()).isEqualTo(GOOD);
        assertThat(rig.directory.location("bruno", T0)).contains(UserLocation.NONE);
        assertThat(rig.directory.location("nobody", T0)).isEmpty();
        assertThat(rig.directory.profile("nobody", T0)).isEmpty();
        assertThat(rig.directory.profile("alice", T0).orElseThrow().location().machineIdHex())
            .isEqualTo(MACHINE);
    }
}
