package cnode.colony.server;

import cnode.colony.CoinKind;
import cnode.colony.MintOrder;
import cnode.colony.MintResult;
import cnode.colony.Registry;
import cnode.colony.client.ColonyAdmin.MintReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.Outcome;
import cnode.colony.store.ColonyCommand;
import cnode.money.Coin;
import cnode.money.CoinDistribution;
import cnode.money.Currency;
import cnode.money.IssuanceCurve;
import cnode.stdx.Ids;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/admin/mint} (admin token): the bank issues new coins worth {@code billons} to
 * a user, split by the fewest coins, or along an issuance curve when one is named; each coin
 * has a fresh id, is issued now and expires {@code --coin-validity} later; the registry mints
 * them in one command ({@link Registry#mint}). Guards, in order (docs/COLONY-API.md):
 * {@code BAD_TRANSFER_ID}, {@code BAD_AMOUNT}, {@code BAD_CURRENCY}, {@code UNKNOWN_CURRENCY},
 * {@code BAD_COLOUR}, {@code UNKNOWN_CURVE}, {@code TOO_MANY_COINS}, then the registry's
 * ({@link MintResult}). Idempotent by transfer id ({@link Bank}); a request without one gets a
 * random one, echoed in the reply. Stateless; any thread.
 */
final class MintEndpoint implements Endpoint<MintRequest, MintReply> {
    private record Minted(MintResult result, List<Coin> coins) {}

    private final WriterLink link;
    private final Bank bank;
    private final Ids ids = Ids.secure();

    MintEndpoint(WriterLink link, Bank bank) {
        this.link = link;
        this.bank = bank;
    }

    @Override
    public Class<MintRequest> requestType() {
        return MintRequest.class;
    }

    @Override
    public CompletionStage<Outcome<MintReply>> handle(MintRequest request, Call call) {
        String transferId = request.transferId() == null ? ids.next() : request.transferId();
        if (!Registry.isTransferId(transferId)) {
            return Endpoint.refuse(BankRefusals.of("BAD_TRANSFER_ID"));
        }
        if (request.billons() <= 0) {
            return Endpoint.refuse(BankRefusals.of("BAD_AMOUNT"));
        }
        if (!Currency.isCode(request.currency())) {
            return Endpoint.refuse(BankRefusals.of("BAD_CURRENCY"));
        }
        Currency currency = new Currency(request.currency());
        if (!currency.rated()) {
            return Endpoint.refuse(BankRefusals.of("UNKNOWN_CURRENCY"));
        }
        long colour = request.colour() == null ? 0 : request.colour();
        if (colour < 0) {
            return Endpoint.refuse(BankRefusals.of("BAD_COLOUR"));
        }
        Optional<IssuanceCurve> curve = Optional.ofNullable(request.curve())
            .flatMap(IssuanceCurve::named);
        if (request.curve() != null && curve.isEmpty()) {
            return Endpoint.refuse(BankRefusals.of("UNKNOWN_CURVE"));
        }
        CoinDistribution.Outcome split = curve
            .map(named -> CoinDistribution.alongCurve(request.billons(), named))
            .orElseGet(() -> CoinDistribution.fewestCoins(request.billons()));
        if (!split.ok() || split.distribution().orElseThrow().coins() > bank.coinsPerOrderMax()) {
            return Endpoint.refuse(BankRefusals.of("TOO_MANY_COINS", "Minting "
                + request.billons() + " billons takes more than " + bank.coinsPerOrderMax()
                + " coins; mint it in parts."));
        }
        return mint(transferId, request, new CoinKind(currency, colour),
            split.distribution().orElseThrow());
    }

    private CompletionStage<Outcome<MintReply>> mint(String transferId, MintRequest request,
                                                     CoinKind kind,
                                                     CoinDistribution distribution) {
        ColonyCommand<Minted> command = (state, nowMs) -> {
            Registry registry = state.registry();
            List<Coin> coins = bank.coins(Bank.Purpose.MINT, transferId,
                Bank.issuedAtMs(registry, transferId, nowMs), kind, distribution);
            MintOrder order = new MintOrder(transferId, request.user(), coins);
            return new Minted(registry.mint(order, nowMs), coins);
        };
        return bank.submit(link, command, minted -> {
            if (minted.result() == MintResult.UNKNOWN_USER) {
                return Outcome.refused(BankRefusals.notFound("UNKNOWN_USER", "No user "
                    + request.user() + " is registered."));
            }
            if (minted.result() != MintResult.MINTED) {
                return Outcome.refused(BankRefusals.of(minted.result()));
            }
            return Outcome.ok(new MintReply(transferId, request.user(), kind.currency().code(),
                kind.colour(), distribution.total(), minted.coins().size(),
                bank.signed(minted.coins())));
        });
    }
}
