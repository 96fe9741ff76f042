package cnode.colony.server;

import static cnode.colony.server.EdgeRig.ok;
import static cnode.colony.server.EdgeRig.signed;
import static cnode.colony.server.EdgeRig.terms;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ClientLimits;
import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonySwaps;
import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.ColonySwaps.SwapRequest;
import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import cnode.colony.server.EdgeRig.Member;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Double spending over HTTP: many threads on two separate clients race to spend the same coins
 * of one payer to two payees, each with its own transfer id and a valid signature. Exactly one
 * prepare wins; every other gets a named refusal ({@code COIN_RESERVED} while the winner
 * holds the coins, {@code NOT_PAYER_COIN} once it committed); the commit and a racing void
 * cannot both win; afterwards the coins have one owner and conservation holds. The seed of
 * the race's choices is fixed and printed with a failure.
 */
class DoubleSpendTest {
    private static final int THREADS = 24;
    private static final int ATTEMPTS = 96;

    @TempDir
    Path data;

    private static List<String> ids(List<CoinReply> coins) {
        return coins.stream().map(CoinReply::id).toList();
    }

    private static List<String> owned(EdgeRig rig, Member member) throws Exception {
        return ok(rig.vault.holdings(member.session(), member.username(), "", 10_000)).coins()
            .stream().map(CoinView::id).toList();
    }

    @Test
    void exactlyOneOfManyRacingSwapsOfTheSameCoinsWins() throws Exception {
        long seed = 20_261_129L;
        try (EdgeRig rig = EdgeRig.start(data, seed);
             ColonyClient second = new ColonyClient(rig.harness().url(),
                 ClientLimits.defaults())) {
            Member payer = rig.member("payer");
            Member[] payees = {rig.member("payee.one"), rig.member("payee.two")};
            List<CoinReply> coins = rig.mint("payer", 7_777);
            List<ColonySwaps> clients = List.of(rig.swaps, new ColonySwaps(second));
            Random random = new Random(seed);
            List<SwapRequest> requests = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                Member payee = payees[random.nextInt(payees.length)];
                requests.add(signed(terms("race-" + i, payer, payee, coins, 60_000), payer,
                    null));
            }
            List<Outcome<SwapReply>> outcomes = race(clients, requests);

            List<SwapReply> won = outcomes.stream().filter(Outcome.Ok.class::isInstance)
                .map(outcome -> ((Outcome.Ok<SwapReply>) outcome).reply()).toList();
            Map<String, Long> refusals = refusalNames(outcomes);
            assertThat(won).as("seed %d: %s", seed, refusals).hasSize(1);
            assertThat(refusals).as("seed %d", seed)
                .isEqualTo(Map.of("COIN_RESERVED", (long) ATTEMPTS - 1));
            SwapReply winner = won.getFirst();
            Member payee = winner.payee().equals("payee.one") ? payees[0] : payees[1];
            Member other = payee == payees[0] ? payees[1] : payees[0];

            Outcome<SwapReply> commit = rig.swaps.commit(payer.session(), winner.transferId());
            Outcome<SwapReply> late = rig.swaps.voidSwap(payee.session(), winner.transferId());
            assertThat(ok(commit).state()).isEqualTo("COMMITTED");
            EdgeRig.refusedAs(late, 409, "ALREADY_COMMITTED");

            List<SwapRequest> again = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS / 4; i++) {
                again.add(signed(terms("again-" + i, payer, other, coins, 60_000), payer, null));
            }
            assertThat(refusalNames(race(clients, again)))
                .isEqualTo(Map.of("NOT_PAYER_COIN", (long) ATTEMPTS / 4));
            assertThat(owned(rig, payee)).containsExactlyInAnyOrderElementsOf(ids(coins));
            assertThat(owned(rig, other)).isEmpty();
            assertThat(owned(rig, payer)).isEmpty();
            rig.checkPasses();
        }
    }

    @Test
    void aCommitAndAVoidRacingOnOneSwapNeverBothWin() throws Exception {
        try (EdgeRig rig = EdgeRig.start(data, 7)) {
            Member payer = rig.member("payer");
            Member payee = rig.member("payee");
            for (int round = 0; round < 10; round++) {
                List<CoinReply> coins = rig.mint("payer", 100 + round);
                String id = "settle-" + round;
                ok(rig.swaps.prepare(signed(terms(id, payer, payee, coins, 60_000), payer,
                    null)));
                ExecutorService pool = Executors.newFixedThreadPool(2);
                CountDownLatch gate = new CountDownLatch(1);
                Future<Outcome<SwapReply>> commit = pool.submit(() -> {
                    gate.await();
                    return rig.swaps.commit(payer.session(), id);
                });
                Future<Outcome<SwapReply>> voided = pool.submit(() -> {
                    gate.await();
                    return rig.swaps.voidSwap(payee.session(), id);
                });
                gate.countDown();
                boolean committed = commit.get(30, TimeUnit.SECONDS) instanceof Outcome.Ok;
                boolean wasVoided = voided.get(30, TimeUnit.SECONDS) instanceof Outcome.Ok;
                pool.shutdown();
                assertThat(committed).as("round %d: exactly one wins", round)
                    .isNotEqualTo(wasVoided);
                String state = ok(rig.swaps.swap(payer.session(), id)).state();
                assertThat(state).isEqualTo(committed ? "COMMITTED" : "VOIDED");
                assertThat(owned(rig, committed ? payee : payer)).containsAll(ids(coins));
            }
            rig.checkPasses();
        }
    }

    /** Sends every request from {@link #THREADS} threads at once, spread over the clients. */
    private static List<Outcome<SwapReply>> race(List<ColonySwaps> clients,
                                                 List<SwapRequest> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Outcome<SwapReply>>> futures = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ColonySwaps client = clients.get(i % clients.size());
            SwapRequest request = requests.get(i);
            Callable<Outcome<SwapReply>> attempt = () -> {
                gate.await();
                return client.prepare(request);
            };
            futures.add(pool.submit(attempt));
        }
        gate.countDown();
        List<Outcome<SwapReply>> outcomes = new ArrayList<>();
        for (Future<Outcome<SwapReply>> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return outcomes;
    }

    private static Map<String, Long> refusalNames(List<Outcome<SwapReply>> outcomes) {
        return outcomes.stream().filter(Outcome.Refused.class::isInstance)
            .map(outcome -> ((Outcome.Refused<SwapReply>) outcome).refusal())
            .collect(Collectors.groupingBy(Refusal::error, Collectors.counting()));
    }
}
