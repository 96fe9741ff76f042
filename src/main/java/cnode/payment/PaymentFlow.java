package cnode.payment;

import static cnode.task.TaskStatus.FINISHED_ERR;
import static cnode.task.TaskStatus.FINISHED_ERR_CHANGE_MISMATCH;
import static cnode.task.TaskStatus.FINISHED_ERR_INTERNAL_ERROR;
import static cnode.task.TaskStatus.FINISHED_ERR_INVALID_USERNAME;
import static cnode.task.TaskStatus.FINISHED_ERR_OUT_TRANSFERS_LIMIT_EXCEEDED;
import static cnode.task.TaskStatus.FINISHED_ERR_TOO_OFTEN;
import static cnode.task.TaskStatus.FINISHED_ERR_USER_NOT_AUTHENTICATED;
import static cnode.task.TaskStatus.FINISHED_ERR_USER_NOT_FOUND;
import static cnode.task.TaskStatus.FINISHED_ERR_USER_TIMEOUT;
import static cnode.task.TaskStatus.FINISHED_ERR_VERIFICATION_TIMEOUT;
import static cnode.task.TaskStatus.FINISHED_OK;
import static cnode.task.TaskStatus.SEARCHING;
import static cnode.task.TaskStatus.TRANSFERRING;
import static cnode.task.TaskStatus.WAITING_FOR_USER_DECISION;
import static cnode.task.TaskStatus.WAITING_FOR_VERIFICATION;

