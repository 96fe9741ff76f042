package cnode.payment;

import cnode.colony.client.ColonySwaps;
import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.Outcome;
import cnode.crypto.Signature;
import cnode.crypto.SwapPayload;
import cnode.money.Currency;
import cnode.node.NodeLife;
import cnode.node.NodeUser;
import cnode.peer.PeerHandler;
import cnode.peer.PeerMessageKind;
import cnode.peer.PeerReply;
import cnode.stdx.Clock;
import cnode.stdx.Ids;
import cnode.wallet.Decisions;
import cnode.wallet.HeldCoin;
import cnode.wallet.PendingDecision;
import cnode.wallet.PersonalDetails;
import cnode.wallet.Reservation;
import cnode.wallet.Wallet;
import cnode.wallet.WalletPolicy;
import cnode.wallet.WalletRead;
import cnode.wallet.WalletRole;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counterparty's side of a payment: answers the payment messages another user's node
 * sends over an authenticated link (docs/PEER-PROTOCOL.md, Payments). On an offer to pay it
 * asks the wallet's policy (or a person, on the web page), chooses the coins, reserves them
 * and signs the terms; on an offer of money it says whether it takes it and which coins it can
 * give as change; it signs terms whose change coins are its own, confirms a swap prepared at
 * the registry by reading it there, and settles when told how the swap ended (reservation
 * released, the wallet read again, the payment in the history). Each refusal is a name the
 * offering node maps to a task status.
 *
 * <p>Thread-safe: every request runs on its own virtual thread; the offers under way are in a
 * bounded concurrent map keyed by transfer id, each entry written once by its offer.
 */
