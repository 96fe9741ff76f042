package cnode.colony.server;

import cnode.colony.CoinExchangeOrder;
import cnode.colony.CoinExchangeResult;
import cnode.colony.CoinKind;
import cnode.colony.Registry;
import cnode.colony.Username;
import cnode.colony.client.ExchangeReply;
import cnode.colony.client.ExchangeRequest;
import cnode.colony.client.Outcome;
import cnode.colony.store.ColonyCommand;
import cnode.money.Coin;
import cnode.money.CoinDistribution;
import cnode.money.Currency;
import cnode.stdx.Ids;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/bank/exchanges}: the bank's change ({@code changeMonexAtBnode}) and re-issue.
 * The user gives coins worth {@code billons} (expired ones too: this is the only way back for
 * an expired coin) and receives new coins worth exactly as much, split by {@code AMOUNT},
 * {@code HISTOGRAM} or {@code FACE_VALUE} ({@link CoinDistribution#forChange}), issued now and
 * valid for {@code --coin-validity}. The user signs the request ({@code cnode/exchange/v1});
 * the registry redeems the given coins and issues the new ones in one step
 * ({@link Registry#exchange}), so the circulation is unchanged. Idempotent by transfer id
 * ({@link Bank}).
 *
 * <p>Guards, in order (docs/COLONY-API.md): {@code BAD_TRANSFER_ID}, {@code UNKNOWN_USER} (not
 * a username at all), {@code BAD_CURRENCY}, {@code BAD_COLOUR}, {@code BAD_AMOUNT},
 * {@code NO_COINS}, {@code BAD_COIN_ID}, {@code TOO_MANY_COINS} (given), the split's refusals,
 * {@code TOO_MANY_COINS} (given and new), {@code UNKNOWN_USER}, {@code SIGNATURE_INVALID}, then
 * the registry's ({@link CoinExchangeResult}). Stateless; any thread.
 */
final class ExchangeEndpoint implements Endpoint<ExchangeRequest, ExchangeReply> {
    private static final Pattern COIN_ID = Pattern.compile("[0-9A-Z]{" + Ids.LENGTH + "}");

    private record Exchanged(CoinExchangeResult result, List<Coin> coins) {}

    private final WriterLink link;
    private final Bank bank;

    ExchangeEndpoint(WriterLink link, Bank bank) {
        this.link = link;
        this.bank = bank;
    }

    @Override
    public Class<ExchangeRequest> requestType() {
        return ExchangeRequest.class;
    }

    @Override
    public CompletionStage<Outcome<ExchangeReply>> handle(ExchangeRequest request, Call call) {
        String shape = shapeFault(request, bank.coinsPerOrderMax());
        if (shape != null) {
            return Endpoint.refuse(BankRefusals.of(shape));
        }
        CoinDistribution.Outcome split = CoinDistribution.forChange(request.billons(),
            request.changeMonexType(), request.value() == null ? "" : request.value());
        if (!split.ok()) {
            return Endpoint.refuse(BankRefusals.of(split.result()));
        }
        CoinDistribution distribution = split.distribution().orElseThrow();
        if (distribution.coins() > bank.coinsPerOrderMax() - request.giveCoinIds().size()) {
            return Endpoint.refuse(BankRefusals.of("TOO_MANY_COINS", "The given coins and the"
                + " new ones (" + distribution.coins() + ") are more than "
                + bank.coinsPerOrderMax() + " coins; exchange in parts."));
        }
        CoinKind kind = new CoinKind(new Currency(request.currency()), colour(request));
        return bank.signedBy(link, request.user(), request.payload().bytes(),
            request.signature(), () -> exchange(request, kind, distribution));
    }

    /** The first malformed field's refusal name, or null. */
    static String shapeFault(ExchangeRequest request, int coinsMax) {
        if (!Registry.isTransferId(request.transferId())) {
            return "BAD_TRANSFER_ID";
        }
        if (!Username.valid(request.user())) {
            return "UNKNOWN_USER";
        }
        if (!Currency.isCode(request.currency())) {
            return "BAD_CURRENCY";
        }
        if (colour(request) < 0) {
            return "BAD_COLOUR";
        }
        if (request.billons() <= 0) {
            return "BAD_AMOUNT";
        }
        return coinsFault(request.giveCoinIds(), coinsMax);
    }

    /** NO_COINS, BAD_COIN_ID or TOO_MANY_COINS for a list of coin ids, or null. */
    static String coinsFault(List<String> ids, int coinsMax) {
        if (ids.isEmpty()) {
            return "NO_COINS";
        }
        if (!ids.stream().allMatch(id -> COIN_ID.matcher(id).matches())) {
            return "BAD_COIN_ID";
        }
        return ids.size() > coinsMax ? "TOO_MANY_COINS" : null;
    }

    private static long colour(ExchangeRequest request) {
        return request.colour() == null ? 0 : request.colour();
    }

    private CompletionStage<Outcome<ExchangeReply>> exchange(ExchangeRequest request,
                                                             CoinKind kind,
                                                             CoinDistribution distribution) {
        String transferId = request.transferId();
        ColonyCommand<Exchanged> command = (state, nowMs) -> {
            Registry registry = state.registry();
            List<Coin> coins = bank.coins(Bank.Purpose.EXCHANGE, transferId,
                Bank.issuedAtMs(registry, transferId, nowMs), kind, distribution);
            CoinExchangeOrder order = new CoinExchangeOrder(transferId, request.user(),
                request.giveCoinIds(), coins);
            return new Exchanged(registry.exchange(order, nowMs), coins);
        };
        return bank.submit(link, command, exchanged -> {
            if (exchanged.result() != CoinExchangeResult.EXCHANGED) {
                return Outcome.refused(BankRefusals.of(exchanged.result()));
            }
            return Outcome.ok(new ExchangeReply(transferId, request.user(),
                kind.currency().code(), kind.colour(), distribution.total(),
                bank.signed(exchanged.coins())));
        });
    }
}
