package cnode.colony;

import static cnode.colony.DirectoryRig.bytes;
import static cnode.colony.DirectoryRig.reg;
import static cnode.colony.UserRegistered.Outcome.AR_CHOICE_UNKNOWN;
import static cnode.colony.UserRegistered.Outcome.DIRECTORY_FULL;
import static cnode.colony.UserRegistered.Outcome.EMAIL_INVALID;
import static cnode.colony.UserRegistered.Outcome.IPE_CHOICE_UNKNOWN;
import static cnode.colony.UserRegistered.Outcome.KEY_BLOB_MISSING;
import static cnode.colony.UserRegistered.Outcome.KEY_BLOB_TOO_LARGE;
import static cnode.colony.UserRegistered.Outcome.MERCHANT_DATA_NOT_AN_OBJECT;
import static cnode.colony.UserRegistered.Outcome.MERCHANT_DATA_TOO_LONG;
import static cnode.colony.UserRegistered.Outcome.MERCHANT_DATA_WITHOUT_MERCHANT;
import static cnode.colony.UserRegistered.Outcome.PASSWORD_HASH_INVALID;
import static cnode.colony.UserRegistered.Outcome.PUBLIC_KEY_INVALID;
import static cnode.colony.UserRegistered.Outcome.REGISTERED;
import static cnode.colony.UserRegistered.Outcome.TOO_MANY_EMAILS;
import static cnode.colony.UserRegistered.Outcome.USERNAME_INVALID;
import static cnode.colony.UserRegistered.Outcome.USERNAME_TAKEN;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.DirectoryRig.Reg;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Registration as a scenario table: every named result from one bad field, then pairs of bad
 * fields to pin the order of the guards, then the state checks (taken, full) and what a
 * successful registration stores. A refusal changes nothing: no user, nothing to drain.
 */
final class DirectoryRegisterTest {
    private static final String LONG_JSON = "{\"a\":\"" + "x".repeat(60) + "\"}";

    static Stream<Arguments> oneBadField() {
        return Stream.of(
            row("valid person", reg("alice"), REGISTERED),
            row("valid merchant", reg("shop").merchant("{\"logo\":\"\"}"), REGISTERED),
            row("no e-mails", reg("alice").emails(), REGISTERED),
            row("named choices", reg("alice").ar("OTHER_AR").ipe("OTHER_IPE"), REGISTERED),
            row("bad username", reg("Alice"), USERNAME_INVALID),
            row("short username", reg("abc"), USERNAME_INVALID),
            row("null username", reg(null), USERNAME_INVALID),
            row("empty hash", reg("alice").passwordHash(""), PASSWORD_HASH_INVALID),
            row("hash with space", reg("alice").passwordHash("a b"), PASSWORD_HASH_INVALID),
            row("hash too long", reg("alice").passwordHash("h".repeat(513)),
                PASSWORD_HASH_INVALID),
            row("short key", reg("alice").publicKey(bytes(31, 1)), PUBLIC_KEY_INVALID),
            row("long key", reg("alice").publicKey(bytes(33, 1)), PUBLIC_KEY_INVALID),
            row("null key", reg("alice").publicKey(null), PUBLIC_KEY_INVALID),
            row("no blob", reg("alice").keyBlob(UserBytes.EMPTY), KEY_BLOB_MISSING),
            row("null blob", reg("alice").keyBlob(null), KEY_BLOB_MISSING),
            row("blob at max", reg("alice").keyBlob(bytes(16, 1)), REGISTERED),
            row("blob too large", reg("alice").keyBlob(bytes(17, 1)), KEY_BLOB_TOO_LARGE),
            row("merchant data too long", reg("shop").merchant(LONG_JSON),
                MERCHANT_DATA_TOO_LONG),
            row("merchant data for a person", reg("alice").merchantJsonOnly("{}"),
                MERCHANT_DATA_WITHOUT_MERCHANT),
            row("merchant data an array", reg("shop").merchant("[1]"),
                MERCHANT_DATA_NOT_AN_OBJECT),
            row("merchant data malformed", reg("shop").merchant("{\"a\":"),
                MERCHANT_DATA_NOT_AN_OBJECT),
            row("merchant data trailing", reg("shop").merchant("{} {}"),
                MERCHANT_DATA_NOT_AN_OBJECT),
            row("unknown AR", reg("alice").ar("NOBODY"), AR_CHOICE_UNKNOWN),
            row("AR named as IPE only", reg("alice").ar("OTHER_IPE"), AR_CHOICE_UNKNOWN),
            row("unknown IPE", reg("alice").ipe("NOBODY"), IPE_CHOICE_UNKNOWN),
            row("too many e-mails", reg("alice").emails("a@b.pl", "c@d.pl", "e@f.pl"),
                TOO_MANY_EMAILS),
            row("e-mail without domain", reg("alice").emails("a@b"), EMAIL_INVALID),
            row("e-mail without at", reg("alice").emails("alice.example.com"), EMAIL_INVALID),
            row("empty e-mail", reg("alice").emails(""), EMAIL_INVALID),
            row("null e-mail", reg("alice").emails((String) null), EMAIL_INVALID));
    }

