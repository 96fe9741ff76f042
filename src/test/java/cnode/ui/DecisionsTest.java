package cnode.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.money.Currency;
import cnode.wallet.Decisions;
import cnode.wallet.Decisions.Outcome;
import cnode.wallet.Decisions.Verdict;
import cnode.wallet.PendingDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The desk of pending decisions: order, outcomes, the bound, and races between deciders. */
class DecisionsTest {
    @Test
    void offeredRequestsWaitOldestFirstUntilDecided() {
        Decisions desk = new Decisions(8);
        PendingDecision first = PageRig.request(1_000, "first");
        PendingDecision second = PageRig.request(2_000, "second");
        CompletableFuture<Verdict> one = desk.offer(first);
        CompletableFuture<Verdict> two = desk.offer(second);
        assertThat(desk.pending()).containsExactly(first, second);
        assertThat(desk.pendingCount()).isEqualTo(2);
        assertThat(one).isNotDone();

        assertThat(desk.decide(second.id(), Verdict.REJECT)).isEqualTo(Outcome.DECIDED);
        assertThat(two.getNow(null)).isEqualTo(Verdict.REJECT);
        assertThat(desk.pending()).containsExactly(first);
        assertThat(desk.decide(first.id(), Verdict.ACCEPT)).isEqualTo(Outcome.DECIDED);
        assertThat(one.getNow(null)).isEqualTo(Verdict.ACCEPT);
        assertThat(desk.pending()).isEmpty();
    }

    @Test
    void lateUnknownAndWithdrawnDecisionsAreNamedOutcomes() {
        Decisions desk = new Decisions(8);
        PendingDecision request = PageRig.request(1_000, "late");
        CompletableFuture<Verdict> verdict = desk.offer(request);
        assertThat(desk.decide(request.id(), Verdict.ACCEPT)).isEqualTo(Outcome.DECIDED);
        assertThat(desk.decide(request.id(), Verdict.REJECT)).isEqualTo(Outcome.ALREADY_DECIDED);
        assertThat(verdict.getNow(null)).isEqualTo(Verdict.ACCEPT);
        assertThat(desk.withdraw(request.id())).isFalse();
        assertThat(desk.decide(PageRig.request(1, "").id(), Verdict.ACCEPT))
            .isEqualTo(Outcome.UNKNOWN);

        PendingDecision cancelled = PageRig.request(1_000, "cancelled");
        CompletableFuture<Verdict> gone = desk.offer(cancelled);
        assertThat(desk.withdraw(cancelled.id())).isTrue();
        assertThat(gone.getNow(null)).isEqualTo(Verdict.WITHDRAWN);
        assertThat(desk.pending()).isEmpty();
        assertThat(desk.decide(cancelled.id(), Verdict.ACCEPT)).isEqualTo(Outcome.WITHDRAWN);
        assertThat(desk.withdraw(cancelled.id())).isFalse();
    }

    @Test
    void aRepeatedOfferIsNeverAskedTwice() {
        Decisions desk = new Decisions(8);
        PendingDecision request = PageRig.request(1_000, "again");
        CompletableFuture<Verdict> verdict = desk.offer(request);
        assertThat(desk.offer(request)).isSameAs(verdict);
        assertThat(desk.pending()).hasSize(1);
        desk.decide(request.id(), Verdict.REJECT);
        assertThat(desk.offer(request).getNow(null)).isEqualTo(Verdict.REJECT);
        assertThat(desk.pending()).isEmpty();
    }

    @Test
    void aFullDeskAnswersAtOnceAndForgetsOnlyTheOldestVerdicts() {
        Decisions desk = new Decisions(3);
        List<PendingDecision> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(PageRig.request(i + 1, "r" + i));
            assertThat(desk.offer(requests.get(i))).isNotDone();
        }
        PendingDecision overflow = PageRig.request(9, "overflow");
        assertThat(desk.offer(overflow).getNow(null)).isEqualTo(Verdict.DESK_FULL);
        assertThat(desk.pending()).containsExactlyElementsOf(requests);
        assertThat(desk.decide(overflow.id(), Verdict.ACCEPT)).isEqualTo(Outcome.UNKNOWN);

        desk.decide(requests.get(0).id(), Verdict.ACCEPT);
        assertThat(desk.offer(overflow)).isNotDone();
        for (int i = 1; i < 3; i++) {
            desk.decide(requests.get(i).id(), Verdict.REJECT);
        }
        desk.decide(overflow.id(), Verdict.ACCEPT);
        // Four verdicts on a desk of three: the oldest one is forgotten, the rest remembered.
        assertThat(desk.decide(requests.get(0).id(), Verdict.ACCEPT)).isEqualTo(Outcome.UNKNOWN);
        assertThat(desk.decide(requests.get(1).id(), Verdict.ACCEPT))
            .isEqualTo(Outcome.ALREADY_DECIDED);
    }

    @Test
    void ofConcurrentDecisionsExactlyOneWins() throws Exception {
        int deciders = 16;
        ExecutorService threads = Executors.newFixedThreadPool(deciders);
        try {
            for (int round = 0; round < 50; round++) {
                Decisions desk = new Decisions(4);
                PendingDecision request = PageRig.request(1_000, "race");
                CompletableFuture<Verdict> verdict = desk.offer(request);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome>> outcomes = new ArrayList<>();
                AtomicInteger accepts = new AtomicInteger();
                for (int i = 0; i < deciders; i++) {
                    Verdict mine = i % 2 == 0 ? Verdict.ACCEPT : Verdict.REJECT;
                    outcomes.add(threads.submit(() -> {
                        go.await();
                        Outcome outcome = desk.decide(request.id(), mine);
                        if (outcome == Outcome.DECIDED && mine == Verdict.ACCEPT) {
                            accepts.incrementAndGet();
                        }
                        return outcome;
                    }));
                }
                go.countDown();
                int decided = 0;
                for (Future<Outcome> outcome : outcomes) {
                    Outcome value = outcome.get(10, TimeUnit.SECONDS);
                    assertThat(value).isIn(Outcome.DECIDED, Outcome.ALREADY_DECIDED);
                    decided += value == Outcome.DECIDED ? 1 : 0;
                }
                assertThat(decided).as("round %d", round).isEqualTo(1);
                assertThat(verdict.getNow(null)).isEqualTo(accepts.get() == 1
                    ? Verdict.ACCEPT : Verdict.REJECT);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void badInputsAreBugs() {
        assertThatThrownBy(() -> new Decisions(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decisions(Decisions.PENDING_MAX_LIMIT + 1))
            .isInstanceOf(IllegalArgumentException.class);
        Decisions desk = new Decisions(1);
        assertThatThrownBy(() -> desk.decide("X", Verdict.WITHDRAWN))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PendingDecision("short", "alice",
            PendingDecision.Kind.PING, 1, Currency.PLN, "", "", 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PendingDecision("A".repeat(26), "alice",
            PendingDecision.Kind.PING, -1, Currency.PLN, "", "", 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PendingDecision("a".repeat(26), "alice",
            PendingDecision.Kind.PING, 1, Currency.PLN, "", "", 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(PendingDecision.isId("0123456789ABCDEFGHIJKLMNOP")).isTrue();
    }
}
