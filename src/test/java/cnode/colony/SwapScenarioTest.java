package cnode.colony;

import static cnode.colony.RegistryRig.EUR;
import static cnode.colony.RegistryRig.START_MS;
import static cnode.colony.RegistryRig.coin;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.money.Currency;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of {@link Registry#prepare} as a table: every named result, and, where two
 * refusals apply at once, which one wins (the one whose guard runs first). Each case starts
 * from the same small world, may change it, then prepares a variant of one valid order. After
 * each case: a refusal changed no coin and no swap, only judgements were remembered, a retry
 * answers the same, and the registry is sound.
 */
final class SwapScenarioTest {
    private static final long EXPIRES_MS = START_MS + 60_000;
    private static final Limits TIGHT = new Limits(300, 500, 400, 1_000);
    private static final Limits CAPPED = new Limits(1_000, 1_000, 1_000, 600);
    private static final Limits SMALL = new Limits(100, 1_000, 1_000, 10_000);

    /**
     * One case: a name, the expected answer, a change to the world (which may replace the
     * rig), and a change to the valid order (alice pays coins 1 and 2, 300, bobby gives coin 11,
     * 50, back: amount 250).
     */
    record Case(String name, SwapPrepareResult expected, UnaryOperator<RegistryRig> world,
                Consumer<SwapDraft> order) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The world: alice (no limits) has PLN coins 1 (100), 2 (200), 3 (500), 9 (200), 10 (100),
     * 15 (50) in her wallet, 4 (50) in her vault, 5 (20, expiring in 30 s), 8 (10, held by swap
     * "held"), 6 (EUR 100) and 7 (PLN colour 1, 100). bobby has 11 (50), 12 (20), 13 (10, vault).
     * carol is locked with 21 (100); dave1 (per transfer 300, day out 500, day in 400, cap 1 000)
     * has 31, 32, 33 (200 each) and 34 (100); erin1 (cap 600) has 41 (500); frank (per transfer
     * 100) has nothing.
     */
    static RegistryRig world() {
        RegistryRig rig = new RegistryRig();
        rig.user("alice").user("bobby").user("carol", true, Limits.NONE)
            .user("dave1", false, TIGHT).user("erin1", false, CAPPED)
            .user("frank", false, SMALL);
        rig.give("alice", coin(1, 100), coin(2, 200), coin(3, 500), coin(4, 50), coin(8, 10),
            coin(9, 200), coin(10, 100), coin(15, 50));
        rig.give("alice", coin(5, 20, Currency.PLN, 0, START_MS + 30_000));
        rig.give("alice", coin(6, 100, EUR, 0, START_MS + RegistryRig.LIFE_MS));
        rig.give("alice", coin(7, 100, Currency.PLN, 1, START_MS + RegistryRig.LIFE_MS));
        rig.give("bobby", coin(11, 50), coin(12, 20), coin(13, 10));
        rig.give("dave1", coin(31, 200), coin(32, 200), coin(33, 200), coin(34, 100));
        rig.give("erin1", coin(41, 500));
        rig.give("carol", coin(21, 100));
        vault(rig, "alice", 4);
        vault(rig, "bobby", 13);
        prepared(rig, new SwapDraft("alice", "bobby", 10, START_MS + 120_000).id("held")
            .paid(8));
        return rig;
    }

    static void vault(RegistryRig rig, String user, int coin) {
        VaultMoveResult moved = rig.registry.moveVault(new VaultOrder("vault-" + coin, user,
            SwapDraft.ids(coin), CoinPlace.VAULT), rig.now);
        assertThat(moved).isEqualTo(VaultMoveResult.MOVED);
    }

    static void prepared(RegistryRig rig, SwapDraft draft) {
        assertThat(rig.registry.prepare(draft.build(), rig.now))
            .isEqualTo(SwapPrepareResult.PREPARED);
    }

    private static Case single(String name, SwapPrepareResult expected,
                               Consumer<SwapDraft> order) {
        return new Case(name, expected, rig -> rig, order);
    }

    static List<Case> cases() {
        return List.of(
            single("a valid order", SwapPrepareResult.PREPARED, order -> { }),
            single("empty transfer id", SwapPrepareResult.BAD_TRANSFER_ID, o -> o.id("")),
            single("space in transfer id", SwapPrepareResult.BAD_TRANSFER_ID, o -> o.id("a b")),
            single("65-character transfer id", SwapPrepareResult.BAD_TRANSFER_ID,
                o -> o.id("x".repeat(65))),
            single("64-character transfer id", SwapPrepareResult.PREPARED,
                o -> o.id("x".repeat(64))),
            single("no payer coins", SwapPrepareResult.NO_COINS, o -> o.paid()),
            single("50 paid and 1 change, 50 allowed", SwapPrepareResult.TOO_MANY_COINS,
                o -> o.paid(IntStream.range(1000, 1050).toArray())),
            single("49 paid and 1 change (unknown)", SwapPrepareResult.COIN_UNKNOWN,
                o -> o.paid(IntStream.range(1000, 1049).toArray())),
            single("a coin twice among the paid", SwapPrepareResult.DUPLICATE_COIN,
                o -> o.paid(1, 1)),
            single("a coin both paid and change", SwapPrepareResult.DUPLICATE_COIN,
                o -> o.change(1)),
            single("negative amount", SwapPrepareResult.NEGATIVE_AMOUNT, o -> o.amount = -1),
            single("overflowing amount", SwapPrepareResult.AMOUNT_MISMATCH,
                o -> o.amount = Long.MAX_VALUE),
            single("payer pays herself", SwapPrepareResult.SAME_USER, o -> o.payee = "alice"),
            new Case("transfer id used for another order", SwapPrepareResult.TRANSFER_ID_REUSED,
                rig -> with(rig, new SwapDraft("alice", "bobby", 500, EXPIRES_MS).paid(3)),
                o -> { }),
            single("reservation ends now", SwapPrepareResult.RESERVATION_IN_PAST,
                o -> o.expiresAtMs = START_MS),
            single("reservation of 10 min + 1 ms", SwapPrepareResult.RESERVATION_TOO_LONG,
                o -> o.expiresAtMs = START_MS + 600_001),
            single("reservation of exactly 10 min", SwapPrepareResult.PREPARED,
                o -> o.expiresAtMs = START_MS + 600_000),
            new Case("as many transfer ids as allowed", SwapPrepareResult.TRANSFERS_FULL,
                SwapScenarioTest::full, o -> { }),
            single("unknown payer", SwapPrepareResult.PAYER_UNKNOWN, o -> o.payer = "zed99"),
            single("unknown payee", SwapPrepareResult.PAYEE_UNKNOWN, o -> o.payee = "zed99"),
            new Case("payer locked", SwapPrepareResult.PAYER_LOCKED, locking("alice"), o -> { }),
            new Case("payee locked", SwapPrepareResult.PAYEE_LOCKED, locking("bobby"), o -> { }),
            single("a coin never issued", SwapPrepareResult.COIN_UNKNOWN, o -> o.paid(1, 999)),
            single("a EUR coin among PLN", SwapPrepareResult.MIXED_COINS, o -> o.paid(1, 6)),
            single("a colour-1 coin among colour 0", SwapPrepareResult.MIXED_COINS,
                o -> o.paid(1, 7)),
            single("PLN coins for a EUR order", SwapPrepareResult.MIXED_COINS,
                o -> o.currency = EUR),
            single("payer pays dave1's coin", SwapPrepareResult.NOT_PAYER_COIN,
                o -> o.paid(1, 31)),
            single("payee gives dave1's coin", SwapPrepareResult.NOT_PAYEE_COIN,
                o -> o.change(31)),
            single("payer coin in the vault", SwapPrepareResult.COIN_IN_VAULT, o -> o.paid(1, 4)),
            single("change coin in the vault", SwapPrepareResult.COIN_IN_VAULT,
                o -> o.change(13)),
            single("a coin held by another swap", SwapPrepareResult.COIN_RESERVED,
                o -> o.paid(1, 8)),
            single("a coin expiring before the reservation ends", SwapPrepareResult.COIN_EXPIRED,
                o -> { o.paid(5); o.change(); o.amount = 20; }),
            single("a coin expiring when the reservation ends", SwapPrepareResult.COIN_EXPIRED,
                o -> { o.paid(5); o.change(); o.amount = 20; o.expiresAtMs = START_MS + 30_000; }),
            single("a coin expiring after the reservation ends", SwapPrepareResult.PREPARED,
                o -> { o.paid(5); o.change(); o.amount = 20; o.expiresAtMs = START_MS + 29_999; }),
            single("change worth more than the payment", SwapPrepareResult.CHANGE_EXCEEDS_PAYMENT,
                o -> { o.payer = "bobby"; o.payee = "alice"; o.paid(12); o.change(1);
                    o.amount = 0; }),
            single("amount one more than the coins", SwapPrepareResult.AMOUNT_MISMATCH,
                o -> o.amount = 251),
            single("amount 0, even change", SwapPrepareResult.PREPARED,
                o -> { o.paid(15); o.amount = 0; }),
            single("payer over per-transfer", SwapPrepareResult.PAYER_PER_TRANSFER_EXCEEDED,
                o -> { o.payer = "dave1"; o.payee = "alice"; o.paid(31, 32); o.change();
                    o.amount = 400; }),
            new Case("payer over daily out", SwapPrepareResult.PAYER_DAILY_OUT_EXCEEDED,
                rig -> with(with(rig, daveToAlice("early", 31)), daveToAlice("early2", 33)),
                o -> { o.payer = "dave1"; o.payee = "alice"; o.paid(32); o.change();
                    o.amount = 200; }),
            single("payee over per-transfer", SwapPrepareResult.PAYEE_PER_TRANSFER_EXCEEDED,
                o -> { o.payee = "dave1"; o.paid(3); o.change(); o.amount = 500; }),
            new Case("payee over daily in (and cap)", SwapPrepareResult.PAYEE_DAILY_IN_EXCEEDED,
                rig -> with(rig, new SwapDraft("alice", "dave1", 200, EXPIRES_MS).id("early")
                    .paid(9)),
                o -> { o.payee = "dave1"; o.change(); o.amount = 300; }),
            single("payee over balance cap", SwapPrepareResult.PAYEE_BALANCE_CAP_EXCEEDED,
                o -> { o.payee = "erin1"; o.paid(2); o.change(); o.amount = 200; }),
            single("payee exactly at balance cap", SwapPrepareResult.PREPARED,
                o -> { o.payee = "erin1"; o.paid(1); o.change(); o.amount = 100; }),
            new Case("payee over cap with a swap on its way", 
                SwapPrepareResult.PAYEE_BALANCE_CAP_EXCEEDED,
                rig -> with(rig, new SwapDraft("alice", "erin1", 100, EXPIRES_MS).id("early")
                    .paid(10)),
                o -> { o.payee = "erin1"; o.paid(1); o.change(); o.amount = 100; }),
            new Case("amount 0 counts against no limit", SwapPrepareResult.PREPARED,
                rig -> with(with(rig, daveToAlice("early", 31)), daveToAlice("early2", 33)),
                o -> { o.payer = "dave1"; o.payee = "alice"; o.paid(34); o.change(10);
                    o.amount = 0; }),
            // Two refusals at once: the guard that runs first answers.
            single("no coins and same user", SwapPrepareResult.NO_COINS,
                o -> { o.paid(); o.payee = "alice"; }),
            single("too many coins, with duplicates", SwapPrepareResult.TOO_MANY_COINS,
                o -> o.paid(IntStream.range(0, 51).map(i -> 1).toArray())),
            single("duplicate coin and negative amount", SwapPrepareResult.DUPLICATE_COIN,
                o -> { o.paid(1, 1); o.amount = -5; }),
            single("negative amount and same user", SwapPrepareResult.NEGATIVE_AMOUNT,
                o -> { o.amount = -5; o.payee = "alice"; }),
            new Case("same user and reused id", SwapPrepareResult.SAME_USER,
                rig -> with(rig, new SwapDraft("alice", "bobby", 500, EXPIRES_MS).paid(3)),
                o -> o.payee = "alice"),
            new Case("reused id and reservation in the past", SwapPrepareResult.TRANSFER_ID_REUSED,
                rig -> with(rig, new SwapDraft("alice", "bobby", 500, EXPIRES_MS).paid(3)),
                o -> o.expiresAtMs = START_MS - 1),
            single("reservation too long and unknown payer", 
                SwapPrepareResult.RESERVATION_TOO_LONG,
                o -> { o.expiresAtMs = START_MS + 700_000; o.payer = "zed99"; }),
            new Case("transfers full and unknown payer", SwapPrepareResult.TRANSFERS_FULL,
                SwapScenarioTest::full, o -> o.payer = "zed99"),
            single("unknown payer and unknown payee", SwapPrepareResult.PAYER_UNKNOWN,
                o -> { o.payer = "zed98"; o.payee = "zed99"; }),
            single("unknown payee and locked payer", SwapPrepareResult.PAYEE_UNKNOWN,
                o -> { o.payer = "carol"; o.payee = "zed99"; o.paid(21); o.change(); }),
            new Case("both locked", SwapPrepareResult.PAYER_LOCKED,
                rig -> locking("bobby").apply(locking("alice").apply(rig)), o -> { }),
            new Case("payee locked and unknown coin", SwapPrepareResult.PAYEE_LOCKED,
                locking("bobby"), o -> o.paid(999)),
            single("unknown coin and mixed coins", SwapPrepareResult.COIN_UNKNOWN,
                o -> o.paid(6, 999)),
            single("mixed coins (currency) and a foreign coin", SwapPrepareResult.MIXED_COINS,
                o -> { o.currency = EUR; o.paid(31); o.change(); }),
            single("foreign paid coin and foreign change", SwapPrepareResult.NOT_PAYER_COIN,
                o -> { o.paid(31); o.change(32); }),
            single("foreign change and a coin in the vault", SwapPrepareResult.NOT_PAYEE_COIN,
                o -> { o.paid(4); o.change(31); }),
            single("vault coin and reserved coin", SwapPrepareResult.COIN_IN_VAULT,
                o -> o.paid(4, 8)),
            single("reserved coin and expiring coin", SwapPrepareResult.COIN_RESERVED,
                o -> o.paid(8, 5)),
            single("expiring coin and wrong amount", SwapPrepareResult.COIN_EXPIRED,
                o -> { o.paid(5); o.change(); o.amount = 999; }),
            single("wrong amount and payer over per-transfer", SwapPrepareResult.AMOUNT_MISMATCH,
                o -> { o.payer = "dave1"; o.payee = "alice"; o.paid(31, 32); o.change();
                    o.amount = 999; }),
            single("payer and payee both over per-transfer",
                SwapPrepareResult.PAYER_PER_TRANSFER_EXCEEDED,
                o -> { o.payer = "dave1"; o.payee = "frank"; o.paid(31, 32); o.change();
                    o.amount = 400; }),
            new Case("payer over daily out and payee over per-transfer",
                SwapPrepareResult.PAYER_DAILY_OUT_EXCEEDED,
                rig -> with(with(rig, daveToAlice("early", 31)), daveToAlice("early2", 33)),
                o -> { o.payer = "dave1"; o.payee = "frank"; o.paid(32); o.change();
                    o.amount = 200; }),
            single("payee over per-transfer and over cap",
                SwapPrepareResult.PAYEE_PER_TRANSFER_EXCEEDED,
                o -> { o.payee = "dave1"; o.paid(3, 9, 10); o.change(); o.amount = 800; }));
    }

    private static SwapDraft daveToAlice(String id, int coin) {
        return new SwapDraft("dave1", "alice", 200, EXPIRES_MS).id(id).paid(coin);
    }

    private static RegistryRig with(RegistryRig rig, SwapDraft earlier) {
        prepared(rig, earlier);
        return rig;
    }

    private static UnaryOperator<RegistryRig> locking(String user) {
        return rig -> {
            rig.lock(user);
            return rig;
        };
    }

    /** The same world restored under a config that allows no more transfer ids than it has. */
    private static RegistryRig full(RegistryRig rig) {
        RegistryConfig config = rig.registry.config();
        RegistryRig restored = new RegistryRig(new RegistryConfig(config.coinsPerOrderMax(),
            config.reservationMsMax(), config.retentionMs(), rig.registry.transferCount(),
            config.coinsMax()), rig.registry.rows());
        restored.accounts.putAll(rig.accounts);
        return restored;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void prepareAnswersByName(Case scenario) {
        RegistryRig rig = scenario.world().apply(world());
        SwapDraft draft = new SwapDraft("alice", "bobby", 250, EXPIRES_MS).paid(1, 2).change(11);
        scenario.order().accept(draft);
        SwapOrder order = draft.build();
        RegistryRows before = rig.registry.rows();

        SwapPrepareResult result = rig.registry.prepare(order, rig.now);

        assertThat(result).isEqualTo(scenario.expected());
        RegistryRows after = rig.registry.rows();
        if (result == SwapPrepareResult.PREPARED) {
            for (String id : order.coinIds()) {
                assertThat(rig.registry.coin(id, rig.now).orElseThrow().reservedBy())
                    .isEqualTo(order.transferId());
            }
            assertThat(rig.registry.swap(order.transferId(), rig.now).orElseThrow().state())
                .isEqualTo(SwapState.PREPARED);
        } else {
            assertThat(after.coins()).isEqualTo(before.coins());
            assertThat(after.swaps()).isEqualTo(before.swaps());
            assertThat(after.daily()).isEqualTo(before.daily());
        }
        boolean judged = result.compareTo(SwapPrepareResult.PAYER_UNKNOWN) >= 0;
        boolean known = before.transfers().stream()
            .anyMatch(t -> t.transferId().equals(order.transferId()));
        assertThat(after.transfers().size() - before.transfers().size())
            .isEqualTo(judged && !known ? 1 : 0);
        assertThat(rig.registry.prepare(order, rig.now)).as("a retry").isEqualTo(result);
        rig.assertSound();
    }

    @Test
    void theTableNamesEveryResult() {
        Set<SwapPrepareResult> named = cases().stream().map(Case::expected)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(SwapPrepareResult.class)));
        assertThat(named).containsExactlyInAnyOrder(SwapPrepareResult.values());
    }

    @Test
    void aPartyIsNamedForEveryRefusalAboutOneSide() {
        assertThat(Arrays.stream(SwapPrepareResult.values()).filter(r -> r.party()
            == SwapParty.PAYEE)).containsExactly(SwapPrepareResult.PAYEE_UNKNOWN,
            SwapPrepareResult.PAYEE_LOCKED, SwapPrepareResult.NOT_PAYEE_COIN,
            SwapPrepareResult.PAYEE_PER_TRANSFER_EXCEEDED,
            SwapPrepareResult.PAYEE_DAILY_IN_EXCEEDED,
            SwapPrepareResult.PAYEE_BALANCE_CAP_EXCEEDED);
        assertThat(Arrays.stream(SwapPrepareResult.values())
            .filter(SwapPrepareResult::limitExceeded)).containsExactly(
            SwapPrepareResult.PAYER_PER_TRANSFER_EXCEEDED,
            SwapPrepareResult.PAYER_DAILY_OUT_EXCEEDED,
            SwapPrepareResult.PAYEE_PER_TRANSFER_EXCEEDED,
            SwapPrepareResult.PAYEE_DAILY_IN_EXCEEDED,
            SwapPrepareResult.PAYEE_BALANCE_CAP_EXCEEDED);
    }
}