    static Stream<Arguments> twoBadFields() {
        return Stream.of(
            row("username before hash", reg("A").passwordHash(""), USERNAME_INVALID),
            row("hash before key", reg("alice").passwordHash("").publicKey(null),
                PASSWORD_HASH_INVALID),
            row("key before blob", reg("alice").publicKey(null).keyBlob(null),
                PUBLIC_KEY_INVALID),
            row("blob before merchant data", reg("alice").keyBlob(null).merchantJsonOnly("[]"),
                KEY_BLOB_MISSING),
            row("length before merchant flag", reg("alice").merchantJsonOnly(LONG_JSON),
                MERCHANT_DATA_TOO_LONG),
            row("merchant flag before JSON", reg("alice").merchantJsonOnly("[]"),
                MERCHANT_DATA_WITHOUT_MERCHANT),
            row("merchant data before AR", reg("shop").merchant("[]").ar("X"),
                MERCHANT_DATA_NOT_AN_OBJECT),
            row("AR before IPE", reg("alice").ar("X").ipe("Y"), AR_CHOICE_UNKNOWN),
            row("IPE before e-mails", reg("alice").ipe("Y").emails("bad"), IPE_CHOICE_UNKNOWN),
            row("count before syntax", reg("alice").emails("x", "y", "z"), TOO_MANY_EMAILS));
    }

