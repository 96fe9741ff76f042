package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static cnode.colony.server.EdgeRig.refusedAs;
import static cnode.colony.server.EdgeRig.signed;
import static cnode.colony.server.EdgeRig.terms;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.ColonyVault.HoldingsChangesReply;
import cnode.colony.client.ColonyVault.HoldingsReply;
import cnode.colony.client.JsonLimits;
import cnode.colony.client.WireJson;
import cnode.colony.server.EdgeRig.Member;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/users/{user}/holdings/changes} over HTTP: a holdings page carries a version,
 * the changes since it bring a mint, a reservation and a payment (gone for the payer, new for
 * the payee), a limit cuts with {@code more}, and the refusals: a version of no registry
 * ({@code 410 CHANGES_GONE}), another user's session, no {@code since}, a limit out of range;
 * and a page from a colony without the feed (no {@code version}) still parses.
 */
class HoldingsChangesEndpointTest {
    @TempDir
    static Path data;
    private static EdgeRig rig;
    private static Member fay;
    private static Member gil;

    @BeforeAll
    static void start() throws Exception {
        rig = EdgeRig.start(data, 63);
        fay = rig.member("fay.f");
        gil = rig.member("gil.g");
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static HoldingsChangesReply changes(Member member, String since, int limit)
        throws Exception {
        return ok(rig.vault.holdingsChanges(member.session(), member.username(), since, limit));
    }

    private static List<String> ids(List<CoinView> coins) {
        return coins.stream().map(CoinView::id).toList();
    }

    @Test
    void changesSinceAPageBringMintsReservationsAndPayments() throws Exception {
        HoldingsReply page = ok(rig.vault.holdings(fay.session(), "fay.f", "", 10_000));
        assertThat(page.coins()).isEmpty();
        assertThat(page.version()).isNotBlank();
        HoldingsChangesReply none = changes(fay, page.version(), 10_000);
        assertThat(none.coins()).isEmpty();
        assertThat(none.gone()).isEmpty();
        assertThat(none.more()).isFalse();

        List<CoinReply> coins = rig.mint("fay.f", 3_500);
        List<String> minted = coins.stream().map(CoinReply::id).toList();
        HoldingsChangesReply mint = changes(fay, none.version(), 10_000);
        assertThat(ids(mint.coins())).containsExactlyInAnyOrderElementsOf(minted);
        assertThat(mint.coins()).allSatisfy(coin -> assertThat(coin.reservedBy()).isNull());
        assertThat(mint.gone()).isEmpty();

        HoldingsChangesReply first = changes(fay, none.version(), 1);
        assertThat(first.coins()).hasSize(1);
        assertThat(first.more()).isEqualTo(minted.size() > 1);
        HoldingsChangesReply rest = changes(fay, first.version(), 10_000);
        assertThat(ids(rest.coins())).doesNotContainAnyElementsOf(ids(first.coins()))
            .hasSize(minted.size() - 1);

        ok(rig.swaps.prepare(signed(terms("feed-pay", fay, gil, coins, 60_000), fay, null)));
        HoldingsChangesReply held = changes(fay, mint.version(), 10_000);
        assertThat(held.coins()).extracting(CoinView::reservedBy).containsOnly("feed-pay")
            .hasSize(minted.size());

        String gilBefore = ok(rig.vault.holdings(gil.session(), "gil.g", "", 10)).version();
        ok(rig.swaps.commit(fay.session(), "feed-pay"));
        HoldingsChangesReply paid = changes(fay, held.version(), 10_000);
        assertThat(paid.coins()).isEmpty();
        assertThat(paid.gone()).containsExactlyInAnyOrderElementsOf(minted);
        HoldingsChangesReply received = changes(gil, gilBefore, 10_000);
        assertThat(ids(received.coins())).containsExactlyInAnyOrderElementsOf(minted);
        assertThat(received.gone()).isEmpty();
        rig.checkPasses();
    }

    @Test
    void versionsItCannotAnswerAndBadQueriesAreRefused() throws Exception {
        String version = ok(rig.vault.holdings(fay.session(), "fay.f", "", 10)).version();
        refusedAs(rig.vault.holdingsChanges(fay.session(), "fay.f", "abcdefghijkl.0", 10), 410,
            "CHANGES_GONE");
        refusedAs(rig.vault.holdingsChanges(fay.session(), "fay.f", "x", 10), 410,
            "CHANGES_GONE");
        refusedAs(rig.vault.holdingsChanges(gil.session(), "fay.f", version, 10), 403,
            "NOT_YOUR_ACCOUNT");
        String session = "Session " + fay.session().value();
        String path = "/v1/users/fay.f/holdings/changes";
        for (String query : List.of("", "?limit=5", "?since=", "?since=" + version + "&limit=0",
            "?since=" + version + "&limit=10001", "?since=" + version + "&after=x")) {
            var answer = rig.harness().get(path + query, "Authorization", session);
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.body()).as(query).contains("BAD_QUERY");
        }
        var answer = rig.harness().get(path + "?since=" + version, "Authorization", session);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"gone\":[]").contains("\"more\":false");
        assertThat(rig.harness().get(path + "?since=" + version).body())
            .contains("SESSION_REQUIRED");
    }

    @Test
    void aPageWithoutAVersionStillParses() throws Exception {
        HoldingsReply old = WireJson.tolerant(JsonLimits.defaults())
            .readValue("{\"coins\":[],\"next\":\"C1\"}", HoldingsReply.class);
        assertThat(old).isEqualTo(new HoldingsReply(List.of(), "C1"));
        assertThat(old.version()).isNull();
        assertThat(WireJson.tolerant(JsonLimits.defaults()).writeValueAsString(old))
            .isEqualTo("{\"coins\":[],\"next\":\"C1\"}");
    }
}
