package cnode.colony.server;

import static cnode.colony.server.BankRig.ids;
import static cnode.colony.server.BankRig.ok;
import static cnode.colony.server.MintEndpointTest.assertGenuine;
import static cnode.colony.server.MintEndpointTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyAdmin.MintReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ExchangeReply;
import cnode.colony.client.ExchangeRequest;
import cnode.colony.client.RedemptionRequest;
import cnode.crypto.ExchangePayload;
import cnode.crypto.RedemptionPayload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-issue of expired coins, on a colony started with {@code --coin-validity 1s}: a coin that
 * expired cannot be redeemed ({@code COIN_EXPIRED}) but can be exchanged for new coins worth
 * as much, valid for another second; repeating a mint or an exchange after its coins expired
 * still gets the first answer; the totals keep conservation.
 */
class ExchangeReissueTest {
    private static final long WAIT_MAX_MS = 15_000;

    @TempDir
    Path folder;

    /** Waits, bounded, until every coin is expired by the wall clock the colony reads. */
    private static void awaitExpiry(List<CoinReply> coins) throws InterruptedException {
        long last = coins.stream().mapToLong(CoinReply::expiresAtMs).max().orElseThrow();
        long deadline = System.currentTimeMillis() + WAIT_MAX_MS;
        while (System.currentTimeMillis() <= last) {
            assertThat(System.currentTimeMillis()).as("coins expire within %d ms", WAIT_MAX_MS)
                .isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    @Test
    void anExpiredCoinIsReissuedNotRedeemed() throws Exception {
        try (BankRig rig = BankRig.start(folder.resolve("colony"), "--coin-validity", "1s")) {
            MintRequest mintRequest = new MintRequest("m-1", "alice", 3_000, "PLN", null, null);
            MintReply minted = ok(rig.mint(mintRequest));
            assertThat(minted.coins()).allSatisfy(coin ->
                assertThat(coin.expiresAtMs() - coin.issuedAtMs()).isEqualTo(1_000));
            List<String> old = ids(minted.coins());
            awaitExpiry(minted.coins());
            assertThat(ok(rig.mint(mintRequest))).as("a repeated mint after expiry")
                .isEqualTo(minted);
            RedemptionPayload redemption = new RedemptionPayload("r-1", "alice", "PLN", 0, 3_000,
                old, "PL61109010140000071219812874");
            assertRefused(rig.bank().redeem(RedemptionRequest.signed(redemption,
                rig.key("alice").privateKey())), 409, "COIN_EXPIRED");
            ExchangeRequest reissue = ExchangeRequest.signed(new ExchangePayload("x-1", "alice",
                "PLN", 0, 3_000, old, "AMOUNT", ""), rig.key("alice").privateKey());
            long before = System.currentTimeMillis();
            ExchangeReply fresh = ok(rig.bank().exchange(reissue));
            assertThat(fresh.coins().stream().mapToLong(CoinReply::faceValue).sum())
                .isEqualTo(3_000);
            assertThat(fresh.coins()).allSatisfy(coin -> {
                assertThat(coin.issuedAtMs()).isGreaterThanOrEqualTo(before);
                assertThat(coin.expiresAtMs()).isEqualTo(coin.issuedAtMs() + 1_000);
            });
            assertThat(ids(fresh.coins())).doesNotContainAnyElementsOf(old);
            assertGenuine(rig, fresh.coins());
            assertRefused(rig.bank().coin(old.get(0)), 404, "COIN_UNKNOWN");
            awaitExpiry(fresh.coins());
            assertThat(ok(rig.bank().exchange(reissue))).as("a repeated exchange after expiry")
                .isEqualTo(fresh);
            BankRig.Committed committed = rig.restartAndCheck();
            assertThat(committed.livePln()).isEqualTo(2_000 + 3_000);
            assertThat(committed.redeemedPln()).isEqualTo(3_000);
        }
    }
}
