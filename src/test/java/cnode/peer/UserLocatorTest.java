package cnode.peer;

import static cnode.peer.PeerNode.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.ColonyUsers.LocationRequest;
import cnode.colony.server.EdgeRig;
import cnode.colony.server.EdgeRig.Member;
import cnode.stdx.ManualClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locator against a real colony in-process: users registered and located as the
 * directory has them, a peer location hint, the cache's time to live on a manual clock,
 * background lookups, and the answers when the colony cannot be reached.
 */
class UserLocatorTest {
    private static final long TTL_MS = 60_000;

    @TempDir
    static Path data;
    private static EdgeRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = EdgeRig.start(data, 41);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static UserLocator locator(ManualClock clock) {
        return new UserLocator(rig.users, clock, new LocatorLimits(100, TTL_MS, 1, 4));
    }

    private static void report(Member member, String address, boolean online) throws Exception {
        EdgeRig.ok(rig.users.setLocation(member.session(), member.username(),
            new LocationRequest(address, "00FF", online)));
    }

    private static PeerAddress at(String text) {
        return PeerAddress.parse(text).orElseThrow();
    }

    @Test
    void anOnlineUserIsFoundWithTheDirectorysKey() throws Exception {
        Member olga = rig.member("olga");
        report(olga, "127.0.0.1:8991", true);
        try (UserLocator locator = locator(new ManualClock(1_000))) {
            assertThat(locator.locate("olga")).isEqualTo(new LocateResult.Found("olga",
                at("127.0.0.1:8991"), olga.keys().publicKey()));
            assertThat(locator.locate("nobody.here"))
                .isEqualTo(new LocateResult.UnknownUser("nobody.here"));
            assertThat(locator.publicKey("olga")).contains(olga.keys().publicKey());
            assertThat(locator.publicKey("nobody.here")).isEmpty();
        }
    }

    @Test
    void aUserThatNeverReportedIsOfflineUnlessARequestSaysWhereItIs() throws Exception {
        Member piet = rig.member("piet");
        try (UserLocator locator = locator(new ManualClock(1_000))) {
            assertThat(locator.locate("piet")).isEqualTo(new LocateResult.Offline("piet"));
            assertThat(locator.locate("piet", Optional.of(at("[::1]:9001"))))
                .isEqualTo(new LocateResult.Found("piet", at("[::1]:9001"),
                    piet.keys().publicKey()));

            report(piet, "127.0.0.1:9002", true);
            assertThat(locator.locate("piet")).as("an offline answer is not kept")
                .isEqualTo(new LocateResult.Found("piet", at("127.0.0.1:9002"),
                    piet.keys().publicKey()));
            assertThat(locator.locate("piet", Optional.of(at("10.0.0.7:9003"))))
                .as("the hint wins over the directory's address")
                .isEqualTo(new LocateResult.Found("piet", at("10.0.0.7:9003"),
                    piet.keys().publicKey()));
            report(piet, "127.0.0.1:9002", false);
            locator.forget("piet");
            assertThat(locator.locate("piet")).isEqualTo(new LocateResult.Offline("piet"));
        }
    }

    @Test
    void aKeptAnswerIsUsedUntilItsTimeToLiveEnds() throws Exception {
        Member rosa = rig.member("rosa");
        report(rosa, "127.0.0.1:7001", true);
        ManualClock clock = new ManualClock(1_000);
        try (UserLocator locator = locator(clock)) {
            assertThat(found(locator.locate("rosa"))).isEqualTo(at("127.0.0.1:7001"));
            report(rosa, "127.0.0.1:7002", true);
            clock.advanceMs(TTL_MS - 1);
            assertThat(found(locator.locate("rosa"))).isEqualTo(at("127.0.0.1:7001"));
            clock.advanceMs(1);
            assertThat(locator.holds("rosa")).isFalse();
            assertThat(found(locator.locate("rosa"))).isEqualTo(at("127.0.0.1:7002"));
        }
    }

    @Test
    void aBackgroundLookupFillsTheCache() throws Exception {
        Member tina = rig.member("tina");
        report(tina, "127.0.0.1:7101", true);
        UserLocator locator = locator(new ManualClock(1_000));
        try {
            assertThat(locator.holds("tina")).isFalse();
            assertThat(locator.prefetch("tina")).isEqualTo(UserLocator.Prefetch.QUEUED);
            eventually(() -> locator.holds("tina"), "the background lookup keeps tina");
            report(tina, "127.0.0.1:7102", true);
            assertThat(found(locator.locate("tina"))).as("answered from the cache")
                .isEqualTo(at("127.0.0.1:7101"));
        } finally {
            locator.close();
        }
        assertThat(locator.prefetch("tina")).isEqualTo(UserLocator.Prefetch.CLOSED);
    }

    @Test
    void aColonyThatCannotBeReachedIsAValueAndNotAnUnknownUser() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        try (ColonyClient client = new ColonyClient(URI.create("http://127.0.0.1:" + free),
                 ClientLimits.defaults());
             UserLocator locator = new UserLocator(new ColonyUsers(client),
                 new ManualClock(1_000), LocatorLimits.defaults())) {
            assertThat(locator.locate("olga")).isInstanceOf(LocateResult.ColonyUnreachable.class);
            assertThatThrownBy(() -> locator.publicKey("olga")).isInstanceOf(IOException.class);
        }
    }

    private static PeerAddress found(LocateResult result) {
        assertThat(result).isInstanceOf(LocateResult.Found.class);
        return ((LocateResult.Found) result).address();
    }
}