import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.ColonySwaps.SwapRequest;
import cnode.colony.client.Outcome;
import cnode.crypto.Signature;
import cnode.crypto.SwapPayload;
import cnode.node.NodeUser;
import cnode.peer.LinkResult;
import cnode.peer.LocateResult;
import cnode.peer.PeerLink;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import cnode.task.PaymentRecord;
import cnode.task.TaskStatus;
import cnode.wallet.Reservation;
import cnode.wallet.WalletRead;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One payment task run by this node (contract §4.1): PREPARATION, SEARCHING (the directory,
 * then a signed link to the counterparty's node), WAITING_FOR_USER_DECISION (the offer on the
 * link; the counterparty decides by policy or by a person), TRANSFERRING (the terms agreed and
 * signed by every owner whose coins move, the swap prepared at the registry),
 * WAITING_FOR_VERIFICATION (the receiving side confirms the prepared swap), then the commit,
 * the point of no return, and FINISHED_OK. Before that point any failure voids what was
 * prepared and releases what was reserved, on both sides; after it, the task ends only with
 * the registry's answer. The task's end is published last, after the counterparty settled,
 * so a merchant who sees FINISHED_OK finds the payment in both histories.
 *
 * <p>Runs on its own virtual thread; a cancel or a deadline ends the task from outside, which
 * the flow notices between steps ({@link Step#GONE}) and cleans up after.
 */
final class PaymentFlow {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentFlow.class);
    static final long RETRY_MS = 200;
    static final long SETTLE_TIMEOUT_MS = 10_000;
    static final long SWAP_MARGIN_MS = 60_000;
    static final long SWAP_SPAN_MS_MAX = 600_000;
    /** Tries to store a task's end while the store refuses writes, a second apart. */
    static final int PUBLISH_ATTEMPTS = 120;
    static final long PUBLISH_RETRY_MS = 1_000;

    /** How a step ended: go on, the task ended from outside, or the task's ending. */
    record Step(TaskStatus status, String message) {
        static final Step NEXT = new Step(null, "");
        static final Step GONE = new Step(null, "gone");

        boolean next() {
            return this == NEXT;
        }
    }

    private final Payments payments;
    private final PaymentOrder order;
    private final String taskId;
    private final String transferId;
    private final String reservation;
    private NodeUser user;
    private PeerLink link;
    private boolean offered;
    private SwapPayload terms;
    private Signature payerSignature;
    private Signature payeeSignature;
    private boolean prepared;
    /** The registry's answer to this flow's prepare: what the receiving side verifies. */
    private SwapReply preparedSwap;
    private boolean committed;
    private boolean countedOutgoing;
    private long changeReturned;
    private boolean counterpartyTold;
    private boolean inSeriesQueue;
    private boolean chargedToSeries;

    PaymentFlow(Payments payments, PaymentOrder order, String taskId) {
        this.payments = payments;
        this.order = order;
        this.taskId = taskId;
        this.transferId = "pay-" + taskId;
        this.reservation = "out:" + taskId;
    }

    void run() {
        Step ending;
        try {
            ending = steps();
        } catch (RuntimeException bug) {
            LOG.error("task {}: payment failed inside the node", taskId, bug);
            ending = new Step(FINISHED_ERR_INTERNAL_ERROR,
                "The node failed inside; see its log for this task id.");
        }
        if (inSeriesQueue) {
            payments.series.done(order.seriesId(), chargedToSeries, order.amount(),
                ending.status() == FINISHED_OK);
        }
        if (!payments.running()) {
            LOG.info("task {}: the node stops; the payment is settled at its next start",
                taskId);
            return;
        }
        try {
            settle();
        } catch (RuntimeException bug) {
            LOG.error("task {}: settling the payment failed", taskId, bug);
        } finally {
            if (countedOutgoing) {
                payments.outgoing.decrementAndGet();
            }
        }
        publish(ending);
    }

    private Step steps() {
        user = payments.life.snapshot().user();
        if (user == null) {
            return new Step(FINISHED_ERR, "Nobody is logged in on this node any more.");
        }
        if (order.counterparty().equals(user.username())) {
            return new Step(FINISHED_ERR_INVALID_USERNAME, "A user cannot pay himself.");
        }
        if (!order.counterpartyPays() && !refundsAPurchase()) {
            return new Step(TaskStatus.FINISHED_ERR_ITEM_NOT_FOUND, "The refund names a "
                + "purchase (related_merchant_unique_purchase_id) this node never sold.");
        }
        if (!order.counterpartyPays()) {
            countedOutgoing = true;
            if (payments.outgoing.incrementAndGet() > payments.policy.inFlightMax()) {
                return new Step(FINISHED_ERR_OUT_TRANSFERS_LIMIT_EXCEEDED, "More than "
                    + payments.policy.inFlightMax() + " outgoing transfers are under way.");
            }
            Step money = enoughMoney();
            if (!money.next()) {
                return money;
            }
        }
        if (!order.seriesId().isEmpty() && order.counterpartyPays()) {
            Step turn = seriesTurn();
            if (!turn.next()) {
                return turn;
            }
        }
        if (!payments.withinRate(order.counterparty(), payments.clock.nowMs())) {
            return new Step(FINISHED_ERR_TOO_OFTEN, "More than "
                + payments.policy.requestsPerUserPerMinute() + " requests to "
                + order.counterparty() + " in a minute.");
        }
        Step step = search();
        if (step.next()) {
            step = offer();
        }
        if (step.next()) {
            step = prepare();
        }
        if (step.next()) {
            step = verifyAndCommit();
        }
        return step;
    }

    /**
     * A request inside a series waits for the requests before it, then must fit the series'
     * count, total and time (contract §5).
     */
    private Step seriesTurn() {
        long failuresAtJoin = payments.series.failuresSoFar(order.seriesId());
        SeriesBook.Turn turn;
        try {
            turn = payments.series.await(order.seriesId(), failuresAtJoin,
                payments.engine.policy().deadlineMs());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return Step.GONE;
        }
        if (turn == SeriesBook.Turn.RUN) {
            inSeriesQueue = true;
        }
        switch (turn) {
            case CANCELLED_DUE_TO_PREVIOUS_ERROR -> {
                return new Step(TaskStatus.FINISHED_ERR_CANCELLED_DUE_TO_PREVIOUS_ERROR,
                    "A request before this one in the series failed.");
            }
            case SERIES_ENDED -> {
                return new Step(TaskStatus.FINISHED_ERR_CANCELLED, "The series ended before "
                    + "this request was sent.");
            }
            case GONE -> {
                return Step.GONE;
            }
            default -> { }
        }
        SeriesBook.Charge charge = payments.series.charge(order.seriesId(), order.amount(),
            payments.clock.nowMs());
        if (charge != SeriesBook.Charge.CHARGED) {
            return new Step(TaskStatus.FINISHED_ERR_SERIES_CONSTRAINTS_EXCEEDED, "The request "
                + "would break the series' limits (" + charge + ").");
        }
        chargedToSeries = true;
        return Step.NEXT;
    }

    /**
     * A payout whose description names a purchase (related_merchant_unique_purchase_id) is a
     * refund: this node must have sold it (a payment in, finished OK, under that id).
     */
    private boolean refundsAPurchase() {
        String related = PaymentRecords.related(order.description());
        if (related.isEmpty()) {
            return true;
        }
        return payments.engine.payment(related)
            .filter(record -> record.direction() == PaymentRecord.Direction.IN
                && record.status() == FINISHED_OK).isPresent();
    }

    /** An outgoing payment first checks this node's own money (contract's order). */
    private Step enoughMoney() {
        WalletRead read = payments.wallet.readAs(user.username());
        if (read.view() == null) {
            return new Step(FINISHED_ERR, "The wallet could not be read from the colony.");
        }
        var balance = read.view().balance(new cnode.money.Currency(order.currency()), 0);
        String refusal = CoinPick.moneyRefusal(order.amount(), balance.free(),
            balance.locked(), balance.expired());
        return refusal == null ? Step.NEXT : refusedBy(refusal);
    }

    private boolean live() {
        return payments.running() && payments.engine.find(taskId, payments.clock.nowMs())
            .map(task -> !task.status().terminal()).orElse(false);
    }

    /** Moves the task on; GONE when it ended from outside meanwhile. */
    private Step move(TaskStatus to, int progress, String infoPatch) {
        // Every step moved here comes before the point of no return: a restart settles the
        // payment from the registry whatever step it reached, so the flow need not wait for
        // the step to be durable (it shows once it is).
        var moved = payments.engine.advanceInBackground(taskId, to, progress, infoPatch,
            payments.clock.nowMs());
        return moved.moved() ? Step.NEXT : Step.GONE;
    }

    /** SEARCHING: the directory, then a signed link, until found or --search-timeout. */
    private Step search() {
        Step moved = move(SEARCHING, -1, null);
        if (!moved.next()) {
            return moved;
        }
        PeerSearch.Found found = PeerSearch.find(payments, order.counterparty(),
            order.peerHint(), this::live);
        link = found.link();
        return found.step();
    }

    /** WAITING_FOR_USER_DECISION: the offer; the counterparty decides and answers. */
    private Step offer() {
        Step moved = move(WAITING_FOR_USER_DECISION, -1, null);
        if (!moved.next()) {
            return moved;
        }
        long nowMs = payments.clock.nowMs();
        long expiresAtMs = nowMs + Math.min(SWAP_SPAN_MS_MAX - 1_000,
            payments.policy.decisionTimeoutMs() + payments.policy.verificationTimeoutMs()
                + SWAP_MARGIN_MS);
        List<PaymentWire.Offered> change = List.of();
        if (order.counterpartyPays()) {
            WalletRead read = payments.wallet.readAs(user.username());
            change = read.view() == null ? List.of()
                : PaymentDesk.changeOffer(read, order.currency(), expiresAtMs);
        }
        PaymentWire.Offer offer = new PaymentWire.Offer(transferId, order.counterpartyPays()
            ? PaymentWire.Role.COUNTERPARTY_PAYS : PaymentWire.Role.COUNTERPARTY_RECEIVES,
            order.type().name(), order.amount(), order.currency(), order.title(),
            order.description(), order.uniqueTransferId() == null ? ""
                : order.uniqueTransferId(), order.seriesId(), expiresAtMs, change);
        offered = true;
        PeerReply reply = request(PeerMessageKind.PAY_OFFER, offer.json(),
            payments.policy.decisionTimeoutMs() + 10_000);
        if (!(reply instanceof PeerReply.Answered answered)
            || answered.kind() != PeerMessageKind.PAY_ACCEPTED) {
            return refusedBy(reply);
        }
        Optional<PaymentWire.Accepted> accepted = PaymentWire.Accepted.parse(answered.body());
        if (accepted.isEmpty()) {
            return new Step(FINISHED_ERR, "The other node answered the offer malformed.");
        }
        if (!live()) {
            return Step.GONE;
        }
        return order.counterpartyPays() ? termsFromPayer(accepted.get(), change, expiresAtMs)
            : termsAsPayer(accepted.get(), expiresAtMs);
    }

    /** This node receives: the payer's terms, checked, and this side's change signed. */
    private Step termsFromPayer(PaymentWire.Accepted accepted, List<PaymentWire.Offered> change,
                                long expiresAtMs) {
        List<String> offeredIds = change.stream().map(PaymentWire.Offered::id).toList();
        Optional<Signature> signature = Signature.parse(accepted.payerSignature());
        if (signature.isEmpty() || accepted.payerCoinIds().isEmpty()
            || !offeredIds.containsAll(accepted.changeCoinIds())) {
            return new Step(FINISHED_ERR, "The payer's terms break the protocol (change not "
                + "offered, or no coins, or no signature).");
        }
        terms = new SwapPayload(transferId, order.counterparty(), user.username(),
            order.currency(), order.amount(), accepted.payerCoinIds(),
            accepted.changeCoinIds(), expiresAtMs);
        payerSignature = signature.get();
        for (PaymentWire.Offered coin : change) {
            if (terms.changeCoinIds().contains(coin.id())) {
                changeReturned = Math.addExact(changeReturned, coin.faceValue());
            }
        }
        if (!terms.changeCoinIds().isEmpty()) {
            if (payments.wallet.reserve(reservation, terms.changeCoinIds())
                != Reservation.RESERVED) {
                return new Step(FINISHED_ERR_CHANGE_MISMATCH, "The change coins offered are "
                    + "no longer free here.");
            }
            payeeSignature = user.keys().sign(terms.bytes());
        }
        return Step.NEXT;
    }

    /** This node pays: its coins chosen with the payee's change, reserved, signed. */
    private Step termsAsPayer(PaymentWire.Accepted accepted, long expiresAtMs) {
        WalletRead read = payments.wallet.readAs(user.username());
        if (read.view() == null) {
            return new Step(FINISHED_ERR, "The wallet could not be read from the colony.");
        }
        CoinPick pick = CoinPick.fromWallet(read, order.amount(), order.currency(),
            expiresAtMs, accepted.change());
        if (pick.refusal() != null) {
            return refusedBy(pick.refusal());
        }
        for (int attempt = 1; payments.wallet.reserve(reservation, pick.payerCoinIds())
            != Reservation.RESERVED; attempt++) {
            if (attempt >= PaymentDesk.PICK_ATTEMPTS) {
                return refusedBy("COLLECTING_MONEX_AMOUNT");
            }
            pick = CoinPick.fromWallet(payments.wallet.readAs(user.username()), order.amount(),
                order.currency(), expiresAtMs, accepted.change());
            if (pick.refusal() != null) {
                return refusedBy(pick.refusal());
            }
        }
        terms = new SwapPayload(transferId, user.username(), order.counterparty(),
            order.currency(), order.amount(), pick.payerCoinIds(), pick.changeCoinIds(),
            expiresAtMs);
        payerSignature = user.keys().sign(terms.bytes());
        changeReturned = pick.changeBillons();
        if (terms.changeCoinIds().isEmpty()) {
            return Step.NEXT;
        }
        PeerReply signed = request(PeerMessageKind.PAY_SIGN, PaymentWire.termsJson(terms),
            SETTLE_TIMEOUT_MS);
        Optional<Signature> payee = signed instanceof PeerReply.Answered answered
            && answered.kind() == PeerMessageKind.PAY_SIGNED
            ? Signature.parse(PaymentWire.text(answered.body(), "payeeSignature"))
            : Optional.empty();
        if (payee.isEmpty()) {
            return signed instanceof PeerReply.Refused refused
                && refused.reason().equals("CHANGE_MISMATCH")
                ? refusedBy("CHANGE_MISMATCH") : refusedBy(signed);
        }
        payeeSignature = payee.get();
        return Step.NEXT;
    }

    /** TRANSFERRING: the swap prepared at the registry. */
    private Step prepare() {
        Step moved = move(TRANSFERRING, 20, progressInfo());
        if (!moved.next()) {
            return moved;
        }
        prepared = true;
        Optional<Outcome<SwapReply>> answer = colony("prepare swap", () -> payments.swaps
            .prepare(SwapRequest.of(terms, payerSignature, payeeSignature)));
        if (answer.isEmpty()) {
            return Step.GONE;
        }
        if (answer.get() instanceof Outcome.Refused<SwapReply> refused) {
            return RegistryRefusals.step(refused.refusal(), user.username(), terms);
        }
        preparedSwap = ((Outcome.Ok<SwapReply>) answer.get()).reply();
        // Receiving, this node checks the registry's answer at once (verifyAndCommit): no
        // step lies between, so no progress of its own to show.
        return order.counterpartyPays() ? Step.NEXT : move(TRANSFERRING, 50, null);
    }

    /**
     * WAITING_FOR_VERIFICATION and the check of the prepared swap, then past the point of no
     * return: NEXT, or how the task ends.
     */
    private Step verified() {
        if (order.counterpartyPays() && preparedSwap != null) {
            // Verified from the registry's answer in hand, then shown and past the point of
            // no return in one write: nothing could cancel it in between anyway.
            Step verified = verifyHere();
            if (!verified.next()) {
                return verified;
            }
            return live() && payments.engine.advancePastPointOfNoReturn(taskId,
                WAITING_FOR_VERIFICATION, 60, payments.clock.nowMs()).moved()
                ? Step.NEXT : Step.GONE;
        }
        Step moved = move(WAITING_FOR_VERIFICATION, 60, null);
        if (!moved.next()) {
            return moved;
        }
        Step verified = order.counterpartyPays() ? verifyHere() : verifyThere();
        if (!verified.next()) {
            return verified;
        }
        return live() && payments.engine.passPointOfNoReturn(taskId, payments.clock.nowMs())
            .moved() ? Step.NEXT : Step.GONE;
    }

    /** WAITING_FOR_VERIFICATION, then the commit: the point of no return. */
    private Step verifyAndCommit() {
        Step verified = verified();
        if (!verified.next()) {
            return verified;
        }
        Optional<Outcome<SwapReply>> answer = Optional.empty();
        while (answer.isEmpty() && payments.running()) {
            answer = colony("commit swap", () -> payments.swaps.commit(user.session(),
                transferId));
        }
        if (answer.isEmpty()) {
            return Step.GONE;
        }
        if (answer.get() instanceof Outcome.Ok<SwapReply> ok
            && ok.reply().state().equals("COMMITTED")) {
            committed = true;
            return new Step(FINISHED_OK, "");
        }
        Outcome.Refused<SwapReply> refused = (Outcome.Refused<SwapReply>) answer.get();
        return refused.refusal().error().equals("EXPIRED")
            ? new Step(FINISHED_ERR_VERIFICATION_TIMEOUT, "The prepared swap was not "
                + "confirmed in time and the registry voided it.")
            : new Step(FINISHED_ERR, "The registry did not commit the swap: "
                + refused.refusal().error() + ".");
    }

    /**
     * This node receives: it checks the prepared swap as the registry holds it, from the
     * registry's answer to this flow's own prepare (a second read would only repeat it: the
     * commit is refused if the swap has changed since), or read there when no answer is in hand.
     */
    private Step verifyHere() {
        Optional<Outcome<SwapReply>> read = preparedSwap != null
            ? Optional.of(Outcome.ok(preparedSwap))
            : colony("read swap", () -> payments.swaps.swap(user.session(), transferId));
        if (read.isEmpty()) {
            return Step.GONE;
        }
        if (read.get() instanceof Outcome.Ok<SwapReply> ok) {
            SwapReply swap = ok.reply();
            if (swap.state().equals("EXPIRED")) {
                return new Step(FINISHED_ERR_VERIFICATION_TIMEOUT, "The prepared swap expired "
                    + "at the registry before it was confirmed.");
            }
            if (swap.state().equals("PREPARED") && swap.amount() == order.amount()
                && swap.payee().equals(user.username())) {
                return Step.NEXT;
            }
        }
        return new Step(FINISHED_ERR, "The registry does not hold the swap as agreed.");
    }

    /** The counterparty receives: it confirms the prepared swap within the timeout. */
    private Step verifyThere() {
        PeerReply reply = request(PeerMessageKind.PAY_VERIFY,
            PaymentWire.single("transferId", transferId),
            payments.policy.verificationTimeoutMs());
        if (reply instanceof PeerReply.Answered answered
            && answered.kind() == PeerMessageKind.PAY_VERIFIED) {
            return Step.NEXT;
        }
        if (reply instanceof PeerReply.TimedOut) {
            return new Step(FINISHED_ERR_VERIFICATION_TIMEOUT, "The receiving side did not "
                + "confirm the prepared swap within the verification timeout.");
        }
        return refusedBy(reply);
    }

    private PeerReply request(PeerMessageKind kind, com.fasterxml.jackson.databind.JsonNode body,
                              long timeoutMs) {
        try {
            return link.request(kind, body, Math.min(timeoutMs, 600_000));
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return new PeerReply.TimedOut();
        }
    }

    private Step refusedBy(PeerReply reply) {
        return switch (reply) {
            case PeerReply.Refused refused -> refusedBy(refused.reason());
            case PeerReply.TimedOut late -> new Step(FINISHED_ERR_USER_TIMEOUT, "The other "
                + "node did not answer in time.");
            case PeerReply.LinkClosed closed -> new Step(FINISHED_ERR, "The link to the other "
                + "node ended (" + closed.end() + ").");
            default -> new Step(FINISHED_ERR, "The other node broke the protocol: " + reply
                + ".");
        };
    }

    /** A refusal's name, from the other node or the money rules, as the task's ending. */
    static Step refusedBy(String reason) {
        return switch (reason) {
            case "REJECTED" -> new Step(TaskStatus.FINISHED_ERR_USER_REJECTED,
                "The other user rejected the payment.");
            case "USER_TIMEOUT" -> new Step(FINISHED_ERR_USER_TIMEOUT,
                "The other user did not decide within the decision timeout.");
            case "NOT_ENOUGH_MONEY", "COLLECTING_MONEX_AMOUNT", "CHANGE_MISMATCH", "OUTDATED",
                "INVALID_DATA" -> new Step(TaskStatus.valueOf("FINISHED_ERR_" + reason),
                    CoinPick.sentence(reason));
            case "NOT_READY" -> new Step(FINISHED_ERR_USER_NOT_FOUND,
                "The other user's node is not logged in.");
            default -> new Step(FINISHED_ERR, "The other node refused: " + reason + ".");
        };
    }

    private String progressInfo() {
        var info = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
            .put("coinCount", terms.payerCoinIds().size() + terms.changeCoinIds().size());
        info.set("transferredAmount", Payments.billonAmount(Math.addExact(order.amount(),
            changeReturned), order.currency()));
        info.set("changeReturned", Payments.billonAmount(changeReturned, order.currency()));
        return info.toString();
    }

    /**
     * After the steps: a prepared swap not committed is voided (nothing moves), the coins
     * reserved here are freed, and the other side is told how the swap ended.
     */
    private void settle() {
        if (prepared && !committed) {
            Optional<Outcome<SwapReply>> voided = Optional.empty();
            long giveUpAtMs = terms.expiresAtMs();
            while (voided.isEmpty() && payments.clock.nowMs() < giveUpAtMs) {
                voided = colony("void swap", () -> payments.swaps.voidSwap(user.session(),
                    transferId));
            }
        }
        if (committed) {
            payments.wallet.spent(reservation);
        } else {
            payments.wallet.release(reservation);
        }
        if (link != null && offered) {
            var done = PaymentWire.done(transferId, committed ? "COMMITTED" : "VOIDED",
                order.counterpartyPays() ? PaymentWire.Role.COUNTERPARTY_PAYS
                    : PaymentWire.Role.COUNTERPARTY_RECEIVES, order.type().name(),
                order.amount(), order.currency(), order.uniqueTransferId() == null ? ""
                    : order.uniqueTransferId(), order.title(), order.description(),
                order.seriesId());
            PeerReply told = request(PeerMessageKind.PAY_DONE, done, SETTLE_TIMEOUT_MS);
            counterpartyTold = told instanceof PeerReply.Answered;
            if (committed && !counterpartyTold) {
                payments.tellLater(order.counterparty(), done);
            }
        }
    }

    private void publish(Step ending) {
        if (ending == Step.GONE || ending.status() == null) {
            return;
        }
        boolean ok = ending.status() == FINISHED_OK;
        int coins = terms == null ? 0 : terms.payerCoinIds().size()
            + terms.changeCoinIds().size();
        PaymentRecord record = new PaymentRecord("", "", order.uniqueTransferId() == null ? ""
            : order.uniqueTransferId(), PaymentRecords.direction(order.type().name()),
            order.type().name(), order.counterparty(), order.amount(), order.currency(), 0,
            ok ? Math.addExact(order.amount(), changeReturned) : 0, ok ? changeReturned : 0,
            ok ? coins : 0, ending.status(), order.seriesId(), order.title(),
            PaymentRecords.document(order.description()),
            user == null ? "" : user.username(), "", 0, 0);
        for (int attempt = 1; ; attempt++) {
            try {
                payments.engine.finish(taskId, ending.status(), ok ? "{\"counterpartyTold\":"
                    + counterpartyTold + "}" : ending.message(), record, payments.clock.nowMs());
                return;
            } catch (RuntimeException refused) {
                // The store refuses writes (full, read-only, locked): the end is kept only once
                // committed, so it is tried again; the task shows its last committed status
                // meanwhile, and a restart settles it from the registry.
                if (attempt >= PUBLISH_ATTEMPTS || !payments.running()) {
                    LOG.error("task {}: its end {} could not be stored after {} attempts",
                        taskId, ending.status(), attempt, refused);
                    return;
                }
                LOG.warn("task {}: its end {} could not be stored ({}); trying again", taskId,
                    ending.status(), refused.getMessage());
                if (!pause(PUBLISH_RETRY_MS)) {
                    return;
                }
            }
        }
    }

    /** One colony call, repeated while the colony cannot answer and the task wants it. */
    private <T> Optional<Outcome<T>> colony(String what, ColonyCall<T> call) {
        long backoffMs = 100;
        while (payments.running()) {
            try {
                Outcome<T> outcome = call.run();
                if (!(outcome instanceof Outcome.Refused<T> refused)
                    || !RegistryRefusals.temporary(refused.refusal())) {
                    return Optional.of(outcome);
                }
            } catch (java.io.IOException unreachable) {
                LOG.info("task {}: {}: colony not reached ({})", taskId, what,
                    unreachable.getMessage());
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (!pause(backoffMs) || (!committed && !prepared && !live())) {
                return Optional.empty();
            }
            backoffMs = Math.min(2_000, backoffMs * 2);
        }
        return Optional.empty();
    }

    /** One call to the colony. */
    interface ColonyCall<T> {
        Outcome<T> run() throws java.io.IOException, InterruptedException;
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
