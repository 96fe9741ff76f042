package cnode.colony.server;

import cnode.colony.Account;
import cnode.colony.CoinKind;
import cnode.colony.CoinRedeemOrder;
import cnode.colony.CoinRedeemResult;
import cnode.colony.CoinRow;
import cnode.colony.Registry;
import cnode.colony.RegistryTransfer;
import cnode.colony.Username;
import cnode.colony.client.Outcome;
import cnode.colony.client.RedemptionReply;
import cnode.colony.client.RedemptionRequest;
import cnode.colony.store.ColonyCommand;
import cnode.colony.store.ColonyState;
import cnode.crypto.RedemptionPayload;
import cnode.money.BankAccount;
import cnode.money.Currency;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/bank/redemptions}: the user's coins leave circulation and the bank owes their
 * worth to a bank account (an IBAN, or a Polish NRB), checked before anything changes. The
 * user signs the request ({@code cnode/redemption/v1}); the registry retires the coins
 * ({@link Registry#redeem}) and the redeemed total grows by their worth, so conservation holds.
 * The reply is the payout record; the colony logs one line per payout owed, once, when the
 * coins are retired. No commission is charged: none is configured (the registry's hook answers
 * 0). Idempotent by transfer id: the same request again gets the same record, and no second
 * payout is logged.
 *
 * <p>Guards, in order (docs/COLONY-API.md): {@code BAD_TRANSFER_ID}, {@code UNKNOWN_USER} (not
 * a username at all), {@code ACCOUNT_*} (the failed check of {@link BankAccount}),
 * {@code BAD_CURRENCY}, {@code BAD_COLOUR}, {@code BAD_AMOUNT}, {@code NO_COINS},
 * {@code BAD_COIN_ID}, {@code TOO_MANY_COINS}, {@code UNKNOWN_USER}, {@code SIGNATURE_INVALID},
 * then the registry's ({@link CoinRedeemResult}), where {@code AMOUNT_MISMATCH} (the coins are
 * not worth {@code billons} of the currency and colour; not remembered) comes just before
 * {@code REDEEMED}. A repeated transfer id whose first answer was {@code REDEEMED} of another
 * amount is {@code TRANSFER_ID_REUSED}. Stateless; any thread.
 */
final class RedeemEndpoint implements Endpoint<RedemptionRequest, RedemptionReply> {
    private static final Logger LOG = LoggerFactory.getLogger(RedeemEndpoint.class);

    /** The judgement: a result name, the billons retired, and whether it happened just now. */
    private record Redeemed(String result, long billons, boolean fresh) {}

    private final WriterLink link;
    private final Bank bank;

    RedeemEndpoint(WriterLink link, Bank bank) {
        this.link = link;
        this.bank = bank;
    }

    @Override
    public Class<RedemptionRequest> requestType() {
        return RedemptionRequest.class;
    }

    @Override
    public CompletionStage<Outcome<RedemptionReply>> handle(RedemptionRequest request,
                                                           Call call) {
        if (!Registry.isTransferId(request.transferId())) {
            return Endpoint.refuse(BankRefusals.of("BAD_TRANSFER_ID"));
        }
        if (!Username.valid(request.user())) {
            return Endpoint.refuse(BankRefusals.of("UNKNOWN_USER"));
        }
        BankAccount.Checked checked = BankAccount.parse(request.account());
        if (!checked.ok()) {
            return Endpoint.refuse(BankRefusals.of("ACCOUNT_" + checked.result().name()));
        }
        String fault = !Currency.isCode(request.currency()) ? "BAD_CURRENCY"
            : colour(request) < 0 ? "BAD_COLOUR"
            : request.billons() <= 0 ? "BAD_AMOUNT"
            : ExchangeEndpoint.coinsFault(request.coinIds(), bank.coinsPerOrderMax());
        if (fault != null) {
            return Endpoint.refuse(BankRefusals.of(fault));
        }
        BankAccount account = checked.account().orElseThrow();
        RedemptionPayload payload = new RedemptionPayload(request.transferId(), request.user(),
            request.currency(), colour(request), request.billons(), request.coinIds(),
            account.iban());
        return bank.signedBy(link, request.user(), payload.bytes(), request.signature(),
            () -> redeem(request, account));
    }

    private static long colour(RedemptionRequest request) {
        return request.colour() == null ? 0 : request.colour();
    }

    private CompletionStage<Outcome<RedemptionReply>> redeem(RedemptionRequest request,
                                                            BankAccount account) {
        String transferId = request.transferId();
        CoinKind kind = new CoinKind(new Currency(request.currency()), colour(request));
        ColonyCommand<Redeemed> command = (state, nowMs) -> {
            Registry registry = state.registry();
            boolean fresh = registry.transfer(transferId, nowMs).isEmpty();
            if (fresh && !worthAsStated(state, request, kind, nowMs)) {
                return new Redeemed("AMOUNT_MISMATCH", 0, false);
            }
            CoinRedeemOrder order = new CoinRedeemOrder(transferId, request.user(),
                request.coinIds(), account.iban());
            CoinRedeemResult result = registry.redeem(order, nowMs);
            long billons = result != CoinRedeemResult.REDEEMED ? 0
                : registry.transfer(transferId, nowMs).map(RegistryTransfer::billons)
                    .orElseThrow();
            return new Redeemed(result.name(), billons, fresh);
        };
        return bank.submit(link, command, redeemed -> {
            if (!redeemed.result().equals(CoinRedeemResult.REDEEMED.name())) {
                return Outcome.refused(BankRefusals.of(redeemed.result()));
            }
            if (redeemed.billons() != request.billons()) {
                return Outcome.refused(BankRefusals.of("TRANSFER_ID_REUSED", "This transfer id"
                    + " redeemed coins worth " + redeemed.billons() + " billons, not "
                    + request.billons() + "."));
            }
            if (redeemed.fresh()) {
                LOG.info("payout owed: transfer {}, {} billons {} colour {} from {} to {}",
                    transferId, redeemed.billons(), kind.currency(), kind.colour(),
                    request.user(), account.printed());
            }
            return Outcome.ok(new RedemptionReply(transferId, request.user(), account.printed(),
                redeemed.billons(), kind.currency().code(), kind.colour(),
                request.coinIds().size()));
        });
    }

    /**
     * False only when the registry would redeem these coins (user known and unlocked; room for
     * a transfer; coins live, distinct, the user's, free, unexpired, of one kind) and they are
     * not worth {@code billons} of {@code kind}; in every other case the registry's own
     * refusal is the answer. Writer thread only.
     */
    private static boolean worthAsStated(ColonyState state, RedemptionRequest request,
                                         CoinKind kind, long nowMs) {
        Optional<Account> user = state.directory().account(request.user());
        List<String> ids = request.coinIds();
        Registry registry = state.registry();
        boolean full = registry.transferCount() >= registry.config().transfersMax();
        if (user.isEmpty() || user.get().locked() || new HashSet<>(ids).size() != ids.size()
            || full) {
            return true;
        }
        List<CoinRow> coins = new ArrayList<>(ids.size());
        for (String id : ids) {
            Optional<CoinRow> row = registry.coin(id, nowMs);
            if (row.isEmpty() || !row.get().owner().equals(request.user())
                || row.get().reserved() || row.get().coin().expiredAt(nowMs)) {
                return true;
            }
            coins.add(row.get());
        }
        if (coins.stream().map(CoinRow::kind).distinct().count() > 1) {
            return true;
        }
        long worth = 0;
        for (CoinRow coin : coins) {
            worth = Math.addExact(worth, coin.faceValue());
        }
        return coins.get(0).kind().equals(kind) && worth == request.billons();
    }
}
