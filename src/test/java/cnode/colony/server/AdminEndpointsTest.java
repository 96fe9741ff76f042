package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static cnode.colony.server.EdgeRig.refusedAs;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.BearerToken;
import cnode.colony.client.ColonyAdmin.Balance;
import cnode.colony.client.ColonyAdmin.CheckReply;
import cnode.colony.client.ColonyAdmin.LimitsReply;
import cnode.colony.client.ColonyAdmin.LimitsRequest;
import cnode.colony.client.ColonyAdmin.Total;
import cnode.colony.client.ColonyAdmin.UserEntry;
import cnode.colony.client.ColonyAdmin.UserLimits;
import cnode.colony.client.ColonyAdmin.UsersReply;
import cnode.colony.client.ColonyVault.VaultMoveRequest;
import cnode.colony.server.EdgeRig.Member;
import cnode.crypto.VaultPayload;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administration endpoints over real sockets: lock and unlock (and what they do to logins
 * and sessions), limits kept and changed, the conservation check with its totals, and the
 * paged user list with balances; the token rules and each refusal.
 */
class AdminEndpointsTest {
    @TempDir
    Path data;

    @Test
    void lockEndsSessionsAndUnlockLetsTheUserBack() throws Exception {
        try (EdgeRig rig = EdgeRig.start(data, 81)) {
            Member ida = rig.member("ida.i");
            assertThat(ok(rig.admin.lock(rig.token, "ida.i")).locked()).isTrue();
            assertThat(ok(rig.admin.lock(rig.token, "ida.i")).locked()).isTrue();
            refusedAs(rig.users.renew(ida.session()), 401, "SESSION_UNKNOWN");
            refusedAs(rig.users.login("ida.i", ida.password()), 403, "USER_LOCKED");
            assertThat(ok(rig.admin.users("", 10)).users().getFirst().locked()).isTrue();
            assertThat(ok(rig.admin.unlock(rig.token, "ida.i")).locked()).isFalse();
            ok(rig.users.login("ida.i", ida.password()));
            refusedAs(rig.admin.lock(rig.token, "nobody"), 404, "UNKNOWN_USER");
            refusedAs(rig.admin.unlock(rig.token, "nobody"), 404, "UNKNOWN_USER");
            refusedAs(rig.admin.lock(new BearerToken("A".repeat(43)), "ida.i"), 403,
                "ADMIN_TOKEN_INVALID");
            HttpResponse<String> anonymous = rig.harness().postJson("/v1/admin/lock",
                "{\"user\":\"ida.i\"}");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(ok(rig.admin.users("", 10)).users().getFirst().locked()).isFalse();
        }
    }

    @Test
    void limitsChangeOnlyWhatIsGiven() throws Exception {
        try (EdgeRig rig = EdgeRig.start(data, 82)) {
            rig.member("jon.j");
            long none = Long.MAX_VALUE;
            assertThat(ok(rig.admin.limits(rig.token, new LimitsRequest("jon.j", null, null,
                null, null)))).isEqualTo(new LimitsReply("jon.j", none, none, none, none));
            assertThat(ok(rig.admin.limits(rig.token, new LimitsRequest("jon.j", 5_000L,
                20_000L, null, null)))).isEqualTo(new LimitsReply("jon.j", 5_000, 20_000, none,
                none));
            assertThat(ok(rig.admin.limits(rig.token, new LimitsRequest("jon.j", null, null,
                7L, 0L)))).isEqualTo(new LimitsReply("jon.j", 5_000, 20_000, 7, 0));
            refusedAs(rig.admin.limits(rig.token, new LimitsRequest("jon.j", -1L, null, null,
                null)), 400, "LIMIT_INVALID");
            refusedAs(rig.admin.limits(rig.token, new LimitsRequest("ghost", 1L, null, null,
                null)), 404, "UNKNOWN_USER");
            assertThat(ok(rig.admin.users("", 1)).users().getFirst().limits())
                .isEqualTo(new UserLimits(5_000, 20_000, 7, 0));
        }
    }

    @Test
    void checkAndUsersShowTheMoneyWithoutAToken() throws Exception {
        try (EdgeRig rig = EdgeRig.start(data, 83)) {
            Member kai = rig.member("kai.k");
            rig.member("lea.l");
            rig.member("max.m");
            var coins = rig.mint("kai.k", 9_000);
            rig.mint("lea.l", 1_000);
            VaultPayload toVault = new VaultPayload("kai-vault", "kai.k", "VAULT",
                List.of(coins.getLast().id()), System.currentTimeMillis() + 60_000);
            ok(rig.vault.move(VaultMoveRequest.of(toVault, kai.keys().sign(toVault.bytes()))));

            CheckReply check = rig.checkPasses();
            assertThat(check.totals()).containsExactly(new Total("PLN", 0, 10_000, 0, 10_000));

            UsersReply first = ok(rig.admin.users("", 2));
            assertThat(first.users()).extracting(UserEntry::username)
                .containsExactly("kai.k", "lea.l");
            assertThat(first.next()).isEqualTo("lea.l");
            long vault = coins.getLast().faceValue();
            assertThat(first.users().getFirst().balances())
                .containsExactly(new Balance("PLN", 9_000 - vault, vault));
            UsersReply last = ok(rig.admin.users(first.next(), 2));
            assertThat(last.users()).extracting(UserEntry::username).containsExactly("max.m");
            assertThat(last.users().getFirst().balances()).isEmpty();
            assertThat(last.next()).isNull();
            UsersReply exact = ok(rig.admin.users("kai.k", 2));
            assertThat(exact.next()).as("a full last page says no more").isNull();
            for (String limit : List.of("0", "1001", "x")) {
                HttpResponse<String> bad = rig.harness().get("/v1/admin/users?limit=" + limit);
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("BAD_QUERY");
            }
        }
    }
}
