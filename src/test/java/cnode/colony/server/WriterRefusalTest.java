package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static cnode.colony.server.EdgeRig.refusedAs;
import static cnode.colony.server.EdgeRig.signed;
import static cnode.colony.server.EdgeRig.terms;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.cli.ColonyConfig;
import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.ColonySwaps.SwapRequest;
import cnode.colony.client.Outcome;
import cnode.colony.server.EdgeRig.Member;
import cnode.colony.store.ColonyBusy;
import cnode.colony.store.MemoryColonyStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals that come from the colony's own machinery rather than from a request: a store
 * that fails its commit ({@code 503 STORE_FAILED}: nothing of the call happened, and the same
 * call succeeds once the store works again) and a full password pool ({@code 503 BUSY}).
 */
class WriterRefusalTest {
    @TempDir
    Path data;

    @Test
    void aFailedCommitAnswersStoreFailedAndChangesNothing() throws Exception {
        MemoryColonyStore store = new MemoryColonyStore();
        Colony colony = Colony.start(ColonyConfig.parse(List.of("--port", "0", "--data",
            data.toString())), store, List.of());
        try (EdgeRig rig = EdgeRig.on(colony, 91)) {
            Member payer = rig.member("payer");
            Member payee = rig.member("payee");
            List<CoinReply> coins = rig.mint("payer", 4_000);
            SwapRequest request = signed(terms("stored", payer, payee, coins, 60_000), payer,
                null);
            store.failNextCommits(1);
            refusedAs(rig.swaps.prepare(request), 503, "STORE_FAILED");
            refusedAs(rig.swaps.swap(payer.session(), "stored"), 404, "UNKNOWN_SWAP");
            assertThat(ok(rig.vault.holdings(payer.session(), "payer", "", 100)).coins())
                .extracting(CoinView::reservedBy).containsOnlyNulls();
            assertThat(ok(rig.swaps.prepare(request)).state()).isEqualTo("PREPARED");

            store.failNextCommits(1);
            refusedAs(rig.admin.lock(rig.token, "payee"), 503, "STORE_FAILED");
            ok(rig.users.renew(payee.session()));
            rig.checkPasses();
        }
    }

    @Test
    void aFullPasswordPoolAnswersBusyAtOnce() throws Exception {
        PasswordPool pool = new PasswordPool(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        var running = pool.run(() -> {
            started.countDown();
            await(release);
            return "first";
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        var waiting = pool.run(() -> "second");
        var refused = pool.run(() -> "third");
        assertThat(refused).isCompletedExceptionally();
        Outcome<String> answer = WriterLink.<String>settled(refused.thenApply(Outcome::ok))
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
        refusedAs(answer, 503, "BUSY");
        assertThat(refused.exceptionNow()).isInstanceOf(ColonyBusy.class);
        release.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(pool.run(() -> "again").get(10, TimeUnit.SECONDS)).isEqualTo("again");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
