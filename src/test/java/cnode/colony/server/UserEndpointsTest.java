package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static cnode.colony.server.EdgeRig.refusedAs;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ColonyAdmin.UserEntry;
import cnode.colony.client.ColonyUsers.LocationRequest;
import cnode.colony.client.ColonyUsers.LocationView;
import cnode.colony.client.ColonyUsers.LoginReply;
import cnode.colony.client.ColonyUsers.MerchantDetails;
import cnode.colony.client.ColonyUsers.ProfileReply;
import cnode.colony.client.ColonyUsers.RegisterReply;
import cnode.colony.client.ColonyUsers.RegisterRequest;
import cnode.colony.client.Outcome;
import cnode.colony.client.SessionToken;
import cnode.colony.server.EdgeRig.Member;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.crypto.PrivateKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory's endpoints over real sockets: registration, login (and logging in "on another
 * node" by opening the key blob the colony hands back), sessions, profiles and locations; each
 * success, and each named refusal from a real cause, with the state checked afterwards.
 */
class UserEndpointsTest {
    @TempDir
    static Path data;
    private static EdgeRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = EdgeRig.start(data, 11);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static RegisterRequest with(RegisterRequest base, String publicKey, String keyBlob,
                                        boolean merchant, MerchantDetails details,
                                        String ar, List<String> emails) {
        return new RegisterRequest(base.username(), base.password(), publicKey, keyBlob,
            merchant, details, ar, null, emails);
    }

    @Test
    void aRegisteredUserLogsInOnAnyNodeWithThePasswordAlone() throws Exception {
        KeyPair keys = rig.keys();
        RegisterRequest request = rig.registration("rita", "rita's secret", keys);
        RegisterReply registered = ok(rig.users.register(request));
        assertThat(registered.username()).isEqualTo("rita");
        assertThat(registered.mpin()).matches("[0-9A-Z]{6}");

        LoginReply login = ok(rig.users.login("rita", "rita's secret"));
        assertThat(login.publicKey()).isEqualTo(keys.publicKey().text());
        assertThat(login.mpin()).isEqualTo(registered.mpin());
        assertThat(login.expiresAtMs()).isGreaterThan(System.currentTimeMillis());
        Optional<PrivateKey> opened = KeyBlob.parse(login.keyBlob()).orElseThrow()
            .open("rita", "rita's secret");
        assertThat(opened).contains(keys.privateKey());
        assertThat(login.toString()).doesNotContain(login.session()).doesNotContain(login.mpin());

        ProfileReply profile = ok(rig.users.profile("rita"));
        assertThat(profile).isEqualTo(new ProfileReply("rita", keys.publicKey().text(), false,
            null, new LocationView(null, null, false, null)));
    }

    @Test
    void registrationRefusesEachBadFieldByNameAndKeepsNothing() throws Exception {
        KeyPair keys = rig.keys();
        RegisterRequest base = rig.registration("vera", "pw", keys);
        String key = base.publicKey();
        String blob = base.keyBlob();
        MerchantDetails shop = new MerchantDetails("{\"name\":\"Vera\"}", null, null, null);
        Object[][] cases = {
            {rig.registration("Vera", "pw", keys), 400, "USERNAME_INVALID"},
            {rig.registration("ve", "pw", keys), 400, "USERNAME_INVALID"},
            {rig.registration("1vera", "pw", keys), 400, "USERNAME_INVALID"},
            {new RegisterRequest("vera", "", key, blob, false, null, null, null, null), 400,
                "PASSWORD_INVALID"},
            {new RegisterRequest("vera", "x".repeat(1_025), key, blob, false, null, null, null,
                null), 400, "PASSWORD_INVALID"},
            {with(base, key.substring(1), blob, false, null, null, null), 400,
                "PUBLIC_KEY_INVALID"},
            {with(base, key, blob.substring(2), false, null, null, null), 400,
                "KEY_BLOB_INVALID"},
            {with(base, key, blob, false, shop, null, null), 400,
                "MERCHANT_DATA_WITHOUT_MERCHANT"},
            {with(base, key, blob, true, new MerchantDetails(null, null, null, "l".repeat(20_000)),
                null, null), 400, "MERCHANT_DATA_TOO_LONG"},
            {with(base, key, blob, false, null, "OTHER_BANK", null), 400, "AR_CHOICE_UNKNOWN"},
            {new RegisterRequest("vera", "pw", key, blob, false, null, null, "NOBODY", null),
                400, "IPE_CHOICE_UNKNOWN"},
            {with(base, key, blob, false, null, null, List.of("a@b.pl", "c@d.pl", "e@f.pl",
                "g@h.pl")), 400, "TOO_MANY_EMAILS"},
            {with(base, key, blob, false, null, null, List.of("not-an-address")), 400,
                "EMAIL_INVALID"},
            {with(base, key, blob, true, new MerchantDetails("\ud800", null, null, null), null,
                null), 400, "MALFORMED_JSON"},
        };
        for (Object[] c : cases) {
            refusedAs(rig.users.register((RegisterRequest) c[0]), (int) c[1], (String) c[2]);
        }
        refusedAs(rig.users.profile("vera"), 404, "UNKNOWN_USER");
        ok(rig.users.register(base));
        refusedAs(rig.users.register(rig.registration("vera", "other", rig.keys())), 409,
            "USERNAME_TAKEN");
        assertThat(ok(rig.users.profile("vera")).publicKey()).isEqualTo(key);
    }

