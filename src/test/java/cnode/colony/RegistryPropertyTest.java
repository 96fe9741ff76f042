package cnode.colony;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.RegistryModel.Memory;
import cnode.colony.RegistryModel.Piece;
import cnode.money.Coin;
import cnode.money.Currency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of registry operations checked against {@link RegistryModel}: mints, swaps
 * prepared, committed and voided, vault moves, redemptions, exchanges (with expired coins),
 * time passing over expiries, retention and a UTC midnight, the writer's bounded ticks, and
 * retries of earlier requests with the same and with changed content. After every step: each
 * answer is the model's, every coin has the model's owner, place and reservation, totals,
 * balances, swap states and remembered transfer ids agree, and the full conservation check
 * passes. The second property restarts the registry from the rows it drained into a fake store
 * and runs the restored twin beside the original: same answers, same rows, same changes. A
 * failing run prints its seed (jqwik), which reproduces it.
 */
final class RegistryPropertyTest {
    /** Small limits, so that every refusal happens: 6 coins an order, 3 s reservations. */
    static final RegistryConfig CONFIG = new RegistryConfig(6, 3_000, 4_000, 24, 40);
    /** Half a minute before a UTC midnight, so daily counters roll over in many runs. */
    static final long START_MS = 101 * Registry.DAY_MS - 30_000;
    static final String[] USERS = {"alice", "bobby", "dave1", "carol", "zed99", Registry.BANK};
    static final CoinKind[] KINDS = {new CoinKind(Currency.PLN, 0),
        new CoinKind(Currency.PLN, 1), new CoinKind(RegistryRig.EUR, 0)};
    static final long[] FACES = {50, 20, 10, 5, 2, 1};
    static final long[] LIVES_MS = {1_500, 6_000, 600_000, 0};

    /** One step; numbers pick users, ids and variants, resolved against the state. */
    sealed interface Step {}

    record Mint(int tid, int user, int kind, List<Integer> faces, int life, int variant)
        implements Step {}

    record Prepare(int tid, int payer, int payee, int paid, int change, int seed, int mode,
                   int expiryMs) implements Step {}

    /** Commits a recently prepared swap (chosen by {@code pick}), or now and then any id. */
    record Commit(int pick) implements Step {}

    record Cancel(int pick) implements Step {}

    record Vault(int tid, int user, int count, int seed, boolean toVault) implements Step {}

    record Redeem(int tid, int user, int count, int seed) implements Step {}

    record Exchange(int tid, int user, int count, int seed, int mode) implements Step {}

    record Advance(int ms) implements Step {}

    record Tick(int max) implements Step {}

    record Retry(int index, boolean change) implements Step {}

    record Drain() implements Step {}

    record Restart() implements Step {}

    /** A commit or a void, as a request that can be retried. */
    record CommitCall(String transferId) {}

