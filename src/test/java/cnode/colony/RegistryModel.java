package cnode.colony;

import cnode.money.Coin;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately simple model of the coin registry's rules, written differently from
 * {@link Registry}, for the property test: no running sums and no indexes. A coin records only
 * its owner and place; whether it is reserved is found by looking through every swap; balances,
 * the money a payee is owed and the daily counters are recomputed from all coins and the whole
 * history of swaps (never forgotten) each time they are needed; the sameness of a retried
 * request is record equality of the request with its coin lists sorted; overflow is judged
 * with {@link BigInteger}. Answers are result names. One test thread.
 */
final class RegistryModel {
    private static final Account BANK = new Account(Registry.BANK, false, false, Limits.NONE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** A live coin: its facts, owner and place. */
    record Piece(Coin coin, String owner, CoinPlace place) {}

    /** A prepared swap, kept forever for the daily sums. */
    static final class Deal {
        final SwapOrder order;
        final long net;
        final long preparedAt;
        SwapState state = SwapState.PREPARED;

        Deal(SwapOrder order, long net, long preparedAt) {
            this.order = order;
            this.net = net;
            this.preparedAt = preparedAt;
        }

        List<String> ids() {
            List<String> all = new ArrayList<>(order.payerCoinIds());
            all.addAll(order.changeCoinIds());
            return all;
        }

        /** The state as of {@code at}: a prepared deal past its expiry has expired. */
        SwapState stateAt(long at) {
            return state == SwapState.PREPARED && order.expiresAtMs() <= at ? SwapState.EXPIRED
                : state;
        }
    }

    /** A remembered transfer id: the normalised request, its first answer, and more. */
    record Memory(Object request, String outcome, long billons, long forgetAt, Deal deal) {}

    final RegistryConfig config;
    final Map<String, Account> accounts;
    final Map<String, Piece> coins = new HashMap<>();
    final List<Deal> deals = new ArrayList<>();
    final Map<String, Memory> memory = new HashMap<>();
    /** Per kind: {issued, redeemed}. */
    final Map<CoinKind, long[]> totals = new TreeMap<>();
    long now;

    RegistryModel(RegistryConfig config, Map<String, Account> accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    /** Time passes to {@code at}: deals past expiry expire, memories past retention go. */
    void at(long at) {
        now = at;
        for (Deal deal : deals) {
            if (deal.state == SwapState.PREPARED && deal.order.expiresAtMs() <= now) {
                deal.state = SwapState.EXPIRED;
            }
        }
        memory.values().removeIf(m -> m.forgetAt() <= now);
    }

    Account account(String name) {
        return Registry.BANK.equals(name) ? BANK : accounts.get(name);
    }

    /** The transfer id of the prepared deal holding coin {@code id} at {@code at}, or null. */
    String reservedBy(String id, long at) {
        for (Deal deal : deals) {
            if (deal.stateAt(at) == SwapState.PREPARED && deal.ids().contains(id)) {
                return deal.order.transferId();
            }
        }
        return null;
    }

    static boolean transferIdShape(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (char c : id.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static List<String> sorted(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        copy.sort(null);
        return copy;
    }

    static List<Coin> sortedCoins(List<Coin> list) {
        List<Coin> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing(Coin::id));
        return copy;
    }

    /** The shape faults every order can have, by name, or null. */
    private String shape(String transferId, boolean hasCoins, List<String> ids) {
        if (!transferIdShape(transferId)) {
            return "BAD_TRANSFER_ID";
        }
        if (!hasCoins) {
            return "NO_COINS";
        }
        if (ids.size() > config.coinsPerOrderMax()) {
            return "TOO_MANY_COINS";
        }
        return new HashSet<>(ids).size() < ids.size() ? "DUPLICATE_COIN" : null;
    }

    /** The first answer to a remembered id, TRANSFER_ID_REUSED, or null when unknown. */
    private String recall(String transferId, Object request) {
        Memory known = memory.get(transferId);
        if (known == null) {
            return null;
        }
        return known.request().equals(request) ? known.outcome() : "TRANSFER_ID_REUSED";
    }

    private boolean full() {
        return memory.size() >= config.transfersMax();
    }

    private long sum(List<String> ids) {
        long sum = 0;
        for (String id : ids) {
            Piece piece = coins.get(id);
            sum += piece == null ? 0 : piece.coin().faceValue();
        }
        return sum;
    }

    private long owned(String user, CoinKind kind) {
        return coins.values().stream().filter(p -> p.owner().equals(user)
            && CoinKind.of(p.coin()).equals(kind)).mapToLong(p -> p.coin().faceValue()).sum();
    }

    private long owedTo(String user, CoinKind kind) {
        long sum = 0;
        for (Deal deal : deals) {
            if (deal.stateAt(now) == SwapState.PREPARED && deal.order.payee().equals(user)
                && kindOf(deal).equals(kind)) {
                sum += deal.net;
            }
        }
        return sum;
    }

    /** The kind of a prepared deal: its coins are held, so they are live. */
    private CoinKind kindOf(Deal deal) {
        return CoinKind.of(coins.get(deal.order.payerCoinIds().get(0)).coin());
    }

    /** Paid out (or received, {@code out} false) by {@code user} today in the currency. */
    private long usedToday(String user, CoinKind kind, boolean out) {
        long sum = 0;
        long today = Math.floorDiv(now, Registry.DAY_MS);
        for (Deal deal : deals) {
            String who = out ? deal.order.payer() : deal.order.payee();
            boolean counts = deal.state == SwapState.PREPARED
                || deal.state == SwapState.COMMITTED;
            if (counts && who.equals(user) && deal.order.currency().equals(kind.currency())
                && Math.floorDiv(deal.preparedAt, Registry.DAY_MS) == today) {
                sum += deal.net;
            }
        }
        return sum;
    }

    private void remember(String transferId, Object request, String outcome, long billons,
                          long forgetAt, Deal deal) {
        memory.put(transferId, new Memory(request, outcome, billons, forgetAt, deal));
    }

    // ---------------------------------------------------------------------------- mint

    String mint(MintOrder order) {
        List<String> ids = order.coins().stream().map(Coin::id).toList();
        String fault = shape(order.transferId(), !ids.isEmpty(), ids);
        if (fault != null) {
            return fault;
        }
        Set<CoinKind> kinds = new HashSet<>();
        order.coins().forEach(c -> kinds.add(CoinKind.of(c)));
        if (kinds.size() > 1) {
            return "MIXED_COINS";
        }
        Object request = new MintOrder(order.transferId(), order.user(),
            sortedCoins(order.coins()));
        String recalled = recall(order.transferId(), request);
        if (recalled != null) {
            return recalled;
        }
        if (order.coins().stream().anyMatch(c -> c.expiresAtMs() <= now)) {
            return "COIN_EXPIRED";
        }
        if (full()) {
            return "TRANSFERS_FULL";
        }
        long value = order.coins().stream().mapToLong(Coin::faceValue).sum();
        CoinKind kind = kinds.iterator().next();
        String outcome = judgeMint(order, kind, value);
        boolean minted = outcome.equals("MINTED");
        remember(order.transferId(), request, outcome, minted ? value : 0,
            now + config.retentionMs(), null);
        if (minted) {
            order.coins().forEach(c -> coins.put(c.id(),
                new Piece(c, order.user(), CoinPlace.WALLET)));
            totals.computeIfAbsent(kind, k -> new long[2])[0] += value;
        }
        return outcome;
    }

    private String judgeMint(MintOrder order, CoinKind kind, long value) {
        Account user = account(order.user());
        if (user == null) {
            return "UNKNOWN_USER";
        }
        if (order.coins().stream().anyMatch(c -> coins.containsKey(c.id()))) {
            return "COIN_EXISTS";
        }
        if (coins.size() + order.coins().size() > config.coinsMax()) {
            return "REGISTRY_FULL";
        }
        long issued = totals.getOrDefault(kind, new long[2])[0];
        if (BigInteger.valueOf(issued).add(BigInteger.valueOf(value)).compareTo(LONG_MAX) > 0) {
            return "TOTAL_OVERFLOW";
        }
        BigInteger after = BigInteger.valueOf(owned(order.user(), kind))
            .add(BigInteger.valueOf(owedTo(order.user(), kind))).add(BigInteger.valueOf(value));
        if (after.compareTo(BigInteger.valueOf(user.limits().balanceCap())) > 0) {
            return "BALANCE_CAP_EXCEEDED";
        }
        return "MINTED";
    }

    // ------------------------------------------------------------------------ prepare

    String prepare(SwapOrder order) {
        List<String> ids = new ArrayList<>(order.payerCoinIds());
        ids.addAll(order.changeCoinIds());
        String fault = shape(order.transferId(), !order.payerCoinIds().isEmpty(), ids);
        if (fault != null) {
            return fault;
        }
        if (order.amountBillons() < 0) {
            return "NEGATIVE_AMOUNT";
        }
        if (order.payer().equals(order.payee())) {
            return "SAME_USER";
        }
        Object request = new SwapOrder(order.transferId(), order.payer(), order.payee(),
            order.currency(), order.amountBillons(), sorted(order.payerCoinIds()),
            sorted(order.changeCoinIds()), order.expiresAtMs());
        String recalled = recall(order.transferId(), request);
        if (recalled != null) {
            return recalled;
        }
        if (order.expiresAtMs() <= now) {
            return "RESERVATION_IN_PAST";
        }
        if (order.expiresAtMs() - now > config.reservationMsMax()) {
            return "RESERVATION_TOO_LONG";
        }
        if (full()) {
            return "TRANSFERS_FULL";
        }
        String outcome = judgeSwap(order, ids);
        boolean prepared = outcome.equals("PREPARED");
        Deal deal = prepared ? new Deal(order, order.amountBillons(), now) : null;
        remember(order.transferId(), request, outcome, prepared ? order.amountBillons() : 0,
            (prepared ? order.expiresAtMs() : now) + config.retentionMs(), deal);
        if (prepared) {
            deals.add(deal);
        }
        return outcome;
    }

    private String judgeSwap(SwapOrder order, List<String> ids) {
        Account payer = account(order.payer());
        Account payee = account(order.payee());
        if (payer == null) {
            return "PAYER_UNKNOWN";
        }
        if (payee == null) {
            return "PAYEE_UNKNOWN";
        }
        if (payer.locked()) {
            return "PAYER_LOCKED";
        }
        if (payee.locked()) {
            return "PAYEE_LOCKED";
        }
        if (!ids.stream().allMatch(coins::containsKey)) {
            return "COIN_UNKNOWN";
        }
        CoinKind kind = CoinKind.of(coins.get(ids.get(0)).coin());
        if (!kind.currency().equals(order.currency())
            || ids.stream().anyMatch(id -> !CoinKind.of(coins.get(id).coin()).equals(kind))) {
            return "MIXED_COINS";
        }
        if (order.payerCoinIds().stream().anyMatch(id -> !coins.get(id).owner()
            .equals(order.payer()))) {
            return "NOT_PAYER_COIN";
        }
        if (order.changeCoinIds().stream().anyMatch(id -> !coins.get(id).owner()
            .equals(order.payee()))) {
            return "NOT_PAYEE_COIN";
        }
        if (ids.stream().anyMatch(id -> coins.get(id).place() == CoinPlace.VAULT)) {
            return "COIN_IN_VAULT";
        }
        if (ids.stream().anyMatch(id -> reservedBy(id, now) != null)) {
            return "COIN_RESERVED";
        }
        if (ids.stream().anyMatch(id -> coins.get(id).coin().expiresAtMs()
            <= order.expiresAtMs())) {
            return "COIN_EXPIRED";
        }
        long paid = sum(order.payerCoinIds());
        long change = sum(order.changeCoinIds());
        if (change > paid) {
            return "CHANGE_EXCEEDS_PAYMENT";
        }
        if (paid - change != order.amountBillons()) {
            return "AMOUNT_MISMATCH";
        }
        return limits(payer, payee, kind, paid - change);
    }

    private String limits(Account payer, Account payee, CoinKind kind, long net) {
        if (net == 0) {
            return "PREPARED";
        }
        if (net > payer.limits().perTransfer()) {
            return "PAYER_PER_TRANSFER_EXCEEDED";
        }
        if (usedToday(payer.username(), kind, true) + net > payer.limits().dailyOut()) {
            return "PAYER_DAILY_OUT_EXCEEDED";
        }
        if (net > payee.limits().perTransfer()) {
            return "PAYEE_PER_TRANSFER_EXCEEDED";
        }
        if (usedToday(payee.username(), kind, false) + net > payee.limits().dailyIn()) {
            return "PAYEE_DAILY_IN_EXCEEDED";
        }
        long after = owned(payee.username(), kind) + owedTo(payee.username(), kind) + net;
        if (after > payee.limits().balanceCap()) {
            return "PAYEE_BALANCE_CAP_EXCEEDED";
        }
        return "PREPARED";
    }

    // -------------------------------------------------------------------- commit, void

    private Deal deal(String transferId) {
        Memory known = memory.get(transferId);
        return known == null ? null : known.deal();
    }

    String commit(String transferId) {
        Deal deal = deal(transferId);
        if (deal == null) {
            return "UNKNOWN_SWAP";
        }
        switch (deal.state) {
            case VOIDED:
                return "ALREADY_VOIDED";
            case EXPIRED:
                return "EXPIRED";
            case COMMITTED:
                return "COMMITTED";
            default:
                break;
        }
        for (String id : deal.order.payerCoinIds()) {
            coins.put(id, new Piece(coins.get(id).coin(), deal.order.payee(), CoinPlace.WALLET));
        }
        for (String id : deal.order.changeCoinIds()) {
            coins.put(id, new Piece(coins.get(id).coin(), deal.order.payer(), CoinPlace.WALLET));
        }
        deal.state = SwapState.COMMITTED;
        return "COMMITTED";
    }

    String voidSwap(String transferId) {
        Deal deal = deal(transferId);
        if (deal == null) {
            return "UNKNOWN_SWAP";
        }
        switch (deal.state) {
            case COMMITTED:
                return "ALREADY_COMMITTED";
            case EXPIRED:
                return "EXPIRED";
            case VOIDED:
                return "VOIDED";
            default:
                deal.state = SwapState.VOIDED;
                return "VOIDED";
        }
    }

    // ------------------------------------------------------------------ vault, redeem

    String vault(VaultOrder order) {
        String fault = shape(order.transferId(), !order.coinIds().isEmpty(), order.coinIds());
        if (fault != null) {
            return fault;
        }
        Object request = new VaultOrder(order.transferId(), order.user(),
            sorted(order.coinIds()), order.to());
        String recalled = recall(order.transferId(), request);
        if (recalled != null) {
            return recalled;
        }
        if (full()) {
            return "TRANSFERS_FULL";
        }
        String outcome = judgeHolder(account(order.user()), order.user(), order.coinIds(),
            null);
        if (outcome == null && order.coinIds().stream()
            .anyMatch(id -> coins.get(id).place() == order.to())) {
            outcome = "WRONG_PLACE";
        }
        if (outcome == null) {
            outcome = movable(order.coinIds(), "MOVED");
        }
        boolean moved = outcome.equals("MOVED");
        remember(order.transferId(), request, outcome, moved ? sum(order.coinIds()) : 0,
            now + config.retentionMs(), null);
        if (moved) {
            order.coinIds().forEach(id -> coins.put(id,
                new Piece(coins.get(id).coin(), order.user(), order.to())));
        }
        return outcome;
    }

    /**
     * User, lock, unknown coins, mixed kinds (unless {@code moreKinds} is null; the kinds of
     * the coins and these must be one), ownership: the first fault, or null.
     */
    private String judgeHolder(Account user, String name, List<String> ids,
                               List<CoinKind> moreKinds) {
        if (user == null) {
            return "UNKNOWN_USER";
        }
        if (user.locked()) {
            return "USER_LOCKED";
        }
        if (!ids.stream().allMatch(coins::containsKey)) {
            return "COIN_UNKNOWN";
        }
        if (moreKinds != null) {
            Set<CoinKind> kinds = new HashSet<>(moreKinds);
            ids.forEach(id -> kinds.add(CoinKind.of(coins.get(id).coin())));
            if (kinds.size() > 1) {
                return "MIXED_COINS";
            }
        }
        if (ids.stream().anyMatch(id -> !coins.get(id).owner().equals(name))) {
            return "NOT_OWNER";
        }
        return null;
    }

    private String movable(List<String> ids, String ok) {
        if (ids.stream().anyMatch(id -> reservedBy(id, now) != null)) {
            return "COIN_RESERVED";
        }
        if (ids.stream().anyMatch(id -> coins.get(id).coin().expiresAtMs() <= now)) {
            return "COIN_EXPIRED";
        }
        return ok;
    }

    String redeem(CoinRedeemOrder order) {
        String fault = shape(order.transferId(), !order.coinIds().isEmpty(), order.coinIds());
        if (fault != null) {
            return fault;
        }
        Object request = new CoinRedeemOrder(order.transferId(), order.user(),
            sorted(order.coinIds()));
        String recalled = recall(order.transferId(), request);
        if (recalled != null) {
            return recalled;
        }
        if (full()) {
            return "TRANSFERS_FULL";
        }
        String outcome = judgeHolder(account(order.user()), order.user(), order.coinIds(),
            List.of());
        if (outcome == null) {
            outcome = movable(order.coinIds(), "REDEEMED");
        }
        boolean redeemed = outcome.equals("REDEEMED");
        long value = redeemed ? sum(order.coinIds()) : 0;
        remember(order.transferId(), request, outcome, value, now + config.retentionMs(), null);
        if (redeemed) {
            retire(order.coinIds(), value);
        }
        return outcome;
    }

    private void retire(List<String> ids, long value) {
        CoinKind kind = CoinKind.of(coins.get(ids.get(0)).coin());
        for (String id : ids) {
            coins.remove(id);
        }
        totals.computeIfAbsent(kind, k -> new long[2])[1] += value;
    }

    // ------------------------------------------------------------------------ exchange

    String exchange(CoinExchangeOrder order) {
        List<String> ids = new ArrayList<>(order.giveCoinIds());
        order.newCoins().forEach(c -> ids.add(c.id()));
        String fault = shape(order.transferId(),
            !order.giveCoinIds().isEmpty() && !order.newCoins().isEmpty(), ids);
        if (fault != null) {
            return fault;
        }
        Object request = new CoinExchangeOrder(order.transferId(), order.user(),
            sorted(order.giveCoinIds()), sortedCoins(order.newCoins()));
        String recalled = recall(order.transferId(), request);
        if (recalled != null) {
            return recalled;
        }
        if (order.newCoins().stream().anyMatch(c -> c.expiresAtMs() <= now)) {
            return "NEW_COIN_EXPIRED";
        }
        if (full()) {
            return "TRANSFERS_FULL";
        }
        String outcome = judgeExchange(order);
        boolean exchanged = outcome.equals("EXCHANGED");
        long value = order.newCoins().stream().mapToLong(Coin::faceValue).sum();
        remember(order.transferId(), request, outcome, exchanged ? value : 0,
            now + config.retentionMs(), null);
        if (exchanged) {
            CoinKind kind = CoinKind.of(order.newCoins().get(0));
            retire(order.giveCoinIds(), value);
            order.newCoins().forEach(c -> coins.put(c.id(),
                new Piece(c, order.user(), CoinPlace.WALLET)));
            totals.get(kind)[0] += value;
        }
        return outcome;
    }

    private String judgeExchange(CoinExchangeOrder order) {
        List<CoinKind> newKinds = order.newCoins().stream().map(CoinKind::of).toList();
        String fault = judgeHolder(account(order.user()), order.user(), order.giveCoinIds(),
            newKinds);
        if (fault != null) {
            return fault;
        }
        if (order.giveCoinIds().stream().anyMatch(id -> reservedBy(id, now) != null)) {
            return "COIN_RESERVED";
        }
        if (order.newCoins().stream().anyMatch(c -> coins.containsKey(c.id()))) {
            return "COIN_EXISTS";
        }
        long given = sum(order.giveCoinIds());
        long value = order.newCoins().stream().mapToLong(Coin::faceValue).sum();
        if (given != value) {
            return "TOTAL_MISMATCH";
        }
        if (coins.size() - order.giveCoinIds().size() + order.newCoins().size()
            > config.coinsMax()) {
            return "REGISTRY_FULL";
        }
        long issued = totals.get(newKinds.get(0))[0];
        if (BigInteger.valueOf(issued).add(BigInteger.valueOf(value)).compareTo(LONG_MAX) > 0) {
            return "TOTAL_OVERFLOW";
        }
        return "EXCHANGED";
    }

    // ------------------------------------------------------------------------- views

    /** What {@code user} holds of each kind at {@code at}: free, locked, vault, expired. */
    List<CoinBalance> balances(String user, long at) {
        Map<CoinKind, long[]> sums = new TreeMap<>();
        for (Piece piece : coins.values()) {
            if (!piece.owner().equals(user)) {
                continue;
            }
            long[] sum = sums.computeIfAbsent(CoinKind.of(piece.coin()), k -> new long[4]);
            int slot;
            if (piece.place() == CoinPlace.VAULT) {
                slot = 2;
            } else if (reservedBy(piece.coin().id(), at) != null) {
                slot = 1;
            } else {
                slot = piece.coin().expiresAtMs() <= at ? 3 : 0;
            }
            sum[slot] += piece.coin().faceValue();
        }
        List<CoinBalance> list = new ArrayList<>();
        sums.forEach((kind, s) -> list.add(new CoinBalance(kind, s[0], s[1], s[2], s[3])));
        return list;
    }

    List<CoinTotalRow> totalRows() {
        List<CoinTotalRow> rows = new ArrayList<>();
        totals.forEach((kind, t) -> rows.add(new CoinTotalRow(kind, t[0], t[1])));
        return rows;
    }
}
