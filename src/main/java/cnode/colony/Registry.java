package cnode.colony;

import cnode.colony.RegistryTransfer.Kind;
import cnode.money.Coin;
import cnode.money.Currency;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The coin registry: the colony's single source of truth for who owns which coin, and the one
 * place where every money outcome is decided. A deterministic core: it reads no clock (every
 * operation takes {@code nowMs}), does no I/O and starts no thread.
 *
 * <p><b>Trust boundary.</b> The registry does not verify signatures. The edge that receives an
 * order verifies, before handing it over, the Ed25519 signature of every owner whose coins move
 * over the swap's canonical bytes ({@link SwapOrder#payload()}: the payer always, the payee too
 * when there is change), the user's signature on vault moves, redemptions and exchanges, the
 * administrator on a mint, and the bank's signature on every new coin. The registry checks
 * everything else: the transfer id, the order's shape, the users (through {@link Accounts}),
 * ownership by compare-and-set, places, reservations, expiry, amounts and limits.
 *
 * <p><b>State.</b> Each live coin has exactly one owner (a username, or {@link #BANK} for the
 * bank's own coins), a place ({@link CoinPlace}) and at most one reservation (the prepared swap
 * holding it). Per kind of money ({@link CoinKind}) the bank's issued and redeemed totals. Swaps
 * move through {@link SwapState}; a transfer id's first answer is remembered
 * ({@link RegistryTransfer}); daily counters per user and currency feed the limits.
 *
 * <p><b>Invariants</b>, checked cheaply after every change of money (always on) and in full by
 * {@link #check()}: the live coins of each kind sum to issued minus redeemed; a coin has one
 * owner (structurally: one row per coin id); a reserved coin is in the wallet and held by a
 * prepared swap that names it, whose payer (or, for change, payee) owns it; a prepared swap's
 * coins are all reserved by it. All or nothing: an operation either passes all its guards and
 * then writes everything, or writes nothing but (when it was judged) its answer.
 *
 * <p><b>Results.</b> Each operation answers a named result; its enum declares the constants in
 * the order the guards run (first applicable wins): the order's shape, the transfer id's memory
 * (same content: the first answer, whatever it was; other content: {@code TRANSFER_ID_REUSED}),
 * the clock and capacity, then the judgement against the state, then one commented point of no
 * return. Shape, clock and capacity refusals are not remembered; every judgement is.
 *
 * <p><b>Time.</b> Every operation first settles what is due at {@code nowMs}: prepared swaps
 * past their expiry are voided ({@link SwapState#EXPIRED}) and transfer ids past their
 * retention are forgotten, so an answer never depends on when the writer last ticked. Each is
 * done once, so the cost is amortised; {@link #expire} and {@link #forget} do the same work in
 * bounded slices, for the writer's tick, so operations rarely find any.
 *
 * <p><b>Persistence seam.</b> The registry notes every row it changes; {@link #drainChanges()}
 * returns those rows (coins, swaps, transfer ids, daily counters, totals; written or deleted)
 * and clears the notes. The writer commits the drained changes of a batch of operations in one
 * store transaction and only then acknowledges their answers. The registry cannot roll back: if
 * that commit fails, the writer drops this registry and restores one from the store (the lost
 * answers were never acknowledged). {@link #restore} rebuilds a registry from all its rows
 * ({@link RegistryRows}); derived sums are recomputed, never stored.
 *
 * <p><b>Queries</b> read as of the {@code nowMs} they are given, without changing anything: a
 * swap past its expiry reads as expired and its coins as free, a transfer id past its retention
 * as forgotten. {@link #rows()} and {@link #drainChanges()} give the rows as they are.
 *
 * <p><b>Threads.</b> Not thread-safe: one writer thread owns a registry and makes every call,
 * queries included.
 */
public final class Registry {
    /** The owner name of the bank's own coins: never a username (those start with a letter). */
    public static final String BANK = "@bank";
    /** A UTC day: daily limits count per {@code floorDiv(nowMs, DAY_MS)}. */
    public static final long DAY_MS = 86_400_000L;
    /** The latest time the registry accepts, far beyond any clock; times are never negative. */
    public static final long TIME_MAX_MS = Long.MAX_VALUE / 4;
    private static final Pattern TRANSFER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Account BANK_ACCOUNT = new Account(BANK, false, false, Limits.NONE);

    /** The shape faults every order can have; each result enum has a constant of each name. */
    private enum OrderFault {
        BAD_TRANSFER_ID, NO_COINS, TOO_MANY_COINS, DUPLICATE_COIN;

        <R extends Enum<R>> R as(Class<R> type) {
            return Enum.valueOf(type, name());
        }
    }

    /** A judged swap: its answer and, when prepared, what its coins are worth. */
    private record SwapPlan(SwapPrepareResult result, CoinKind kind, long payerBillons,
                            long changeBillons) {
        static SwapPlan refused(SwapPrepareResult result) {
            return new SwapPlan(result, null, 0, 0);
        }
    }

    private final RegistryConfig config;
    private final Accounts accounts;
    private final RegistryLedger ledger = new RegistryLedger();
    private final RegistryFingerprint fingerprints = new RegistryFingerprint();

    /** An empty registry: no coins, nothing issued. */
    public Registry(RegistryConfig config, Accounts accounts) {
        this.config = Objects.requireNonNull(config, "config");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * A registry rebuilt from its rows, as a store read them; nothing is left to drain. Rows
     * that cannot be one registry's (two rows for one coin, that is a coin with two owners; two
     * for one swap, transfer id, daily key or kind) are a corrupt store and throw. Whether the
     * rows keep the invariants is {@link #check()}'s to say: run it after restoring.
     */
    public static Registry restore(RegistryConfig config, Accounts accounts, RegistryRows rows) {
        Registry registry = new Registry(config, accounts);
        registry.load(rows);
        return registry;
    }

    private void load(RegistryRows rows) {
        Set<Object> seen = new HashSet<>();
        for (CoinTotalRow row : rows.totals()) {
            once(seen, row.kind(), "totals of " + row.kind());
            ledger.putTotals(row);
        }
        for (CoinRow row : rows.coins()) {
            once(seen, "coin " + row.id(), "coin " + row.id() + " (two owners)");
            ledger.putCoin(row);
        }
        for (SwapRow row : rows.swaps()) {
            once(seen, "swap " + row.transferId(), "swap " + row.transferId());
            ledger.putSwap(row);
        }
        for (RegistryTransfer row : rows.transfers()) {
            once(seen, "transfer " + row.transferId(), "transfer " + row.transferId());
            ledger.putTransfer(row);
        }
        for (DailyRow row : rows.daily()) {
            once(seen, row.key(), "daily counter " + row.key());
            ledger.putDaily(row);
        }
        ledger.drain();
    }

    private static void once(Set<Object> seen, Object key, String what) {
        if (!seen.add(key)) {
            throw new IllegalArgumentException("the store holds two rows for " + what);
        }
    }

    public RegistryConfig config() {
        return config;
    }

    /** Whether {@code transferId} has the shape of a transfer id: 1 to 64 of [A-Za-z0-9._:-]. */
    public static boolean isTransferId(String transferId) {
        return transferId != null && TRANSFER_ID.matcher(transferId).matches();
    }

    // ---------------------------------------------------------------------------------- mint

    /**
     * The bank issues new coins to a user (or to itself). Guards in {@link MintResult} order.
     * Mint ignores the user's lock (the lock stops the user, not the bank) and the daily limits
     * (issuing is not a payment), but not the balance cap.
     */
    public MintResult mint(MintOrder order, long nowMs) {
        settle(nowMs);
        List<String> ids = order.coins().stream().map(Coin::id).toList();
        OrderFault fault = orderFault(order.transferId(), !ids.isEmpty(), ids);
        if (fault != null) {
            return fault.as(MintResult.class);
        }
        if (order.coins().stream().map(CoinKind::of).distinct().count() > 1) {
            return MintResult.MIXED_COINS;
        }
        String print = fingerprints.mint(order);
        MintResult repeated = repeated(order.transferId(), Kind.MINT, print, MintResult.class,
            MintResult.TRANSFER_ID_REUSED);
        if (repeated != null) {
            return repeated;
        }
        if (order.coins().stream().anyMatch(coin -> coin.expiredAt(nowMs))) {
            return MintResult.COIN_EXPIRED;
        }
        if (transfersFull()) {
            return MintResult.TRANSFERS_FULL;
        }
        long billons = worthOf(order.coins());
        MintResult judged = judgeMint(order, billons);
        // Point of no return: the judgement is remembered and, when minted, the coins written.
        boolean minted = judged == MintResult.MINTED;
        remember(order.transferId(), Kind.MINT, print, judged, minted ? billons : 0, nowMs,
            retainedFrom(nowMs));
        if (minted) {
            CoinKind kind = CoinKind.of(order.coins().get(0));
            for (Coin coin : order.coins()) {
                ledger.putCoin(new CoinRow(coin, order.user(), CoinPlace.WALLET, null));
            }
            CoinTotalRow totals = ledger.totals(kind);
            ledger.putTotals(new CoinTotalRow(kind,
                Math.addExact(totals.issuedBillons(), billons), totals.redeemedBillons()));
            requireBalanced(kind);
        }
        return judged;
    }

    private MintResult judgeMint(MintOrder order, long billons) {
        Account user = account(order.user());
        if (user == null) {
            return MintResult.UNKNOWN_USER;
        }
        if (order.coins().stream().anyMatch(coin -> ledger.coin(coin.id()) != null)) {
            return MintResult.COIN_EXISTS;
        }
        if (order.coins().size() > config.coinsMax() - ledger.coinCount()) {
            return MintResult.REGISTRY_FULL;
        }
        CoinKind kind = CoinKind.of(order.coins().get(0));
        if (billons > Long.MAX_VALUE - ledger.totals(kind).issuedBillons()) {
            return MintResult.TOTAL_OVERFLOW;
        }
        if (billons > user.limits().balanceCap() - held(order.user(), kind)) {
            return MintResult.BALANCE_CAP_EXCEEDED;
        }
        return MintResult.MINTED;
    }

    // ------------------------------------------------------------------------------- prepare

    /**
     * Phase one of a swap: the coins are reserved for it until {@code order.expiresAtMs()}.
     * Guards in {@link SwapPrepareResult} order. Decisions where the contract is silent:
     * <ul>
     *   <li>an amount of 0 is allowed: an even exchange of coins between two users, which
     *       counts against no limit; the change may never exceed the payment;</li>
     *   <li>a coin must not expire before the reservation ends, so a commit never moves an
     *       expired coin;</li>
     *   <li>limits apply to the net amount (payer's coins less change): the payer's
     *       per-transfer and daily-out limits, the payee's per-transfer, daily-in and balance
     *       cap. The daily counters count prepared swaps at once (given back on void or
     *       expiry), so two swaps prepared together cannot pass a limit that each passes alone;
     *       the balance cap counts everything the payee owns of the kind (wallet and vault,
     *       reserved or not) plus what prepared swaps will bring, and never subtracts what they
     *       will take away.</li>
     * </ul>
     */
    public SwapPrepareResult prepare(SwapOrder order, long nowMs) {
        settle(nowMs);
        SwapPrepareResult shape = swapShape(order);
        if (shape != null) {
            return shape;
        }
        String print = fingerprints.swap(order);
        SwapPrepareResult repeated = repeated(order.transferId(), Kind.SWAP, print,
            SwapPrepareResult.class, SwapPrepareResult.TRANSFER_ID_REUSED);
        if (repeated != null) {
            return repeated;
        }
        if (order.expiresAtMs() <= nowMs) {
            return SwapPrepareResult.RESERVATION_IN_PAST;
        }
        if (order.expiresAtMs() - nowMs > config.reservationMsMax()) {
            return SwapPrepareResult.RESERVATION_TOO_LONG;
        }
        if (transfersFull()) {
            return SwapPrepareResult.TRANSFERS_FULL;
        }
        SwapPlan plan = planSwap(order, nowMs);
        // Point of no return: the judgement is remembered and, when prepared, the coins are
        // reserved and the amount counted against the day's limits.
        boolean prepared = plan.result() == SwapPrepareResult.PREPARED;
        long net = prepared ? plan.payerBillons() - plan.changeBillons() : 0;
        remember(order.transferId(), Kind.SWAP, print, plan.result(), net, nowMs,
            retainedFrom(prepared ? order.expiresAtMs() : nowMs));
        if (prepared) {
            reserve(order, plan, nowMs);
        }
        return plan.result();
    }

    private SwapPrepareResult swapShape(SwapOrder order) {
        List<String> ids = order.coinIds();
        OrderFault fault = orderFault(order.transferId(), !order.payerCoinIds().isEmpty(), ids);
        if (fault != null) {
            return fault.as(SwapPrepareResult.class);
        }
        if (order.amountBillons() < 0) {
            return SwapPrepareResult.NEGATIVE_AMOUNT;
        }
        if (order.payer().equals(order.payee())) {
            return SwapPrepareResult.SAME_USER;
        }
        return null;
    }

    private SwapPlan planSwap(SwapOrder order, long nowMs) {
        Account payer = account(order.payer());
        Account payee = account(order.payee());
        if (payer == null || payee == null) {
            return SwapPlan.refused(payer == null ? SwapPrepareResult.PAYER_UNKNOWN
                : SwapPrepareResult.PAYEE_UNKNOWN);
        }
        if (payer.locked() || payee.locked()) {
            return SwapPlan.refused(payer.locked() ? SwapPrepareResult.PAYER_LOCKED
                : SwapPrepareResult.PAYEE_LOCKED);
        }
        List<CoinRow> paid = liveCoins(order.payerCoinIds());
        List<CoinRow> change = liveCoins(order.changeCoinIds());
        if (paid == null || change == null) {
            return SwapPlan.refused(SwapPrepareResult.COIN_UNKNOWN);
        }
        CoinKind kind = paid.get(0).kind();
        if (!kind.currency().equals(order.currency()) || !ofKind(paid, kind)
            || !ofKind(change, kind)) {
            return SwapPlan.refused(SwapPrepareResult.MIXED_COINS);
        }
        if (!ownedBy(paid, order.payer()) || !ownedBy(change, order.payee())) {
            return SwapPlan.refused(!ownedBy(paid, order.payer())
                ? SwapPrepareResult.NOT_PAYER_COIN : SwapPrepareResult.NOT_PAYEE_COIN);
        }
        List<CoinRow> all = order.changeCoinIds().isEmpty() ? paid : concat(paid, change);
        SwapPrepareResult movable = swappable(all, order.expiresAtMs());
        if (movable != null) {
            return SwapPlan.refused(movable);
        }
        long paidBillons = worth(paid);
        long changeBillons = worth(change);
        if (changeBillons > paidBillons) {
            return SwapPlan.refused(SwapPrepareResult.CHANGE_EXCEEDS_PAYMENT);
        }
        if (paidBillons - changeBillons != order.amountBillons()) {
            return SwapPlan.refused(SwapPrepareResult.AMOUNT_MISMATCH);
        }
        SwapPrepareResult limits = limits(payer, payee, kind, order.amountBillons(), nowMs);
        return new SwapPlan(limits, kind, paidBillons, changeBillons);
    }

    /** The first reason the coins cannot be paid, each looked for in every coin, or null. */
    private static SwapPrepareResult swappable(List<CoinRow> coins, long untilMs) {
        if (coins.stream().anyMatch(row -> row.place() != CoinPlace.WALLET)) {
            return SwapPrepareResult.COIN_IN_VAULT;
        }
        if (coins.stream().anyMatch(CoinRow::reserved)) {
            return SwapPrepareResult.COIN_RESERVED;
        }
        if (coins.stream().anyMatch(row -> row.coin().expiredAt(untilMs))) {
            return SwapPrepareResult.COIN_EXPIRED;
        }
        return null;
    }

    /** The first user limit the net amount {@code net} breaks, or PREPARED. */
    private SwapPrepareResult limits(Account payer, Account payee, CoinKind kind, long net,
                                     long nowMs) {
        if (net == 0) {
            return SwapPrepareResult.PREPARED;
        }
        long day = Math.floorDiv(nowMs, DAY_MS);
        DailyRow payerDay = ledger.today(new DailyKey(payer.username(), kind.currency()), day);
        DailyRow payeeDay = ledger.today(new DailyKey(payee.username(), kind.currency()), day);
        // Each test is written as "net > limit - used", which cannot overflow: both are >= 0.
        if (net > payer.limits().perTransfer()) {
            return SwapPrepareResult.PAYER_PER_TRANSFER_EXCEEDED;
        }
        if (net > payer.limits().dailyOut() - payerDay.outBillons()) {
            return SwapPrepareResult.PAYER_DAILY_OUT_EXCEEDED;
        }
        if (net > payee.limits().perTransfer()) {
            return SwapPrepareResult.PAYEE_PER_TRANSFER_EXCEEDED;
        }
        if (net > payee.limits().dailyIn() - payeeDay.inBillons()) {
            return SwapPrepareResult.PAYEE_DAILY_IN_EXCEEDED;
        }
        if (net > payee.limits().balanceCap() - held(payee.username(), kind)) {
            return SwapPrepareResult.PAYEE_BALANCE_CAP_EXCEEDED;
        }
        return SwapPrepareResult.PREPARED;
    }

    private void reserve(SwapOrder order, SwapPlan plan, long nowMs) {
        for (String id : order.coinIds()) {
            ledger.putCoin(ledger.coin(id).reservedBy(order.transferId()));
        }
        ledger.putSwap(new SwapRow(order.transferId(), order.payer(), order.payee(),
            order.payerCoinIds(), order.changeCoinIds(), plan.kind(), plan.payerBillons(),
            plan.changeBillons(), nowMs, order.expiresAtMs(), SwapState.PREPARED, 0));
        long net = order.amountBillons();
        long day = Math.floorDiv(nowMs, DAY_MS);
        ledger.count(new DailyKey(order.payer(), order.currency()), day, net, 0);
        ledger.count(new DailyKey(order.payee(), order.currency()), day, 0, net);
    }

    // ------------------------------------------------------------------------ commit and void

    /**
     * Phase two: ownership of every coin of the swap moves, all or nothing: the payer's coins
     * to the payee, the change to the payer, all free in the wallet. Guards in
     * {@link SwapCommitResult} order; a swap whose expiry has come is voided, never committed.
     * Committing twice answers COMMITTED again. A prepared swap is always committable: nothing
     * can change its reserved coins, and the users' locks and limits were judged at prepare.
     */
    public SwapCommitResult commit(String transferId, long nowMs) {
        settle(nowMs);
        SwapRow swap = ledger.swap(transferId);
        if (swap == null) {
            return SwapCommitResult.UNKNOWN_SWAP;
        }
        return switch (swap.state()) {
            case VOIDED -> SwapCommitResult.ALREADY_VOIDED;
            case EXPIRED -> SwapCommitResult.EXPIRED;
            case COMMITTED -> SwapCommitResult.COMMITTED;
            case PREPARED -> {
                // Point of no return: every coin changes owner; nothing below can refuse.
                for (String id : swap.payerCoinIds()) {
                    ledger.putCoin(held(id, transferId).movedTo(swap.payee()));
                }
                for (String id : swap.changeCoinIds()) {
                    ledger.putCoin(held(id, transferId).movedTo(swap.payer()));
                }
                ledger.putSwap(swap.settled(SwapState.COMMITTED, nowMs));
                requireBalanced(swap.kind());
                yield SwapCommitResult.COMMITTED;
            }
        };
    }

    /**
     * Voids a prepared swap: its coins are free again and its amount no longer counts against
     * the day's limits. Guards in {@link SwapVoidResult} order. Voiding twice answers VOIDED
     * again; a committed swap cannot be voided.
     */
    public SwapVoidResult voidSwap(String transferId, long nowMs) {
        settle(nowMs);
        SwapRow swap = ledger.swap(transferId);
        if (swap == null) {
            return SwapVoidResult.UNKNOWN_SWAP;
        }
        return switch (swap.state()) {
            case COMMITTED -> SwapVoidResult.ALREADY_COMMITTED;
            case EXPIRED -> SwapVoidResult.EXPIRED;
            case VOIDED -> SwapVoidResult.VOIDED;
            case PREPARED -> {
                // Point of no return: the coins are freed.
                release(swap, SwapState.VOIDED, nowMs);
                yield SwapVoidResult.VOIDED;
            }
        };
    }

    /** The coin {@code id}, which must be held by swap {@code transferId}. */
    private CoinRow held(String id, String transferId) {
        CoinRow row = ledger.coin(id);
        if (row == null || !transferId.equals(row.reservedBy())) {
            throw new IllegalStateException("coin " + id + " is not held by " + transferId);
        }
        return row;
    }

    private void release(SwapRow swap, SwapState end, long atMs) {
        for (String id : swap.coinIds()) {
            ledger.putCoin(held(id, swap.transferId()).reservedBy(null));
        }
        Currency currency = swap.kind().currency();
        long net = swap.netBillons();
        ledger.uncount(new DailyKey(swap.payer(), currency), swap.preparedDay(), net, 0);
        ledger.uncount(new DailyKey(swap.payee(), currency), swap.preparedDay(), 0, net);
        ledger.putSwap(swap.settled(end, atMs));
    }

    // ---------------------------------------------------------------------------- vault move

    /**
     * Moves coins of one owner between wallet and vault; the owner does not change. Guards in
     * {@link VaultMoveResult} order.
     */
    public VaultMoveResult moveVault(VaultOrder order, long nowMs) {
        settle(nowMs);
        OrderFault fault = orderFault(order.transferId(), !order.coinIds().isEmpty(),
            order.coinIds());
        if (fault != null) {
            return fault.as(VaultMoveResult.class);
        }
        String print = fingerprints.vault(order);
        VaultMoveResult repeated = repeated(order.transferId(), Kind.VAULT, print,
            VaultMoveResult.class, VaultMoveResult.TRANSFER_ID_REUSED);
        if (repeated != null) {
            return repeated;
        }
        if (transfersFull()) {
            return VaultMoveResult.TRANSFERS_FULL;
        }
        List<CoinRow> coins = liveCoins(order.coinIds());
        VaultMoveResult judged = judgeVault(order, coins, nowMs);
        // Point of no return: the judgement is remembered and, when moved, the coins placed.
        boolean moved = judged == VaultMoveResult.MOVED;
        remember(order.transferId(), Kind.VAULT, print, judged, moved ? worth(coins) : 0,
            nowMs, retainedFrom(nowMs));
        if (moved) {
            for (CoinRow row : coins) {
                ledger.putCoin(row.placedIn(order.to()));
            }
        }
        return judged;
    }

    private VaultMoveResult judgeVault(VaultOrder order, List<CoinRow> coins, long nowMs) {
        Account user = account(order.user());
        if (user == null) {
            return VaultMoveResult.UNKNOWN_USER;
        }
        if (user.locked()) {
            return VaultMoveResult.USER_LOCKED;
        }
        if (coins == null) {
            return VaultMoveResult.COIN_UNKNOWN;
        }
        if (!ownedBy(coins, order.user())) {
            return VaultMoveResult.NOT_OWNER;
        }
        if (coins.stream().anyMatch(row -> row.place() == order.to())) {
            return VaultMoveResult.WRONG_PLACE;
        }
        if (coins.stream().anyMatch(CoinRow::reserved)) {
            return VaultMoveResult.COIN_RESERVED;
        }
        if (coins.stream().anyMatch(row -> row.coin().expiredAt(nowMs))) {
            return VaultMoveResult.COIN_EXPIRED;
        }
        return VaultMoveResult.MOVED;
    }

    // -------------------------------------------------------------------------------- redeem

    /**
     * Takes a user's coins out of circulation (the bank pays them out to the user's bank
     * account, checked at the edge): the coins are deleted and the redeemed total grows. Coins
     * may come from wallet or vault. Guards in {@link CoinRedeemResult} order.
     */
    public CoinRedeemResult redeem(CoinRedeemOrder order, long nowMs) {
        settle(nowMs);
        OrderFault fault = orderFault(order.transferId(), !order.coinIds().isEmpty(),
            order.coinIds());
        if (fault != null) {
            return fault.as(CoinRedeemResult.class);
        }
        String print = fingerprints.redeem(order);
        CoinRedeemResult repeated = repeated(order.transferId(), Kind.REDEEM, print,
            CoinRedeemResult.class, CoinRedeemResult.TRANSFER_ID_REUSED);
        if (repeated != null) {
            return repeated;
        }
        if (transfersFull()) {
            return CoinRedeemResult.TRANSFERS_FULL;
        }
        List<CoinRow> coins = liveCoins(order.coinIds());
        CoinRedeemResult judged = judgeRedeem(order, coins, nowMs);
        // Point of no return: the judgement is remembered and, when redeemed, the coins retired.
        boolean redeemed = judged == CoinRedeemResult.REDEEMED;
        long billons = redeemed ? worth(coins) : 0;
        remember(order.transferId(), Kind.REDEEM, print, judged, billons, nowMs,
            retainedFrom(nowMs));
        if (redeemed) {
            retire(coins);
            requireBalanced(coins.get(0).kind());
        }
        return judged;
    }

    private CoinRedeemResult judgeRedeem(CoinRedeemOrder order, List<CoinRow> coins,
                                         long nowMs) {
        Account user = account(order.user());
        if (user == null) {
            return CoinRedeemResult.UNKNOWN_USER;
        }
        if (user.locked()) {
            return CoinRedeemResult.USER_LOCKED;
        }
        if (coins == null) {
            return CoinRedeemResult.COIN_UNKNOWN;
        }
        if (!ofKind(coins, coins.get(0).kind())) {
            return CoinRedeemResult.MIXED_COINS;
        }
        if (!ownedBy(coins, order.user())) {
            return CoinRedeemResult.NOT_OWNER;
        }
        if (coins.stream().anyMatch(CoinRow::reserved)) {
            return CoinRedeemResult.COIN_RESERVED;
        }
        if (coins.stream().anyMatch(row -> row.coin().expiredAt(nowMs))) {
            return CoinRedeemResult.COIN_EXPIRED;
        }
        return CoinRedeemResult.REDEEMED;
    }

    /** Deletes coins of one kind and adds their worth to the redeemed total. */
    private void retire(List<CoinRow> coins) {
        CoinKind kind = coins.get(0).kind();
        for (CoinRow row : coins) {
            ledger.removeCoin(row.id());
        }
        CoinTotalRow totals = ledger.totals(kind);
        ledger.putTotals(new CoinTotalRow(kind, totals.issuedBillons(),
            Math.addExact(totals.redeemedBillons(), worth(coins))));
    }

    // ------------------------------------------------------------------------------ exchange

    /**
     * The bank's change and re-issue: the given coins are redeemed and the new coins, worth
     * exactly as much (less commission, see {@link #commissionBillons}), are issued to the user
     * in the wallet, in one step. Given coins may be in wallet or vault and may be expired: this
     * is the only operation that takes expired coins. Guards in {@link CoinExchangeResult}
     * order.
     */
    public CoinExchangeResult exchange(CoinExchangeOrder order, long nowMs) {
        settle(nowMs);
        List<String> ids = new ArrayList<>(order.giveCoinIds());
        order.newCoins().forEach(coin -> ids.add(coin.id()));
        boolean both = !order.giveCoinIds().isEmpty() && !order.newCoins().isEmpty();
        OrderFault fault = orderFault(order.transferId(), both, ids);
        if (fault != null) {
            return fault.as(CoinExchangeResult.class);
        }
        String print = fingerprints.exchange(order);
        CoinExchangeResult repeated = repeated(order.transferId(), Kind.EXCHANGE, print,
            CoinExchangeResult.class, CoinExchangeResult.TRANSFER_ID_REUSED);
        if (repeated != null) {
            return repeated;
        }
        if (order.newCoins().stream().anyMatch(coin -> coin.expiredAt(nowMs))) {
            return CoinExchangeResult.NEW_COIN_EXPIRED;
        }
        if (transfersFull()) {
            return CoinExchangeResult.TRANSFERS_FULL;
        }
        List<CoinRow> given = liveCoins(order.giveCoinIds());
        CoinExchangeResult judged = judgeExchange(order, given);
        // Point of no return: the judgement is remembered and, when exchanged, the given coins
        // retired and the new ones issued, so the kind's circulation is unchanged.
        boolean exchanged = judged == CoinExchangeResult.EXCHANGED;
        long billons = exchanged ? worthOf(order.newCoins()) : 0;
        remember(order.transferId(), Kind.EXCHANGE, print, judged, billons, nowMs,
            retainedFrom(nowMs));
        if (exchanged) {
            CoinKind kind = given.get(0).kind();
            retire(given);
            for (Coin coin : order.newCoins()) {
                ledger.putCoin(new CoinRow(coin, order.user(), CoinPlace.WALLET, null));
            }
            CoinTotalRow totals = ledger.totals(kind);
            ledger.putTotals(new CoinTotalRow(kind,
                Math.addExact(totals.issuedBillons(), billons), totals.redeemedBillons()));
            requireBalanced(kind);
        }
        return judged;
    }

    private CoinExchangeResult judgeExchange(CoinExchangeOrder order, List<CoinRow> given) {
        Account user = account(order.user());
        if (user == null) {
            return CoinExchangeResult.UNKNOWN_USER;
        }
        if (user.locked()) {
            return CoinExchangeResult.USER_LOCKED;
        }
        if (given == null) {
            return CoinExchangeResult.COIN_UNKNOWN;
        }
        CoinKind kind = given.get(0).kind();
        if (!ofKind(given, kind)
            || order.newCoins().stream().anyMatch(coin -> !CoinKind.of(coin).equals(kind))) {
            return CoinExchangeResult.MIXED_COINS;
        }
        if (!ownedBy(given, order.user())) {
            return CoinExchangeResult.NOT_OWNER;
        }
        if (given.stream().anyMatch(CoinRow::reserved)) {
            return CoinExchangeResult.COIN_RESERVED;
        }
        if (order.newCoins().stream().anyMatch(coin -> ledger.coin(coin.id()) != null)) {
            return CoinExchangeResult.COIN_EXISTS;
        }
        long givenBillons = worth(given);
        long newBillons = worthOf(order.newCoins());
        if (newBillons != givenBillons - commissionBillons(givenBillons)) {
            return CoinExchangeResult.TOTAL_MISMATCH;
        }
        if (order.newCoins().size() - given.size() > config.coinsMax() - ledger.coinCount()) {
            return CoinExchangeResult.REGISTRY_FULL;
        }
        if (newBillons > Long.MAX_VALUE - ledger.totals(kind).issuedBillons()) {
            return CoinExchangeResult.TOTAL_OVERFLOW;
        }
        return CoinExchangeResult.EXCHANGED;
    }

    /**
     * The hook for the bank's commission on an exchange of coins worth {@code givenBillons}
     * (the "commission accounting if configured"). None is configured, so it is 0 and
     * the new coins must be worth exactly the given ones. When it is built, the commission is
     * to be issued to {@link #BANK} as coins in the same step (so conservation still holds),
     * with its amount in the transfer's row and the rate in {@link RegistryConfig}.
     */
    private static long commissionBillons(long givenBillons) {
        assert givenBillons > 0;
        return 0;
    }

    // -------------------------------------------------------------------- expiry and memory

    /**
     * Voids, as {@link SwapState#EXPIRED}, at most {@code max} prepared swaps whose expiry is
     * at or before {@code nowMs}, earliest first; answers how many. For the writer's tick.
     */
    public int expire(long nowMs, int max) {
        requireTime(nowMs);
        int done = 0;
        for (SwapRow due = ledger.firstSwapDue(nowMs); due != null && done < max;
             due = ledger.firstSwapDue(nowMs)) {
            release(due, SwapState.EXPIRED, due.expiresAtMs());
            done++;
        }
        return done;
    }

    /**
     * Forgets at most {@code max} transfer ids (and their swaps) whose retention ended at or
     * before {@code nowMs}, then, within the same budget, drops daily counters of days before
     * today; answers how many rows went. For the writer's tick.
     */
    public int forget(long nowMs, int max) {
        requireTime(nowMs);
        int done = 0;
        for (RegistryTransfer due = ledger.firstTransferDue(nowMs); due != null && done < max;
             due = ledger.firstTransferDue(nowMs)) {
            SwapRow swap = ledger.swap(due.transferId());
            if (swap != null && swap.state() == SwapState.PREPARED) {
                release(swap, SwapState.EXPIRED, swap.expiresAtMs());
            }
            if (swap != null) {
                ledger.removeSwap(due.transferId());
            }
            ledger.removeTransfer(due.transferId());
            done++;
        }
        long today = Math.floorDiv(nowMs, DAY_MS);
        for (DailyKey old = ledger.firstDailyBefore(today); old != null && done < max;
             old = ledger.firstDailyBefore(today)) {
            ledger.removeDaily(old);
            done++;
        }
        return done;
    }

    /** Brings the state to {@code nowMs} before a judgement: see "Time" in the class comment. */
    private void settle(long nowMs) {
        expire(nowMs, Integer.MAX_VALUE);
        forget(nowMs, Integer.MAX_VALUE);
    }

    private static void requireTime(long nowMs) {
        if (nowMs < 0 || nowMs > TIME_MAX_MS) {
            throw new IllegalArgumentException("not a time: " + nowMs);
        }
    }

    private long retainedFrom(long atMs) {
        return Math.addExact(atMs, config.retentionMs());
    }

    private boolean transfersFull() {
        return ledger.transferCount() >= config.transfersMax();
    }

    private <R extends Enum<R>> R repeated(String transferId, Kind kind, String print,
                                           Class<R> type, R reused) {
        RegistryTransfer known = ledger.transfer(transferId);
        if (known == null) {
            return null;
        }
        boolean same = known.kind() == kind && known.fingerprint().equals(print);
        return same ? Enum.valueOf(type, known.outcome()) : reused;
    }

    private void remember(String transferId, Kind kind, String print, Enum<?> outcome,
                          long billons, long nowMs, long forgetAtMs) {
        ledger.putTransfer(new RegistryTransfer(transferId, kind, print, outcome.name(), billons,
            nowMs, forgetAtMs));
    }

    // ------------------------------------------------------------------------------- guards

    /** The first shape fault shared by every order, or null. */
    private OrderFault orderFault(String transferId, boolean hasCoins, List<String> ids) {
        if (!isTransferId(transferId)) {
            return OrderFault.BAD_TRANSFER_ID;
        }
        if (!hasCoins) {
            return OrderFault.NO_COINS;
        }
        if (ids.size() > config.coinsPerOrderMax()) {
            return OrderFault.TOO_MANY_COINS;
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            return OrderFault.DUPLICATE_COIN;
        }
        return null;
    }

    /** The account of {@code username} (the bank has one without limits), or null. */
    private Account account(String username) {
        if (BANK.equals(username)) {
            return BANK_ACCOUNT;
        }
        return accounts.account(username).orElse(null);
    }

    /** The live coins with these ids, in order, or null when any is not live. */
    private List<CoinRow> liveCoins(List<String> ids) {
        List<CoinRow> rows = new ArrayList<>(ids.size());
        for (String id : ids) {
            CoinRow row = ledger.coin(id);
            if (row == null) {
                return null;
            }
            rows.add(row);
        }
        return rows;
    }

    private static boolean ofKind(List<CoinRow> coins, CoinKind kind) {
        return coins.stream().allMatch(row -> row.kind().equals(kind));
    }

    private static boolean ownedBy(List<CoinRow> coins, String owner) {
        return coins.stream().allMatch(row -> row.owner().equals(owner));
    }

    private static List<CoinRow> concat(List<CoinRow> first, List<CoinRow> second) {
        List<CoinRow> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    private static long worth(Collection<CoinRow> coins) {
        long sum = 0;
        for (CoinRow row : coins) {
            sum = Math.addExact(sum, row.faceValue());
        }
        return sum;
    }

    private static long worthOf(Collection<Coin> coins) {
        long sum = 0;
        for (Coin coin : coins) {
            sum = Math.addExact(sum, coin.faceValue());
        }
        return sum;
    }

    /** What the balance cap sees of {@code user}: owned of the kind plus owed by swaps. */
    private long held(String user, CoinKind kind) {
        return ledger.owned(user, kind) + ledger.pendingIn(user, kind);
    }

    // ---------------------------------------------------------------------------- invariants

    /** The cheap conservation check of one kind, always on: a failure is a bug. */
    private void requireBalanced(CoinKind kind) {
        long circulating = ledger.totals(kind).circulatingBillons();
        if (ledger.live(kind) != circulating) {
            throw new IllegalStateException("conservation broken for " + kind + ": live "
                + ledger.live(kind) + ", issued - redeemed " + circulating);
        }
    }

    /**
     * The cheap conservation check, in time proportional to the kinds of money: for each kind,
     * the live coins (summed as they change) equal issued minus redeemed.
     */
    public ConservationReport checkTotals() {
        List<String> found = new ArrayList<>();
        for (CoinKind kind : ledger.kinds()) {
            CoinTotalRow totals = ledger.totals(kind);
            if (ledger.live(kind) != totals.circulatingBillons()) {
                found.add(kind + ": live coins " + ledger.live(kind) + " != issued "
                    + totals.issuedBillons() + " - redeemed " + totals.redeemedBillons());
            }
        }
        return new ConservationReport(found);
    }

    /**
     * The full conservation check, by recomputation from every row ({@link Conservation}),
     * plus a recomputation of every derived index. For start-up, {@code admin check} and
     * tests; time proportional to the rows.
     */
    public ConservationReport check() {
        List<String> found = new ArrayList<>(Conservation.check(ledger.rows()).violations());
        found.addAll(ledger.indexViolations());
        return new ConservationReport(found);
    }

    // ------------------------------------------------------------------------------ queries

    /**
     * The live coin {@code id} as of {@code nowMs}: a coin held by a swap whose expiry has come
     * reads as free, even before the writer's tick frees it.
     */
    public Optional<CoinRow> coin(String id, long nowMs) {
        CoinRow row = ledger.coin(id);
        return row == null ? Optional.empty() : Optional.of(ledger.asOf(row, nowMs));
    }

    /** The coins {@code user} owns as of {@code nowMs}, by place and reservation, by id. */
    public CoinHoldings holdings(String user, long nowMs) {
        return ledger.holdings(user, nowMs);
    }

    /**
     * One page of the coins {@code user} owns as of {@code nowMs}, free, reserved and in the
     * vault together: the first {@code limit} (at least 1) with an id after {@code after} (""
     * for the first page), in id order, and the cursor of the next page when more follow. Time
     * proportional to the page, not to all the user's coins: the writer thread serves it.
     */
    public CoinPage holdingsPage(String user, String after, int limit, long nowMs) {
        return ledger.holdingsPage(user, after, limit, nowMs);
    }

    /**
     * The version of {@code user}'s coins at this moment, to ask {@link #holdingsChanges} with
     * later: an opaque text ({@code "<epoch>.<seq>"}), valid until this registry is dropped.
     * Read it in the same writer call as the first page of a full read of holdings: the page
     * and every later page show the coins as of that version or later, and the changes since
     * it bring every coin that changed meanwhile, so the reader ends up with the current state.
     */
    public String holdingsVersion(String user) {
        Objects.requireNonNull(user, "user");
        // The registry-wide number: no change of anyone's coins can be older than it.
        return ledger.holdingsVersion();
    }

    /**
     * What changed in {@code user}'s coins after {@code since} (a version from
     * {@link #holdingsVersion} or from an earlier answer): at most {@code limit} (at least 1)
     * changes, oldest first, each coin once, at its latest change. A coin the user has is
     * listed as its row now, as of {@code nowMs} (so replaying one the reader already knows is
     * harmless); a coin that left the user is listed by id under {@code gone}. The answer's
     * version is the one to ask with next; when {@code more}, the limit cut the answer and the
     * version continues right after the last change listed.
     *
     * <p>{@code CHANGES_GONE} when {@code since} is malformed, comes from before this registry
     * was built or restored (every start has a new epoch; the logs are memory only), or is
     * older than the oldest change the user's log still remembers (it keeps at most 100 000
     * coins that left each user, 1 000 000 in all): read every coin again.
     *
     * <p>A reservation whose swap has passed its expiry reads free in a full read at once but
     * is listed here as a change only when the swap is voided (the writer's next tick or the
     * next operation). Time proportional to the changes listed (times a log), never to all the
     * user's coins: the writer thread serves it.
     */
    public HoldingsChanges holdingsChanges(String user, String since, int limit, long nowMs) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(since, "since");
        return ledger.holdingsChanges(user, since, limit, nowMs);
    }

    /** Lowers the bounds of the change logs' tombstones: for tests of the horizon. */
    void limitTombstones(int perUser, int total) {
        ledger.limitTombstones(perUser, total);
    }

    /** What {@code user} has of each kind of money as of {@code nowMs}, sorted by kind. */
    public List<CoinBalance> balances(String user, long nowMs) {
        return ledger.balances(user, nowMs);
    }

    /**
     * The swap prepared under {@code transferId}, as of {@code nowMs}: a prepared swap past its
     * expiry reads as expired, and a forgotten one is absent, even before the writer's tick.
     */
    public Optional<SwapRow> swap(String transferId, long nowMs) {
        SwapRow row = ledger.swap(transferId);
        if (row == null || transfer(transferId, nowMs).isEmpty()) {
            return Optional.empty();
        }
        if (row.state() == SwapState.PREPARED && row.expiresAtMs() <= nowMs) {
            return Optional.of(row.settled(SwapState.EXPIRED, row.expiresAtMs()));
        }
        return Optional.of(row);
    }

    /** What is remembered of {@code transferId} at {@code nowMs}. */
    public Optional<RegistryTransfer> transfer(String transferId, long nowMs) {
        RegistryTransfer row = ledger.transfer(transferId);
        return row == null || row.forgetAtMs() <= nowMs ? Optional.empty() : Optional.of(row);
    }

    /** Issued and redeemed totals of every kind of money, sorted by kind. */
    public List<CoinTotalRow> totals() {
        return ledger.kinds().stream().map(ledger::totals).toList();
    }

    /** How many transfer ids are remembered (prepared swaps included). */
    public int transferCount() {
        return ledger.transferCount();
    }

    /** How many live coins there are. */
    public int coinCount() {
        return ledger.coinCount();
    }

    // -------------------------------------------------------------------------- persistence

    /** Every row of the registry, sorted by key: what a store holds after every drain. */
    public RegistryRows rows() {
        return ledger.rows();
    }

    /** The rows changed since the last call (or since construction or restore). */
    public RegistryChanges drainChanges() {
        return ledger.drain();
    }
}
