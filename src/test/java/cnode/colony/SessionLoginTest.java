package cnode.colony;

import static cnode.colony.DirectoryRig.SESSION_TTL_MS;
import static cnode.colony.DirectoryRig.T0;
import static cnode.colony.DirectoryRig.WRONG_MAX;
import static cnode.colony.SessionGrant.Outcome.LOCKED;
import static cnode.colony.SessionGrant.Outcome.LOGGED_IN;
import static cnode.colony.SessionGrant.Outcome.UNKNOWN_USER;
import static cnode.colony.SessionGrant.Outcome.WRONG_PASSWORD;
import static cnode.colony.UserPassword.MATCHED;
import static cnode.colony.UserPassword.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Login on the edge's verdict, wrong-password counting and lockout, administrator locks and
 * limits, and sessions with time as an argument: expiry, renewal, logout, the per-user cap and
 * the sweep. The rig locks after {@value DirectoryRig#WRONG_MAX} wrong passwords and keeps
 * {@value DirectoryRig#SESSIONS_MAX} sessions of {@value DirectoryRig#SESSION_TTL_MS} ms.
 */
final class SessionLoginTest {
    /** A user's state before the login, as a step that makes it. */
    enum Before { NOBODY, OPEN, ADMIN_LOCKED, PASSWORD_LOCKED, ONE_WRONG_TO_LOCK }

    static Stream<Arguments> logins() {
        return Stream.of(
            Arguments.of(Before.NOBODY, MATCHED, UNKNOWN_USER),
            Arguments.of(Before.NOBODY, WRONG, UNKNOWN_USER),
            Arguments.of(Before.OPEN, MATCHED, LOGGED_IN),
            Arguments.of(Before.OPEN, WRONG, WRONG_PASSWORD),
            Arguments.of(Before.ADMIN_LOCKED, MATCHED, LOCKED),
            Arguments.of(Before.ADMIN_LOCKED, WRONG, LOCKED),
            Arguments.of(Before.PASSWORD_LOCKED, MATCHED, LOCKED),
            Arguments.of(Before.PASSWORD_LOCKED, WRONG, LOCKED),
            Arguments.of(Before.ONE_WRONG_TO_LOCK, WRONG, LOCKED),
            Arguments.of(Before.ONE_WRONG_TO_LOCK, MATCHED, LOGGED_IN));
    }

    @ParameterizedTest(name = "{0}, {1} → {2}")
    @MethodSource("logins")
    void eachLoginGetsTheFirstResultThatApplies(Before before, UserPassword password,
                                                SessionGrant.Outcome expected) {
        DirectoryRig rig = new DirectoryRig();
        prepare(rig, before);

        SessionGrant grant = rig.directory.login("alice", password, rig.now);

        assertThat(grant.outcome()).isEqualTo(expected);
        assertThat(grant.loggedIn()).isEqualTo(expected == LOGGED_IN);
        assertThat(rig.directory.sessionCount()).isEqualTo(expected == LOGGED_IN ? 1 : 0);
        if (expected == LOGGED_IN) {
            assertThat(grant.token()).matches("[0-9A-V]{32}");
            assertThat(grant.expiresMs()).isEqualTo(T0 + SESSION_TTL_MS);
            assertThat(rig.directory.user("alice").orElseThrow().wrongPasswords()).isZero();
        } else {
            assertThat(grant.token()).isEmpty();
        }
    }

    private static void prepare(DirectoryRig rig, Before before) {
        if (before == Before.NOBODY) {
            return;
        }
        rig.register("alice");
        switch (before) {
            case ADMIN_LOCKED -> rig.directory.lock("alice");
            case PASSWORD_LOCKED -> wrong(rig, WRONG_MAX);
            case ONE_WRONG_TO_LOCK -> wrong(rig, WRONG_MAX - 1);
            default -> { }
        }
    }

    private static void wrong(DirectoryRig rig, int times) {
        for (int i = 0; i < times; i++) {
            rig.directory.login("alice", WRONG, rig.now);
        }
    }

    @Test
    void wrongPasswordsInARowLockTheUserAndEndItsSessions() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        String token = rig.login("alice");

        assertThat(rig.directory.login("alice", WRONG, T0).outcome()).isEqualTo(WRONG_PASSWORD);
        assertThat(rig.directory.login("alice", WRONG, T0).outcome()).isEqualTo(WRONG_PASSWORD);
        assertThat(rig.directory.user("alice").orElseThrow().wrongPasswords()).isEqualTo(2);
        assertThat(rig.directory.account("alice").orElseThrow().locked()).isFalse();
        assertThat(rig.directory.login("alice", WRONG, T0).outcome()).isEqualTo(LOCKED);

        UserRow row = rig.directory.user("alice").orElseThrow();
        assertThat(row.lock()).isEqualTo(UserLock.WRONG_PASSWORDS);
        assertThat(row.wrongPasswords()).isEqualTo(WRONG_MAX);
        assertThat(rig.directory.account("alice").orElseThrow().locked()).isTrue();
        assertThat(rig.directory.session(token, T0).state()).isEqualTo(SessionState.UNKNOWN);
        assertThat(rig.directory.login("alice", MATCHED, T0).outcome()).isEqualTo(LOCKED);
        assertThat(rig.directory.login("alice", WRONG, T0).outcome()).isEqualTo(LOCKED);
        assertThat(rig.directory.user("alice").orElseThrow().wrongPasswords()).isEqualTo(WRONG_MAX);
    }

    @Test
    void aGoodPasswordForgetsTheWrongOnesCountedBefore() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        wrong(rig, WRONG_MAX - 1);
        rig.login("alice");

        wrong(rig, WRONG_MAX - 1);

        assertThat(rig.directory.account("alice").orElseThrow().locked()).isFalse();
        assertThat(rig.directory.login("alice", WRONG, T0).outcome()).isEqualTo(LOCKED);
    }

    @Test
    void unlockLiftsEitherLockAndResetsTheCount() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        wrong(rig, WRONG_MAX);

        assertThat(rig.directory.unlock("alice")).isEqualTo(UserChange.DONE);
        assertThat(rig.directory.user("alice").orElseThrow().wrongPasswords()).isZero();
        wrong(rig, WRONG_MAX - 1);
        assertThat(rig.directory.account("alice").orElseThrow().locked()).isFalse();
        assertThat(rig.directory.unlock("alice")).isEqualTo(UserChange.DONE);
        assertThat(rig.directory.unlock("alice")).isEqualTo(UserChange.UNCHANGED);
        assertThat(rig.directory.lock("alice")).isEqualTo(UserChange.DONE);
        assertThat(rig.directory.unlock("alice")).isEqualTo(UserChange.DONE);
        assertThat(rig.login("alice")).isNotEmpty();
        assertThat(rig.directory.unlock("nobody")).isEqualTo(UserChange.UNKNOWN_USER);
    }

    @Test
    void anAdministratorsLockEndsSessionsAndLeaseAndIsNotCounted() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        String token = rig.login("alice");
        rig.directory.acquireLease(new LeaseHolder(token, "node-1"), 100, T0);
        wrong(rig, 1);

        assertThat(rig.directory.lock("alice")).isEqualTo(UserChange.DONE);
        assertThat(rig.directory.lock("alice")).isEqualTo(UserChange.UNCHANGED);
        assertThat(rig.directory.lock("nobody")).isEqualTo(UserChange.UNKNOWN_USER);
        assertThat(rig.directory.session(token, T0).state()).isEqualTo(SessionState.UNKNOWN);
        assertThat(rig.directory.lease("alice", T0)).isEmpty();
        wrong(rig, WRONG_MAX);
        UserRow row = rig.directory.user("alice").orElseThrow();
        assertThat(row.lock()).isEqualTo(UserLock.ADMIN);
        assertThat(row.wrongPasswords()).isEqualTo(1);
    }

    @Test
    void anAdministratorsLockReplacesAPasswordLock() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        wrong(rig, WRONG_MAX);

        assertThat(rig.directory.lock("alice")).isEqualTo(UserChange.DONE);

        assertThat(rig.directory.user("alice").orElseThrow().lock()).isEqualTo(UserLock.ADMIN);
    }

    @Test
    void limitsStartAtTheDefaultAndAreSetByTheAdministrator() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        Limits limits = new Limits(5, 6, 7, 8);

        assertThat(rig.directory.setLimits("alice", limits)).isEqualTo(UserChange.DONE);
        assertThat(rig.directory.setLimits("alice", limits)).isEqualTo(UserChange.UNCHANGED);
        assertThat(rig.directory.setLimits("nobody", limits)).isEqualTo(UserChange.UNKNOWN_USER);

        assertThat(rig.directory.account("alice")).contains(new Account("alice", false, false,
            limits));
        assertThat(rig.directory.account("nobody")).isEmpty();
    }

    @Test
    void aSessionIsValidUntilItsExpiryThenExpired() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        String token = rig.login("alice");

        assertThat(rig.directory.session(token, T0 + SESSION_TTL_MS - 1))
            .isEqualTo(new SessionLookup(SessionState.VALID, "alice", T0 + SESSION_TTL_MS));
        assertThat(rig.directory.session(token, T0 + SESSION_TTL_MS).state())
            .isEqualTo(SessionState.EXPIRED);
        assertThat(rig.directory.session("0".repeat(32), T0)).isEqualTo(SessionLookup.UNKNOWN);
        assertThat(rig.directory.session(null, T0)).isEqualTo(SessionLookup.UNKNOWN);
    }

    @Test
    void expiriesSaturateAtTheEndOfTime() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");

        SessionGrant grant = rig.directory.login("alice", MATCHED, Long.MAX_VALUE - 10);

        assertThat(grant.expiresMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(Directory.later(-5, 10)).isEqualTo(5);
        assertThat(Directory.later(Long.MAX_VALUE - 10, 10)).isEqualTo(Long.MAX_VALUE);
        assertThat(Directory.later(Long.MAX_VALUE - 10, 11)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void renewalExtendsOnlyAValidSession() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        String token = rig.login("alice");

        SessionLookup renewed = rig.directory.renewSession(token, T0 + 900);

        assertThat(renewed.expiresMs()).isEqualTo(T0 + 900 + SESSION_TTL_MS);
        assertThat(rig.directory.session(token, T0 + 1_500).valid()).isTrue();
        long end = T0 + 900 + SESSION_TTL_MS;
        assertThat(rig.directory.renewSession(token, end).state()).isEqualTo(SessionState.EXPIRED);
        assertThat(rig.directory.session(token, end - 1).valid()).isTrue();
        assertThat(rig.directory.renewSession("nope", T0)).isEqualTo(SessionLookup.UNKNOWN);
    }

    @Test
    void logoutEndsASessionWhateverItsState() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        String valid = rig.login("alice");
        String expired = rig.login("alice");

        assertThat(rig.directory.logout(valid, T0)).isEqualTo(SessionState.VALID);
        assertThat(rig.directory.logout(valid, T0)).isEqualTo(SessionState.UNKNOWN);
        assertThat(rig.directory.logout(expired, T0 + SESSION_TTL_MS))
            .isEqualTo(SessionState.EXPIRED);
        assertThat(rig.directory.sessionCount()).isZero();
    }

    @Test
    void aLoginBeyondTheCapDropsTheOldestSession() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        rig.register("bruno");
        String first = rig.login("alice");
        rig.now = T0 + 1;
        String second = rig.login("alice");
        String bruno = rig.login("bruno");
        rig.directory.renewSession(first, T0 + 2);
        rig.now = T0 + 3;

        String third = rig.login("alice");

        assertThat(rig.directory.session(first, rig.now).state()).isEqualTo(SessionState.UNKNOWN);
        assertThat(List.of(second, third, bruno))
            .allMatch(token -> rig.directory.session(token, rig.now).valid());
        assertThat(rig.directory.sessionCount()).isEqualTo(3);
    }

    @Test
    void theSweepForgetsExpiredSessionsEarliestFirstUpToItsBatch() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        rig.register("bruno");
        String a = rig.login("alice");
        rig.now = T0 + 10;
        String b = rig.login("bruno");
        rig.now = T0 + 20;
        String c = rig.login("alice");

        assertThat(rig.directory.sweep(T0 + SESSION_TTL_MS + 5, 10)).isEqualTo(1);
        assertThat(rig.directory.session(a, T0).state()).isEqualTo(SessionState.UNKNOWN);
        assertThat(rig.directory.sweep(T0 + SESSION_TTL_MS + 15, 1)).isEqualTo(1);
        assertThat(rig.directory.session(b, T0).state()).isEqualTo(SessionState.UNKNOWN);
        assertThat(rig.directory.session(c, T0).valid()).isTrue();
        assertThat(rig.directory.sweep(T0 + SESSION_TTL_MS + 15, 1)).isZero();
        assertThat(rig.directory.sweep(T0 + SESSION_TTL_MS + 20, 5)).isEqualTo(1);
        assertThat(rig.directory.sessionCount()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> rig.directory.sweep(T0, 0));
    }

    @Test
    void tokensComeFromTheRandomSourceAndARepeatIsABug() {
        DirectoryRig rig = new DirectoryRig(new Directory(DirectoryRig.config(), bytes -> { }));
        rig.register("alice");
        rig.register("bruno");
        assertThat(rig.login("alice")).isEqualTo("0".repeat(32));

        assertThatIllegalStateException()
            .isThrownBy(() -> rig.directory.login("bruno", MATCHED, T0));
    }

    @Test
    void accountsArePagedInUsernameOrder() {
        DirectoryRig rig = new DirectoryRig();
        for (String name : List.of("dave", "alice", "carol", "bruno")) {
            rig.register(name);
        }
        rig.directory.lock("carol");

        List<Account> first = rig.directory.accounts(null, 3);
        List<Account> rest = rig.directory.accounts(first.getLast().username(), 3);

        assertThat(first).extracting(Account::username).containsExactly("alice", "bruno", "carol");
        assertThat(first.get(2).locked()).isTrue();
        assertThat(rest).extracting(Account::username).containsExactly("dave");
        assertThat(rig.directory.accounts("dave", 3)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> rig.directory.accounts(null, 0));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> rig.directory.accounts(null, Directory.ACCOUNTS_PAGE_MAX + 1));
    }
}
