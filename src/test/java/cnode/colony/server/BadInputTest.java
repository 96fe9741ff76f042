package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ColonyAdmin.CheckReply;
import cnode.colony.client.ColonyAdmin.UsersReply;
import cnode.colony.server.EdgeRig.Member;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on every directory, swap, vault and admin endpoint, sent as raw bytes over a real
 * socket: malformed JSON, wrong shapes and types, unknown fields, huge bodies, amounts beyond
 * 64 bits or below zero, bodies where none is taken. Each answer is a clear named error, and
 * afterwards the colony's state (every user, every balance, the conservation totals) is what
 * it was before.
 */
class BadInputTest {
    @TempDir
    Path data;

    /** Method, path and the headers that get a request past authentication. */
    private record Target(String method, String path, String... headers) {}

    @Test
    void malformedBodiesAreRefusedByNameAndChangeNothing() throws Exception {
        try (EdgeRig rig = EdgeRig.start(data, 71)) {
            Member kim = rig.member("kim.k");
            rig.mint("kim.k", 12_345);
            CheckReply checkBefore = ok(rig.admin.check());
            UsersReply usersBefore = ok(rig.admin.users("", 1_000));
            String session = "Session " + kim.session().value();
            String admin = "Bearer " + rig.harness().token();
            List<Target> targets = List.of(new Target("POST", "/v1/users"),
                new Target("POST", "/v1/sessions"),
                new Target("PUT", "/v1/users/kim.k/location", "Authorization", session),
                new Target("POST", "/v1/leases", "Authorization", session),
                new Target("POST", "/v1/swaps"), new Target("POST", "/v1/vault/moves"),
                new Target("POST", "/v1/admin/lock", "Authorization", admin),
                new Target("POST", "/v1/admin/unlock", "Authorization", admin),
                new Target("POST", "/v1/admin/limits", "Authorization", admin));
            List<String> bodies = List.of("{", "[]", "null", "{\"unknown\":1}", "{} {}",
                "{\"user\":\"kim.k\",\"user\":\"kim.k\"}", "\"text\"", "{\"a\":NaN}");
            for (Target target : targets) {
                for (String body : bodies) {
                    HttpResponse<String> answer = send(rig, target, body);
                    assertThat(answer.statusCode()).as(target + " " + body).isEqualTo(400);
                    assertThat(answer.body()).as(target + " " + body)
                        .startsWith("{\"error\":\"MALFORMED_JSON\",\"message\":\"");
                }
                StringBuilder head = new StringBuilder(target.method() + " " + target.path()
                    + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2097152\r\n");
                for (int i = 0; i < target.headers().length; i += 2) {
                    head.append(target.headers()[i]).append(": ")
                        .append(target.headers()[i + 1]).append("\r\n");
                }
                ColonyHarness.RawResponse tooLarge = rig.harness().raw((head + "\r\n{\"x\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
                assertThat(tooLarge.status()).as(target.path()).isEqualTo(413);
                assertThat(tooLarge.body()).contains("BODY_TOO_LARGE");
            }
            assertAmountsAreGuarded(rig, admin);
            assertBodilessEndpointsRefuseABody(rig, session);
            assertThat(ok(rig.admin.check())).isEqualTo(checkBefore);
            assertThat(ok(rig.admin.users("", 1_000))).isEqualTo(usersBefore);
        }
    }

    private static void assertAmountsAreGuarded(EdgeRig rig, String admin) throws Exception {
        String swap = "{\"transferId\":\"t-1\",\"payer\":\"kim.k\",\"payee\":\"kim.k\","
            + "\"currency\":\"PLN\",\"amount\":%s,\"payerCoinIds\":[\"A\"],"
            + "\"changeCoinIds\":[],\"expiresAtMs\":%s,\"payerSignature\":\"x\"}";
        Object[][] cases = {
            {"/v1/swaps", swap.formatted("9223372036854775808", "1"), "MALFORMED_JSON"},
            {"/v1/swaps", swap.formatted("-9223372036854775809", "1"), "MALFORMED_JSON"},
            {"/v1/swaps", swap.formatted("\"5\"", "1"), "MALFORMED_JSON"},
            {"/v1/swaps", swap.formatted("5.0", "1"), "MALFORMED_JSON"},
            {"/v1/swaps", swap.formatted("1e3", "1"), "MALFORMED_JSON"},
            {"/v1/swaps", swap.formatted("5", "99999999999999999999"), "MALFORMED_JSON"},
            {"/v1/swaps", swap.formatted("-5", "1"), "NEGATIVE_AMOUNT"},
            {"/v1/admin/limits", "{\"user\":\"kim.k\",\"perTransfer\":-1}", "LIMIT_INVALID"},
            {"/v1/admin/limits", "{\"user\":\"kim.k\",\"dailyOut\":9223372036854775808}",
                "MALFORMED_JSON"},
            {"/v1/admin/limits", "{\"user\":\"ghost\",\"dailyIn\":5}", "UNKNOWN_USER"},
            {"/v1/admin/lock", "{\"user\":\"ghost\"}", "UNKNOWN_USER"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> answer = rig.harness().send("POST", (String) c[0],
                ((String) c[1]).getBytes(StandardCharsets.UTF_8), "Content-Type",
                "application/json", "Authorization", admin);
            assertThat(answer.body()).as((String) c[1]).contains("\"" + c[2] + "\"");
        }
    }

    private static void assertBodilessEndpointsRefuseABody(EdgeRig rig, String session)
            throws Exception {
        List<Target> bodiless = List.of(new Target("GET", "/v1/users/kim.k"),
            new Target("GET", "/v1/users/kim.k/holdings", "Authorization", session),
            new Target("GET", "/v1/users/kim.k/balances", "Authorization", session),
            new Target("GET", "/v1/swaps/t-1", "Authorization", session),
            new Target("POST", "/v1/swaps/t-1/commit", "Authorization", session),
            new Target("POST", "/v1/swaps/t-1/void", "Authorization", session),
            new Target("POST", "/v1/sessions/renew", "Authorization", session),
            new Target("DELETE", "/v1/sessions", "Authorization", session),
            new Target("GET", "/v1/admin/check"), new Target("GET", "/v1/admin/users"));
        for (Target target : bodiless) {
            HttpResponse<String> answer = send(rig, target, "{}");
            assertThat(answer.statusCode()).as(target.path()).isEqualTo(400);
            assertThat(answer.body()).as(target.path()).contains("UNEXPECTED_BODY");
        }
        HttpResponse<String> query = rig.harness().get("/v1/admin/users?limit=5&page=2");
        assertThat(query.body()).contains("BAD_QUERY");
        assertThat(rig.harness().get("/v1/admin/check?deep=1").body()).contains("BAD_QUERY");
    }

    private static HttpResponse<String> send(EdgeRig rig, Target target, String body)
            throws Exception {
        return rig.harness().send(target.method(), target.path(),
            body.getBytes(StandardCharsets.UTF_8), headers(target));
    }

    private static String[] headers(Target target) {
        List<String> all = new ArrayList<>(List.of("Content-Type", "application/json"));
        all.addAll(List.of(target.headers()));
        return all.toArray(String[]::new);
    }
}