    private static Arguments row(String name, Reg reg, UserRegistered.Outcome expected) {
        return Arguments.of(name, reg.build(), expected);
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource({"oneBadField", "twoBadFields"})
    void eachRegistrationGetsTheFirstResultThatApplies(String name, UserRegistration request,
                                                       UserRegistered.Outcome expected) {
        DirectoryRig rig = new DirectoryRig();

        UserRegistered answer = rig.directory.register(request, rig.now);

        assertThat(answer.outcome()).isEqualTo(expected);
        assertThat(answer.username()).isEqualTo(Username.check(request.username()));
        if (expected == REGISTERED) {
            assertThat(answer.mpin()).matches("[0-9A-Z]{6}");
            assertThat(rig.directory.userCount()).isEqualTo(1);
        } else {
            assertThat(answer.mpin()).isEmpty();
            assertThat(rig.directory.userCount()).isZero();
            assertThat(rig.directory.dirty()).isFalse();
        }
    }

    @Test
    void theTablesNameEveryOutcome() {
        Set<UserRegistered.Outcome> named = EnumSet.noneOf(UserRegistered.Outcome.class);
        oneBadField().forEach(args -> named.add((UserRegistered.Outcome) args.get()[2]));
        named.addAll(List.of(USERNAME_TAKEN, DIRECTORY_FULL));

        assertThat(named).containsExactlyInAnyOrder(UserRegistered.Outcome.values());
    }

    @Test
    void aTakenNameIsRefusedByNameAndTheFirstUserIsUntouched() {
        DirectoryRig rig = new DirectoryRig();
        rig.register("alice");
        UserRow first = rig.directory.user("alice").orElseThrow();
        rig.directory.drainChanges();

        UserRegistered again = rig.directory.register(reg("alice").merchant("{}").build(), 5);

        assertThat(again.outcome()).isEqualTo(USERNAME_TAKEN);
        assertThat(again.username()).isEqualTo(Username.Verdict.VALID);
        assertThat(rig.directory.user("alice")).contains(first);
        assertThat(rig.directory.dirty()).isFalse();
    }

    @Test
    void aFullDirectoryRefusesNewNamesButStillSaysTakenFirst() {
        DirectoryRig rig = new DirectoryRig();
        for (int i = 0; i < DirectoryRig.USERS_MAX; i++) {
            rig.register("user" + i);
        }

        assertThat(rig.directory.register(reg("late").build(), rig.now).outcome())
            .isEqualTo(DIRECTORY_FULL);
        assertThat(rig.directory.register(reg("user0").build(), rig.now).outcome())
            .isEqualTo(USERNAME_TAKEN);
        assertThat(rig.directory.register(reg("Late").build(), rig.now).outcome())
            .isEqualTo(USERNAME_INVALID);
        assertThat(rig.directory.userCount()).isEqualTo(DirectoryRig.USERS_MAX);
    }

    @Test
    void aRegisteredUserIsStoredWithTheDefaults() {
        DirectoryRig rig = new DirectoryRig();

        String mpin = rig.register("alice");

        UserRow row = rig.directory.user("alice").orElseThrow();
        assertThat(row.mpin()).isEqualTo(mpin);
        assertThat(row.passwordHash()).isEqualTo("pbkdf2-sha256$310000$c2FsdA$aGFzaA");
        assertThat(row.publicKey()).isEqualTo(bytes(32, 7));
        assertThat(row.keyBlob()).isEqualTo(bytes(12, 9));
        assertThat(row.merchant()).isFalse();
        assertThat(row.merchantJson()).isEqualTo("{}");
        assertThat(row.arChoice()).isEqualTo(DirectoryConfig.PLUS_BANK_PRODUCTION);
        assertThat(row.ipeChoice()).isEqualTo(DirectoryConfig.PLUS_BANK_PRODUCTION);
        assertThat(row.recoveryEmails()).containsExactly("someone@example.com");
        assertThat(row.lock()).isEqualTo(UserLock.NONE);
        assertThat(row.wrongPasswords()).isZero();
        assertThat(row.limits()).isEqualTo(DirectoryRig.DEFAULT_LIMITS);
        assertThat(row.registeredMs()).isEqualTo(DirectoryRig.T0);
        assertThat(rig.directory.account("alice"))
            .contains(new Account("alice", false, false, DirectoryRig.DEFAULT_LIMITS));
        assertThat(rig.directory.secrets("alice").orElseThrow())
            .isEqualTo(new UserSecrets("alice", row.passwordHash(), row.keyBlob(), mpin));
    }

    @Test
    void aMerchantKeepsItsDataAndChoices() {
        DirectoryRig rig = new DirectoryRig();
        String json = "{\"publicProfileJson\":\"{}\",\"logo\":\"AAE=\"}";

        rig.directory.register(reg("shop").merchant(json).ar("OTHER_AR").build(), rig.now);

        UserProfile profile = rig.directory.profile("shop", rig.now).orElseThrow();
        assertThat(profile.merchant()).isTrue();
        assertThat(profile.merchantJson()).isEqualTo(json);
        assertThat(profile.publicKey()).isEqualTo(bytes(32, 7));
        assertThat(profile.location()).isEqualTo(UserLocation.NONE);
        assertThat(rig.directory.user("shop").orElseThrow().arChoice()).isEqualTo("OTHER_AR");
        assertThat(rig.directory.account("shop").orElseThrow().merchant()).isTrue();
    }

    @Test
    void mpinsComeFromTheRandomSourceInTheDocumentedShape() {
        DirectoryRig one = new DirectoryRig();
        DirectoryRig same = new DirectoryRig();
        Set<String> mpins = new HashSet<>();
        for (int i = 0; i < DirectoryRig.USERS_MAX; i++) {
            String mpin = one.register("user" + i);
            assertThat(same.register("user" + i)).isEqualTo(mpin);
            mpins.add(mpin);
        }

        assertThat(mpins).hasSize(DirectoryRig.USERS_MAX).allMatch(m -> m.matches("[0-9A-Z]{6}"));
    }

    @Test
    void textsOfRecordsNeverShowSecrets() {
        DirectoryRig rig = new DirectoryRig();
        String mpin = rig.register("alice");
        String token = rig.login("alice");
        UserRow row = rig.directory.user("alice").orElseThrow();
        String saved = rig.directory.drainChanges().toString();
        rig.directory.logout(token, rig.now);
        String texts = String.join(" ", reg("alice").build().toString(), row.toString(),
            rig.directory.secrets("alice").orElseThrow().toString(), saved,
            rig.directory.drainChanges().toString(), row.keyBlob().toString(),
            rig.directory.snapshot().toString(), new LeaseHolder(token, "x").toString());

        assertThat(texts).doesNotContain(mpin, token, row.passwordHash(), "someone@example.com",
            Arrays.toString(row.keyBlob().bytes()));
        assertThat(texts).contains("alice", "sessionsGone=1");
    }
}