    record VoidCall(String transferId) {}

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void theRegistryFollowsTheModel(@ForAll("steps") @Size(max = 70) List<Step> steps) {
        Run run = new Run();
        for (Step step : steps) {
            run.apply(step);
            run.verify();
        }
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void aRegistryRestoredFromItsDrainedRowsBehavesTheSame(
            @ForAll("stepsWithRestarts") @Size(max = 70) List<Step> steps) {
        Run run = new Run();
        for (Step step : steps) {
            run.apply(step);
            run.verify();
        }
        run.apply(new Restart());
        run.verify();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return operations(false);
    }

    @Provide
    Arbitrary<List<Step>> stepsWithRestarts() {
        return operations(true);
    }

    private static Arbitrary<List<Step>> operations(boolean restarts) {
        // Mostly fresh transfer ids, some from a small pool so that ids collide.
        Arbitrary<Integer> tid = Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0, 59)),
            Tuple.of(2, Arbitraries.integers().between(0, 4)));
        Arbitrary<Integer> user = Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(5, 1),
            Tuple.of(4, 2), Tuple.of(1, 3), Tuple.of(1, 4), Tuple.of(1, 5));
        Arbitrary<Integer> other = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(12, 1),
            Tuple.of(12, 2), Tuple.of(1, 3), Tuple.of(1, 4), Tuple.of(1, 5));
        Arbitrary<Integer> count = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(6, 1),
            Tuple.of(5, 2), Tuple.of(3, 3), Tuple.of(1, 7));
        Arbitrary<Integer> changeCount = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(3, 1),
            Tuple.of(1, 2));
        Arbitrary<Integer> seed = Arbitraries.integers().between(0, 1_000);
        Arbitrary<List<Integer>> faces = Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(4)),
            Tuple.of(1, Arbitraries.integers().between(0, 5).list().ofSize(7)),
            Tuple.of(1, Arbitraries.just(List.of())));
        Arbitrary<Integer> kind = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(1, 1),
            Tuple.of(1, 2));
        Arbitrary<Step> mint = Combinators.combine(tid, user, kind,
            faces, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 9))
            .as(Mint::new);
        Arbitrary<Integer> expiry = Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.integers().between(1, 3_000)),
            Tuple.of(1, Arbitraries.integers().between(-200, 0)),
            Tuple.of(1, Arbitraries.integers().between(3_001, 3_500)));
        Arbitrary<Step> prepare = Combinators.combine(tid, user, other, count, changeCount, seed,
            Arbitraries.integers().between(0, 15), expiry).as(Prepare::new);
        Arbitrary<Step> vault = Combinators.combine(tid, user, count, seed,
            Arbitraries.of(true, true, false)).as(Vault::new);
        Arbitrary<Step> redeem = Combinators.combine(tid, user, count, seed).as(Redeem::new);
        Arbitrary<Step> exchange = Combinators.combine(tid, user, count, seed,
            Arbitraries.integers().between(0, 7)).as(Exchange::new);
        Arbitrary<Step> advance = Arbitraries.of(0, 100, 700, 1_600, 2_900, 5_000, 9_000)
            .map(Advance::new);
        return Arbitraries.frequencyOf(
            Tuple.of(8, mint),
            Tuple.of(12, prepare),
            Tuple.of(6, seed.map(Commit::new)),
            Tuple.of(2, seed.map(Cancel::new)),
            Tuple.of(3, vault),
            Tuple.of(2, redeem),
            Tuple.of(3, exchange),
            Tuple.of(5, advance),
            Tuple.of(1, Arbitraries.integers().between(0, 3).map(Tick::new)),
            Tuple.of(4, Combinators.combine(Arbitraries.integers().between(0, 1_000),
                Arbitraries.of(true, false)).as(Retry::new)),
            Tuple.of(restarts ? 2 : 0, Arbitraries.just(new Drain())),
            Tuple.of(restarts ? 2 : 0, Arbitraries.just(new Restart())))
            .list().ofMinSize(5);
    }

    /** The registry under test, its restored twin (once restarted), the model and the store. */
    static final class Run {
        final Map<String, Account> accounts = new HashMap<>();
        final RegistryModel model;
        final Registry core;
        Registry twin;
        final RegistryRowStore store = new RegistryRowStore();
        long now = START_MS;
        int fresh;
        final List<Object> issued = new ArrayList<>();
        /** Transfer ids of prepared swaps, in order. */
        final List<String> prepared = new ArrayList<>();
        /** The memory each request created when its transfer id was new. */
        final Map<Object, Memory> firstAnswers = new HashMap<>();
        /** Every coin id ever minted, and two never minted, for foreign and unknown picks. */
        final List<String> known = new ArrayList<>(List.of(RegistryRig.id(900_001),
            RegistryRig.id(900_002)));

        Run() {
            accounts.put("alice", new Account("alice", false, false, Limits.NONE));
            accounts.put("bobby", new Account("bobby", false, true, Limits.NONE));
            accounts.put("dave1", new Account("dave1", false, false,
                new Limits(60, 70, 45, 130)));
            accounts.put("carol", new Account("carol", true, false, Limits.NONE));
            model = new RegistryModel(CONFIG, accounts);
            core = new Registry(CONFIG, name -> Optional.ofNullable(accounts.get(name)));
            endow("alice", KINDS[0], 600_000, 50, 20, 10, 5, 2, 1);
            endow("bobby", KINDS[0], 600_000, 50, 20, 10, 5, 5, 1);
            endow("dave1", KINDS[0], 600_000, 50, 20, 20, 10);
            endow("alice", KINDS[1], 600_000, 10, 5);
            endow("bobby", KINDS[2], 600_000, 20);
            endow("alice", KINDS[0], 1_500, 5, 2);
        }

        /** A first mint, so that users hold coins from the start. */
        private void endow(String user, CoinKind kind, long lifeMs, long... faces) {
            List<Coin> coins = new ArrayList<>();
            for (long face : faces) {
                coins.add(newCoin(face, kind, now + lifeMs));
            }
            String answer = submit(new MintOrder("w" + issued.size(), user, coins));
            assertThat(answer).isEqualTo("MINTED");
        }

        List<Registry> cores() {
            return twin == null ? List.of(core) : List.of(core, twin);
        }

        void apply(Step step) {
            switch (step) {
                case Mint m -> submit(mintOrder(m));
                case Prepare p -> submit(swapOrder(p));
                case Commit c -> submit(new CommitCall(swapId(c.pick())));
                case Cancel c -> submit(new VoidCall(swapId(c.pick())));
                case Vault v -> submit(new VaultOrder("t" + v.tid(), USERS[v.user()],
                    pick(USERS[v.user()], v.count(), v.seed()),
                    v.toVault() ? CoinPlace.VAULT : CoinPlace.WALLET));
                case Redeem r -> submit(new CoinRedeemOrder("t" + r.tid(), USERS[r.user()],
                    pick(USERS[r.user()], r.count(), r.seed())));
                case Exchange e -> submit(exchangeOrder(e));
                case Advance a -> now += a.ms();
                case Tick t -> tick(t.max());
                case Retry r -> retry(r);
                case Drain d -> drain();
                case Restart r -> restart();
            }
        }

        /** A transfer id that was prepared, the later the likelier, or sometimes any. */
        private String swapId(int pick) {
            if (prepared.isEmpty() || pick % 5 == 0) {
                return "t" + pick % 60;
            }
            int back = pick % Math.min(prepared.size(), 4);
            return prepared.get(prepared.size() - 1 - back);
        }

        private Coin newCoin(long face, CoinKind kind, long expiresAtMs) {
            String id = RegistryRig.id(fresh++);
            known.add(id);
            return new Coin(id, face, kind.currency(), kind.colour(), 0, expiresAtMs);
        }

        private MintOrder mintOrder(Mint m) {
            List<Coin> coins = new ArrayList<>();
            for (int face : m.faces()) {
                coins.add(newCoin(FACES[face], KINDS[m.kind()], now + LIVES_MS[m.life()]));
            }
            if (m.variant() == 6 && !coins.isEmpty()) {
                coins.add(newCoin(1, KINDS[(m.kind() + 1) % KINDS.length], now + 60_000));
            }
            if (m.variant() == 7 && !coins.isEmpty()) {
                Coin first = coins.get(0);
                String reused = known.get(fresh % known.size());
                coins.set(0, new Coin(reused, first.faceValue(), first.currency(),
                    first.colour(), 0, first.expiresAtMs()));
            }
            return new MintOrder("t" + m.tid(), USERS[m.user()], coins);
        }

        private long worth(List<String> ids) {
            long sum = 0;
            for (String id : ids) {
                Piece piece = model.coins.get(id);
                sum += piece == null ? 0 : piece.coin().faceValue();
            }
            return sum;
        }

        private SwapOrder swapOrder(Prepare p) {
            String payer = USERS[p.payer()];
            // The payee is mostly another of the first three users (who hold money).
            String payee = p.payer() < 3 && p.payee() < 3 ? USERS[(p.payer() + p.payee()) % 3]
                : USERS[(p.payer() + p.payee()) % USERS.length];
            List<String> paid = pick(payer, p.paid(), p.seed());
            List<String> change = pick(payee, p.change(), p.seed() + 1);
            long exact = worth(paid) - worth(change);
            long amount = switch (p.mode()) {
                case 4 -> exact + 1;
                case 5 -> 0;
                case 6 -> -1;
                default -> Math.max(exact, 0);
            };
            Piece first = paid.isEmpty() ? null : model.coins.get(paid.get(0));
            Currency currency = p.mode() == 7 || first == null ? RegistryRig.EUR
                : first.coin().currency();
            return new SwapOrder("t" + p.tid(), payer, payee, currency, amount, paid, change,
                now + p.expiryMs());
        }

        private CoinExchangeOrder exchangeOrder(Exchange e) {
            String user = USERS[e.user()];
            List<String> give = pick(user, e.count(), e.seed());
            Piece first = give.isEmpty() ? null : model.coins.get(give.get(0));
            CoinKind kind = e.mode() == 3 ? KINDS[2] : first == null ? KINDS[0]
                : CoinKind.of(first.coin());
            long total = worth(give) + (e.mode() == 2 ? 1 : 0);
            long expiresAtMs = e.mode() == 4 ? now : now + 600_000;
            List<Coin> coins = new ArrayList<>();
            for (long left = Math.max(total, 1); left > 0; ) {
                for (long face : FACES) {
                    if (face <= left) {
                        coins.add(newCoin(face, kind, expiresAtMs));
                        left -= face;
                        break;
                    }
                }
            }
            if (e.mode() == 6 && !model.coins.isEmpty()) {
                Coin taken = coins.get(0);
                String live = model.coins.keySet().stream().sorted().toList()
                    .get(e.seed() % model.coins.size());
                coins.set(0, new Coin(live, taken.faceValue(), taken.currency(), taken.colour(),
                    0, taken.expiresAtMs()));
            }
            return new CoinExchangeOrder("t" + e.tid(), user, give, coins);
        }

        /**
         * {@code count} distinct coin ids of {@code owner} when it has that many; otherwise, and
         * now and then anyway, anyone's or unknown ones; now and then one twice.
         */
        private List<String> pick(String owner, int count, int seed) {
            List<String> own = model.coins.values().stream()
                .filter(piece -> piece.owner().equals(owner)).map(piece -> piece.coin().id())
                .sorted().toList();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < Math.min(count, own.size()); i++) {
                ids.add(own.get((seed + i) % own.size()));
            }
            while (ids.size() < count || (count > 0 && seed % 17 == 0 && ids.size() == count)) {
                ids.add(known.get((seed * 7 + ids.size()) % known.size()));
            }
            if (seed % 23 == 0 && !ids.isEmpty()) {
                ids.add(ids.get(0));
            }
            return ids;
        }

        private void retry(Retry r) {
            if (issued.isEmpty()) {
                return;
            }
            Object earlier = issued.get(r.index() % issued.size());
            Object request = r.change() ? changed(earlier) : earlier;
            model.at(now);
            Memory first = firstAnswers.get(request);
            boolean remembered = first != null
                && model.memory.get(transferId(request)) == first;
            String answer = submit(request);
            if (!r.change() && remembered) {
                assertThat(answer).as("a retry of %s", request).isEqualTo(first.outcome());
            }
        }

        private static String transferId(Object request) {
            return switch (request) {
                case MintOrder o -> o.transferId();
                case SwapOrder o -> o.transferId();
                case VaultOrder o -> o.transferId();
                case CoinRedeemOrder o -> o.transferId();
                case CoinExchangeOrder o -> o.transferId();
                case CommitCall c -> c.transferId();
                case VoidCall c -> c.transferId();
                default -> throw new IllegalStateException("not a request: " + request);
            };
        }

        /** The same transfer id with other content. */
        private static Object changed(Object request) {
            return switch (request) {
                case MintOrder o -> new MintOrder(o.transferId(), o.user().equals("alice")
                    ? "bobby" : "alice", o.coins());
                case SwapOrder o -> new SwapOrder(o.transferId(), o.payer(), o.payee(),
                    o.currency(), o.amountBillons() + 1, o.payerCoinIds(), o.changeCoinIds(),
                    o.expiresAtMs());
                case VaultOrder o -> new VaultOrder(o.transferId(), o.user(), o.coinIds(),
                    o.to() == CoinPlace.VAULT ? CoinPlace.WALLET : CoinPlace.VAULT);
                case CoinRedeemOrder o -> new VaultOrder(o.transferId(), o.user(), o.coinIds(),
                    CoinPlace.VAULT);
                case CoinExchangeOrder o -> new CoinRedeemOrder(o.transferId(), o.user(),
                    o.giveCoinIds());
                case CommitCall c -> new VoidCall(c.transferId());
                case VoidCall c -> new CommitCall(c.transferId());
                default -> throw new IllegalStateException("not a request: " + request);
            };
        }

        /** Runs {@code request} on the model and every core; all must answer alike. */
        private String submit(Object request) {
            issued.add(request);
            model.at(now);
            Memory before = model.memory.get(transferId(request));
            String expected = switch (request) {
                case MintOrder o -> model.mint(o);
                case SwapOrder o -> model.prepare(o);
                case VaultOrder o -> model.vault(o);
                case CoinRedeemOrder o -> model.redeem(o);
                case CoinExchangeOrder o -> model.exchange(o);
                case CommitCall c -> model.commit(c.transferId());
                case VoidCall c -> model.voidSwap(c.transferId());
                default -> throw new IllegalStateException("not a request: " + request);
            };
            for (Registry registry : cores()) {
                assertThat(call(registry, request).name()).as("%s at %s", request, now)
                    .isEqualTo(expected);
            }
            if (request instanceof SwapOrder order && expected.equals("PREPARED")) {
                prepared.add(order.transferId());
            }
            Memory after = model.memory.get(transferId(request));
            if (before == null && after != null) {
                firstAnswers.put(request, after);
            }
            return expected;
        }

        private Enum<?> call(Registry registry, Object request) {
            return switch (request) {
                case MintOrder o -> registry.mint(o, now);
                case SwapOrder o -> registry.prepare(o, now);
                case VaultOrder o -> registry.moveVault(o, now);
                case CoinRedeemOrder o -> registry.redeem(o, now);
                case CoinExchangeOrder o -> registry.exchange(o, now);
                case CommitCall c -> registry.commit(c.transferId(), now);
                case VoidCall c -> registry.voidSwap(c.transferId(), now);
                default -> throw new IllegalStateException("not a request: " + request);
            };
        }

        /** The writer's tick: bounded, and changing no answer. */
        private void tick(int max) {
            int expired = core.expire(now, max);
            int forgotten = core.forget(now, max);
            assertThat(expired).isBetween(0, max);
            assertThat(forgotten).isBetween(0, max);
            if (twin != null) {
                assertThat(twin.expire(now, max)).isEqualTo(expired);
                assertThat(twin.forget(now, max)).isEqualTo(forgotten);
            }
        }

        private void drain() {
            RegistryChanges changes = core.drainChanges();
            store.apply(changes);
            if (twin != null) {
                assertThat(twin.drainChanges()).isEqualTo(changes);
            }
            assertThat(store.rows()).isEqualTo(core.rows());
        }

        private void restart() {
            drain();
            twin = Registry.restore(CONFIG, name -> Optional.ofNullable(accounts.get(name)),
                store.rows());
            assertThat(twin.rows()).isEqualTo(core.rows());
            assertThat(twin.drainChanges().isEmpty()).isTrue();
        }

        void verify() {
            for (Registry registry : cores()) {
                verifyCoins(registry);
                verifyMemory(registry);
                for (String user : USERS) {
                    assertThat(registry.balances(user, now)).as(user)
                        .isEqualTo(model.balances(user, now));
                }
                assertThat(registry.totals()).isEqualTo(model.totalRows());
                assertThat(registry.check().violations()).isEmpty();
                assertThat(registry.checkTotals().violations()).isEmpty();
            }
            if (twin != null) {
                assertThat(twin.rows()).isEqualTo(core.rows());
            }
        }

        private void verifyCoins(Registry registry) {
            assertThat(registry.coinCount()).isEqualTo(model.coins.size());
            for (Piece piece : model.coins.values()) {
                CoinRow row = registry.coin(piece.coin().id(), now).orElseThrow();
                assertThat(row.coin()).isEqualTo(piece.coin());
                assertThat(row.owner()).as(row.id()).isEqualTo(piece.owner());
                assertThat(row.place()).as(row.id()).isEqualTo(piece.place());
                assertThat(row.reservedBy()).as(row.id())
                    .isEqualTo(model.reservedBy(row.id(), now));
            }
        }

        private void verifyMemory(Registry registry) {
            int visible = 0;
            for (Map.Entry<String, Memory> entry : model.memory.entrySet()) {
                Memory memory = entry.getValue();
                if (memory.forgetAt() <= now) {
                    continue;
                }
                visible++;
                RegistryTransfer row = registry.transfer(entry.getKey(), now).orElseThrow();
                assertThat(row.outcome()).isEqualTo(memory.outcome());
                assertThat(row.billons()).isEqualTo(memory.billons());
                if (memory.deal() != null) {
                    assertThat(registry.swap(entry.getKey(), now).orElseThrow().state())
                        .isEqualTo(memory.deal().stateAt(now));
                } else {
                    assertThat(registry.swap(entry.getKey(), now)).isEmpty();
                }
            }
            long remembered = registry.rows().transfers().stream()
                .filter(t -> t.forgetAtMs() > now).count();
            assertThat(remembered).isEqualTo(visible);
        }
    }
}