public final class PaymentDesk implements PeerHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentDesk.class);
    static final int PENDING_MAX = 1_024;
    static final int CHANGE_OFFERED_MAX = 64;
    /** Coins of one face value offered as change at most. */
    private static final int CHANGE_PER_FACE = 4;
    /**
     * Times a payer chooses its coins again when a concurrent offer reserved one of them
     * between the choice and the reservation (each new choice sees that reservation).
     */
    static final int PICK_ATTEMPTS = 3;

    /** Where a series a payer revoked ends: the merchant node's series task. */
    public interface SeriesEnds {
        /** The payer {@code from} revoked {@code seriesId}; true when it was this node's. */
        boolean revoked(String seriesId, String from);
    }

    /** What the desk tells the rest of the node when a payment it took part in ended. */
    public interface Settlement {
        void settled(Pending pending, String state, long nowMs);
    }

    /** One offer this side took, until the offering node says how its swap ended. */
    public record Pending(String transferId, String from, PaymentWire.Role role, String kind,
                          long amount, String currency, String title, String description,
                          String uniqueTransferId, String seriesId, long expiresAtMs,
                          String reservation, long receivedMs) {}

    private final NodeLife life;
    private final Wallet wallet;
    private final Decisions decisions;
    private final WalletRole role;
    private final PaymentPolicy policy;
    private final ColonySwaps swaps;
    private final ExpectWindows windows;
    private final Settlement settlement;
    private final PersonalDetails personal;
    private final SeriesConsents consents;
    private final SeriesEnds seriesEnds;
    private final Clock clock;
    private final Ids ids = Ids.secure();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public PaymentDesk(NodeLife life, Wallet wallet, Decisions decisions, WalletRole role,
                       PaymentPolicy policy, ColonySwaps swaps, ExpectWindows windows,
                       Settlement settlement, PersonalDetails personal,
                       SeriesConsents consents, SeriesEnds seriesEnds, Clock clock) {
        this.life = life;
        this.wallet = wallet;
        this.decisions = decisions;
        this.role = role;
        this.policy = policy;
        this.swaps = swaps;
        this.windows = windows;
        this.settlement = settlement;
        this.personal = personal;
        this.consents = consents;
        this.seriesEnds = seriesEnds;
        this.clock = clock;
    }

    @Override
    public PeerReply handle(String fromUser, PeerMessageKind kind, JsonNode body) {
        NodeUser user = life.snapshot().ready() ? life.snapshot().user() : null;
        if (kind == PeerMessageKind.PING) {
            return new PeerReply.Answered(PeerMessageKind.PONG, body);
        }
        if (user == null) {
            return new PeerReply.Refused("NOT_READY");
        }
        return switch (kind) {
            case PAY_OFFER -> PaymentWire.Offer.parse(body)
                .map(offer -> offered(user, fromUser, offer))
                .orElse(new PeerReply.Refused("MALFORMED"));
            case PAY_SIGN -> PaymentWire.terms(body).map(terms -> sign(user, fromUser, terms))
                .orElse(new PeerReply.Refused("MALFORMED"));
            case PAY_VERIFY -> verify(user, fromUser, PaymentWire.text(body, "transferId"));
            case PAY_DONE -> settle(user, fromUser, body);
            case PERSONAL_DATA_ASK -> personalData(fromUser, body);
            case SERIES_OFFER -> seriesOffered(fromUser, body);
            case SERIES_REVOKED -> seriesEnds.revoked(PaymentWire.text(body, "seriesId"),
                fromUser) ? new PeerReply.Answered(PeerMessageKind.SERIES_NOTED, body)
                : new PeerReply.Refused("UNKNOWN_SERIES");
            default -> new PeerReply.Refused("UNKNOWN_KIND");
        };
    }

    private PeerReply offered(NodeUser user, String from, PaymentWire.Offer offer) {
        if (pending.containsKey(offer.transferId())) {
            return new PeerReply.Refused("DUPLICATE");
        }
        if (pending.size() >= PENDING_MAX) {
            return new PeerReply.Refused("BUSY");
        }
        if (!Currency.isCode(offer.currency())) {
            return new PeerReply.Refused("MALFORMED");
        }
        return offer.role() == PaymentWire.Role.COUNTERPARTY_PAYS
            ? askedToPay(user, from, offer) : offeredMoney(user, from, offer);
    }

    /** The other node asks this user to pay: decide, choose the coins, reserve, sign. */
    private PeerReply askedToPay(NodeUser user, String from, PaymentWire.Offer offer) {
        if (!descriptionAgrees(offer)) {
            return new PeerReply.Refused("INVALID_DATA");
        }
        String verdict = consents.covers(offer.seriesId(), from) ? null : decide(from, offer);
        if (verdict != null) {
            return new PeerReply.Refused(verdict);
        }
        WalletRead read = wallet.readAs(user.username());
        if (read.view() == null) {
            return new PeerReply.Refused("NOT_READY");
        }
        String reservation = "in:" + offer.transferId();
        CoinPick pick = null;
        for (int attempt = 0; attempt < PICK_ATTEMPTS && pick == null; attempt++) {
            WalletRead now = attempt == 0 ? read : wallet.readAs(user.username());
            CoinPick candidate = offer.kind().equals("PING_PAYMENT")
                ? CoinPick.exchange(now, offer.currency(), offer.expiresAtMs(), offer.change())
                : CoinPick.fromWallet(now, offer.amount(), offer.currency(),
                    offer.expiresAtMs(), offer.change());
            if (candidate.refusal() != null) {
                return new PeerReply.Refused(candidate.refusal());
            }
            if (wallet.reserve(reservation, candidate.payerCoinIds()) == Reservation.RESERVED) {
                pick = candidate;
            }
        }
        if (pick == null) {
            return new PeerReply.Refused("COLLECTING_MONEX_AMOUNT");
        }
        SwapPayload terms = new SwapPayload(offer.transferId(), user.username(), from,
            offer.currency(), offer.amount(), pick.payerCoinIds(), pick.changeCoinIds(),
            offer.expiresAtMs());
        Signature signature = user.keys().sign(terms.bytes());
        remember(from, offer, reservation);
        return new PeerReply.Answered(PeerMessageKind.PAY_ACCEPTED, new PaymentWire.Accepted(
            pick.payerCoinIds(), pick.changeCoinIds(), signature.text(), List.of()).json());
    }

    /** The other node offers this user money: take it or not, and offer change. */
    private PeerReply offeredMoney(NodeUser user, String from, PaymentWire.Offer offer) {
        boolean welcome = role.acceptsIncoming(user.merchant())
            || windows.take(from, offer.amount(), offer.currency(), clock.nowMs());
        if (!welcome) {
            LOG.info("refused {} {} offered by {}: this node takes no unsolicited money",
                offer.amount(), offer.currency(), from);
            return new PeerReply.Refused("REJECTED");
        }
        WalletRead read = wallet.readAs(user.username());
        List<PaymentWire.Offered> change = read.view() == null ? List.of()
            : changeOffer(read, offer.currency(), offer.expiresAtMs());
        remember(from, offer, "in:" + offer.transferId());
        return new PeerReply.Answered(PeerMessageKind.PAY_ACCEPTED,
            new PaymentWire.Accepted(List.of(), List.of(), "", change).json());
    }

    /** Up to {@link #CHANGE_OFFERED_MAX} free coins, a few of each face value. */
    static List<PaymentWire.Offered> changeOffer(WalletRead read, String currency,
                                                 long validUntilMs) {
        List<PaymentWire.Offered> offered = new ArrayList<>();
        for (HeldCoin coin : read.view().freeSample(new Currency(currency), 0, validUntilMs,
            CHANGE_PER_FACE, CHANGE_OFFERED_MAX)) {
            offered.add(new PaymentWire.Offered(coin.coin().id(), coin.coin().faceValue()));
        }
        return offered;
    }

    /**
     * A merchant asks this user to accept a series: the policy judges its total (no total
     * limit: the most a series could take), or a person decides; an accepted one is kept so
     * its requests run without asking.
     */
    private PeerReply seriesOffered(String from, JsonNode body) {
        String seriesId = PaymentWire.text(body, "seriesId");
        long totalMax = PaymentWire.number(body, "totalMax");
        String currency = PaymentWire.text(body, "currency");
        if (seriesId.isEmpty() || totalMax < 0 || !Currency.isCode(currency)) {
            return new PeerReply.Refused("MALFORMED");
        }
        PaymentWire.Offer question = new PaymentWire.Offer(seriesId, PaymentWire.Role
            .COUNTERPARTY_PAYS, "MONEY_COLLECT_SERIES", Math.max(1, totalMax), currency,
            PaymentWire.text(body, "title"), PaymentWire.text(body, "description"), "",
            seriesId, 1, List.of());
        String verdict = decide(from, question, totalMax == 0 ? Long.MAX_VALUE : totalMax);
        if (verdict != null) {
            return new PeerReply.Refused(verdict);
        }
        if (!consents.accept(new SeriesConsents.Consent(seriesId, from,
            PaymentWire.text(body, "title"), totalMax, currency, clock.nowMs()))) {
            return new PeerReply.Refused("BUSY");
        }
        return new PeerReply.Answered(PeerMessageKind.SERIES_ACCEPTED,
            PaymentWire.single("seriesId", seriesId));
    }

    /**
     * A merchant asks for this user's invoice and delivery data: the policy (or a person)
     * decides; the parts the flags ask for are shared, and a part marked OBLIGATORY that this
     * node does not have (no {@code --personal-data}) refuses the whole.
     */
    private PeerReply personalData(String from, JsonNode body) {
        String invoice = PaymentWire.text(body, "requestInvoiceData");
        String delivery = PaymentWire.text(body, "requestDeliveryData");
        PaymentWire.Offer question = new PaymentWire.Offer("personal-data", PaymentWire.Role
            .COUNTERPARTY_PAYS, "PERSONAL_DATA_REQUEST", 1, "PLN", "Personal data for "
            + from, "invoice " + invoice + ", delivery " + delivery, "", "", 1, List.of());
        String verdict = decide(from, question, 0);
        if (verdict != null) {
            return new PeerReply.Refused(verdict);
        }
        if ((invoice.equals("OBLIGATORY") && personal.invoiceData() == null)
            || (delivery.equals("OBLIGATORY") && personal.deliveryData() == null)) {
            return new PeerReply.Refused("REJECTED");
        }
        var answer = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            if (!invoice.isEmpty() && !invoice.equals("NOT_NEEDED")
                && personal.invoiceData() != null) {
                answer.set("invoiceData", json.readTree(personal.invoiceData()));
            }
            if (!delivery.isEmpty() && !delivery.equals("NOT_NEEDED")
                && personal.deliveryData() != null) {
                answer.set("deliveryData", json.readTree(personal.deliveryData()));
            }
        } catch (IOException unreadable) {
            throw new IllegalStateException("personal data checked at start-up", unreadable);
        }
        return new PeerReply.Answered(PeerMessageKind.PERSONAL_DATA_GIVEN, answer);
    }

    /** Null to go on, or the refusal's name: the policy or the person said no, or nothing. */
    private String decide(String from, PaymentWire.Offer offer) {
        return decide(from, offer, offer.amount());
    }

    private String decide(String from, PaymentWire.Offer offer, long judgedAmount) {
        WalletPolicy.Verdict verdict = role.policy().judge(judgedAmount);
        if (verdict == WalletPolicy.Verdict.ACCEPT) {
            return null;
        }
        if (verdict == WalletPolicy.Verdict.REJECT) {
            return "REJECTED";
        }
        PendingDecision question = new PendingDecision(ids.next(), from, kindOf(offer.kind()),
            offer.amount(),
            new Currency(offer.currency()), offer.title(), offer.description(), clock.nowMs());
        var answer = decisions.offer(question);
        try {
            return switch (answer.get(policy.decisionTimeoutMs(), TimeUnit.MILLISECONDS)) {
                case ACCEPT -> null;
                case REJECT, WITHDRAWN -> "REJECTED";
                case DESK_FULL -> "BUSY";
            };
        } catch (TimeoutException late) {
            decisions.withdraw(question.id());
            return "USER_TIMEOUT";
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            decisions.withdraw(question.id());
            return "BUSY";
        } catch (ExecutionException bug) {
            throw new IllegalStateException("a decision failed", bug);
        }
    }

    private static PendingDecision.Kind kindOf(String kind) {
        return switch (kind) {
            case "PING_PAYMENT" -> PendingDecision.Kind.PING;
            case "PERSONAL_DATA_REQUEST" -> PendingDecision.Kind.PERSONAL_DATA;
            case "MONEY_COLLECT_SERIES" -> PendingDecision.Kind.SERIES;
            default -> PendingDecision.Kind.PAYMENT_REQUEST;
        };
    }

    /** The payer asks this payee to sign terms that take change coins from it. */
    private PeerReply sign(NodeUser user, String from, SwapPayload terms) {
        Pending offer = pending.get(terms.transferId());
        if (offer == null || !offer.from().equals(from)
            || offer.role() != PaymentWire.Role.COUNTERPARTY_RECEIVES
            || !terms.payee().equals(user.username()) || !terms.payer().equals(from)
            || terms.amount() != offer.amount() || !terms.currency().equals(offer.currency())) {
            return new PeerReply.Refused("TERMS_MISMATCH");
        }
        if (wallet.reserve(offer.reservation(), terms.changeCoinIds()) != Reservation.RESERVED) {
            return new PeerReply.Refused("CHANGE_MISMATCH");
        }
        Signature signature = user.keys().sign(terms.bytes());
        return new PeerReply.Answered(PeerMessageKind.PAY_SIGNED,
            PaymentWire.single("payeeSignature", signature.text()));
    }

    /** The receiving side's check of the swap prepared at the registry. */
    private PeerReply verify(NodeUser user, String from, String transferId) {
        Pending offer = pending.get(transferId);
        if (offer == null || !offer.from().equals(from)) {
            return new PeerReply.Refused("UNKNOWN_TRANSFER");
        }
        Optional<Outcome<SwapReply>> read;
        try {
            read = Optional.of(swaps.swap(user.session(), transferId));
        } catch (IOException unreachable) {
            read = Optional.empty();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            read = Optional.empty();
        }
        if (read.isEmpty() || !(read.get() instanceof Outcome.Ok<SwapReply> ok)) {
            return new PeerReply.Refused("REGISTRY_UNREACHABLE");
        }
        SwapReply swap = ok.reply();
        boolean right = swap.state().equals("PREPARED") && swap.payer().equals(from)
            && swap.payee().equals(user.username()) && swap.amount() == offer.amount()
            && swap.currency().equals(offer.currency());
        return right ? new PeerReply.Answered(PeerMessageKind.PAY_VERIFIED,
            PaymentWire.single("transferId", transferId))
            : new PeerReply.Refused("NOT_AS_AGREED");
    }

    private PeerReply settle(NodeUser user, String from, JsonNode body) {
        String transferId = PaymentWire.text(body, "transferId");
        String state = PaymentWire.text(body, "state");
        Pending offer = pending.get(transferId);
        if (offer == null || !offer.from().equals(from)) {
            if (state.equals("COMMITTED") && !settleUnknown(user, from, body, transferId)) {
                // The registry could not be asked: the sender tries again later.
                return new PeerReply.Refused("BUSY");
            }
            return new PeerReply.Answered(PeerMessageKind.PAY_SETTLED,
                PaymentWire.single("transferId", transferId));
        }
        pending.remove(transferId);
        if (state.equals("COMMITTED")) {
            wallet.spent(offer.reservation());
        } else {
            wallet.release(offer.reservation());
        }
        settlement.settled(offer, state, clock.nowMs());
        LOG.info("payment {} with {} settled here: {}", transferId, from, state);
        return new PeerReply.Answered(PeerMessageKind.PAY_SETTLED,
            PaymentWire.single("transferId", transferId));
    }

    /**
     * A committed payment this side has no note of (it restarted after it accepted the
     * offer): recorded once the registry confirms the swap committed between these two users,
     * with the registry's amount.
     */
    private boolean settleUnknown(NodeUser user, String from, JsonNode body,
                                  String transferId) {
        SwapReply swap;
        try {
            Outcome<SwapReply> answer = swaps.swap(user.session(), transferId);
            if (!(answer instanceof Outcome.Ok<SwapReply> ok)) {
                // A swap the registry does not know, or one not ours, is settled: nothing to
                // record; a refusal it may take back (busy, session) is asked again later.
                Outcome.Refused<SwapReply> refused = (Outcome.Refused<SwapReply>) answer;
                return !RegistryRefusals.temporary(refused.refusal())
                    && !refused.refusal().error().startsWith("SESSION_");
            }
            swap = ok.reply();
        } catch (IOException unreachable) {
            return false;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
        boolean iPaid = swap.payer().equals(user.username()) && swap.payee().equals(from);
        boolean iGot = swap.payee().equals(user.username()) && swap.payer().equals(from);
        if (!swap.state().equals("COMMITTED") || (!iPaid && !iGot)) {
            return true;
        }
        long nowMs = clock.nowMs();
        PaymentWire.Role role = iPaid ? PaymentWire.Role.COUNTERPARTY_PAYS
            : PaymentWire.Role.COUNTERPARTY_RECEIVES;
        String kind = PaymentWire.text(body, "kind").isEmpty() ? "PAYMENT"
            : PaymentWire.text(body, "kind");
        Pending known = new Pending(transferId, from, role, kind, swap.amount(),
            swap.currency(), PaymentWire.text(body, "title"),
            PaymentWire.text(body, "description"), PaymentWire.text(body, "uniqueTransferId"),
            PaymentWire.text(body, "seriesId"), swap.expiresAtMs(), "in:" + transferId,
            swap.preparedAtMs());
        wallet.invalidate();
        settlement.settled(known, "COMMITTED", nowMs);
        LOG.info("payment {} with {} settled here from the registry: COMMITTED", transferId,
            from);
        return true;
    }

    private void remember(String from, PaymentWire.Offer offer, String reservation) {
        pending.put(offer.transferId(), new Pending(offer.transferId(), from, offer.role(),
            offer.kind(), offer.amount(), offer.currency(), offer.title(), offer.description(),
            offer.uniqueTransferId(), offer.seriesId(), offer.expiresAtMs(), reservation,
            clock.nowMs()));
    }

    /**
     * Offers whose swap outlived its reservation at the registry without the offering node
     * saying how it ended: the registry voided them, so their reservations are released.
     */
    public int sweep(long nowMs) {
        int swept = 0;
        for (Pending offer : List.copyOf(pending.values())) {
            if (offer.expiresAtMs() + 60_000 < nowMs && pending.remove(offer.transferId(),
                offer)) {
                wallet.release(offer.reservation());
                swept++;
                NodeUser user = life.snapshot().user();
                if (user != null) {
                    // Never told how it ended (the other node stopped): the registry says.
                    Thread.ofVirtual().name("desk-sweep").start(() -> settleUnknown(user,
                        offer.from(), PaymentWire.done(offer.transferId(), "COMMITTED",
                            offer.role(), offer.kind(), offer.amount(), offer.currency(),
                            offer.uniqueTransferId(), offer.title(), offer.description(),
                            offer.seriesId()), offer.transferId()));
                }
            }
        }
        return swept;
    }

    /**
     * A description that names an amount must name the requested one (contract §4.1,
     * FINISHED_ERR_INVALID_DATA); an empty one, or one without an amount, agrees.
     */
    static boolean descriptionAgrees(PaymentWire.Offer offer) {
        if (offer.description().isBlank()) {
            return true;
        }
        try {
            JsonNode described = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(offer.description());
            JsonNode amount = described == null ? null : described.get("amount");
            return amount == null || (amount.canConvertToLong()
                && amount.longValue() == offer.amount());
        } catch (IOException notJson) {
            return false;
        }
    }

}