    @Test
    void aMerchantsDataIsPublishedAsGiven() throws Exception {
        KeyPair keys = rig.keys();
        RegisterRequest base = rig.registration("mona.shop", "pw", keys);
        MerchantDetails details = new MerchantDetails("{\"name\":\"Mona\"}",
            "{\"nip\":\"123\"}", "{\"iban\":\"PL61109010140000071219812874\"}", "AAAA");
        ok(rig.users.register(new RegisterRequest(base.username(), base.password(),
            base.publicKey(), base.keyBlob(), true, details, "PLUS_BANK_PRODUCTION",
            "PLUS_BANK_PRODUCTION", List.of("mona@shop.pl"))));
        ProfileReply profile = ok(rig.users.profile("mona.shop"));
        assertThat(profile.merchant()).isTrue();
        assertThat(profile.merchantData()).isEqualTo(details);
        UserEntry entry = ok(rig.admin.users("mona.sho", 1)).users().getFirst();
        assertThat(entry.username()).isEqualTo("mona.shop");
        assertThat(entry.merchant()).isTrue();
    }

    @Test
    void wrongPasswordsAreCountedAndTheFifthLocksTheAccount() throws Exception {
        Member lena = rig.member("lena");
        for (int i = 1; i < 5; i++) {
            refusedAs(rig.users.login("lena", "guess " + i), 401, "WRONG_PASSWORD");
        }
        refusedAs(rig.users.login("lena", "guess 5"), 403, "USER_LOCKED");
        refusedAs(rig.users.login("lena", lena.password()), 403, "USER_LOCKED");
        refusedAs(rig.users.renew(lena.session()), 401, "SESSION_UNKNOWN");
        assertThat(ok(rig.admin.unlock(rig.token, "lena")).locked()).isFalse();
        ok(rig.users.login("lena", lena.password()));
        refusedAs(rig.users.login("nobody", "pw"), 404, "UNKNOWN_USER");
    }

    @Test
    void sessionsRenewEndAndAreRequired() throws Exception {
        Member sam = rig.member("sam.n");
        long before = ok(rig.users.renew(sam.session())).expiresAtMs();
        assertThat(before).isGreaterThan(System.currentTimeMillis());
        assertThat(ok(rig.users.logout(sam.session())).username()).isEqualTo("sam.n");
        refusedAs(rig.users.logout(sam.session()), 401, "SESSION_UNKNOWN");
        refusedAs(rig.users.renew(sam.session()), 401, "SESSION_UNKNOWN");
        refusedAs(rig.users.renew(new SessionToken("NOTATOKEN")), 401, "SESSION_UNKNOWN");

        HttpResponse<String> none = rig.harness().send("DELETE", "/v1/sessions", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("SESSION_REQUIRED");
        HttpResponse<String> bearer = rig.harness().send("POST", "/v1/sessions/renew", null,
            "Authorization", "Bearer " + rig.harness().token());
        assertThat(bearer.body()).contains("SESSION_REQUIRED");
        HttpResponse<String> lower = rig.harness().send("POST", "/v1/sessions/renew", null,
            "Authorization", "session " + sam.session().value());
        assertThat(lower.body()).contains("SESSION_UNKNOWN");
    }

    @Test
    void aNodeReportsItsOwnLocationOnly() throws Exception {
        Member olga = rig.member("olga");
        Member piet = rig.member("piet");
        LocationView set = ok(rig.users.setLocation(olga.session(), "olga",
            new LocationRequest("127.0.0.1:8991", "00ff00ff00ff00ff", true)));
        assertThat(set.address()).isEqualTo("127.0.0.1:8991");
        assertThat(set.online()).isTrue();
        assertThat(ok(rig.users.profile("olga")).location()).isEqualTo(set);

        refusedAs(rig.users.setLocation(piet.session(), "olga",
            new LocationRequest("10.0.0.1:1", "ab", true)), 403, "NOT_YOUR_ACCOUNT");
        refusedAs(rig.users.setLocation(olga.session(), "olga",
            new LocationRequest("no port", "ab", true)), 400, "ADDRESS_INVALID");
        refusedAs(rig.users.setLocation(olga.session(), "olga",
            new LocationRequest("[::1]:8991", "xyz", true)), 400, "MACHINE_ID_INVALID");
        assertThat(ok(rig.users.profile("olga")).location()).isEqualTo(set);

        LocationView offline = ok(rig.users.setLocation(olga.session(), "olga",
            new LocationRequest("[::1]:8991", "AB", false)));
        assertThat(offline.online()).isFalse();
        assertThat(ok(rig.users.profile("olga")).location()).isEqualTo(offline);
        Outcome<ProfileReply> missing = rig.users.profile("no.such.user");
        refusedAs(missing, 404, "UNKNOWN_USER");
    }
}
