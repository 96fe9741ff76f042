package cnode.colony.server;

import static cnode.colony.server.BankRig.ok;
import static cnode.colony.server.MintEndpointTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyAdmin.MintReply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/coins/{id}}: a live coin's facts and the bank's signature, verifiable with
 * {@code GET /v1/bank/key}, and nothing about who holds it; a malformed id and an id that is
 * not live are refused by name; the answer needs no token.
 */
class CoinEndpointTest {
    @TempDir
    Path folder;

    private static HttpResponse<String> get(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLiveCoinReadsBackSignedAndWithoutItsOwner() throws Exception {
        try (BankRig rig = BankRig.start(folder.resolve("colony"))) {
            MintReply minted = rig.mint("carol", 2_500, "GBP");
            for (CoinReply coin : minted.coins()) {
                CoinReply read = ok(rig.bank().coin(coin.id()));
                assertThat(read).isEqualTo(coin);
                assertThat(read.signedCoin().orElseThrow().verifiedBy(rig.bankKey())).isTrue();
                HttpResponse<String> raw = get(rig.url().resolve("/v1/coins/" + coin.id()));
                assertThat(raw.statusCode()).isEqualTo(200);
                assertThat(raw.body()).doesNotContain("carol").doesNotContain("owner")
                    .contains("\"bankSignature\":\"" + coin.bankSignature() + "\"");
            }
            CoinReply tampered = new CoinReply(minted.coins().get(0).id(), 5_000_000, "GBP", 0,
                minted.coins().get(0).issuedAtMs(), minted.coins().get(0).expiresAtMs(),
                minted.coins().get(0).bankSignature());
            assertThat(tampered.signedCoin().orElseThrow().verifiedBy(rig.bankKey())).isFalse();
            assertThat(new CoinReply("x", 3, "GBP", 0, 1, 2, "y").signedCoin()).isEmpty();
        }
    }

    @Test
    void malformedAndUnknownIdsAreRefusedByName() throws Exception {
        try (BankRig rig = BankRig.start(folder.resolve("colony"))) {
            for (String id : new String[] {"abc", "0".repeat(25), "0".repeat(27),
                "abcdefghijklmnopqrstuvwxyz", "0000000000000000000000000-"}) {
                HttpResponse<String> raw = get(rig.url().resolve("/v1/coins/" + id));
                assertThat(raw.statusCode()).as(id).isEqualTo(400);
                assertThat(raw.body()).contains("\"BAD_COIN_ID\"");
            }
            assertRefused(rig.bank().coin("0".repeat(26)), 404, "COIN_UNKNOWN");
            assertThat(ok(rig.bank().coin(BankRig.RESERVED.get(0))).faceValue())
                .isEqualTo(1_000);
            HttpResponse<String> withBody = rig.send("GET", "/v1/coins/" + "0".repeat(26),
                "{}");
            assertThat(withBody.statusCode()).isEqualTo(400);
            assertThat(withBody.body()).contains("UNEXPECTED_BODY");
        }
    }
}
