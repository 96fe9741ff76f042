package cnode.colony;

import static cnode.colony.RegistryRig.coin;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The change feed's promise, over random histories: a node that reads its holdings page by
 * page while money moves, keeps the version of its first page, and from then on applies the
 * changes since its version (with small limits, so answers are cut), has the same coins as a
 * fresh full read. Mints, payments with and without change, swaps left prepared, voided or
 * expired, vault moves and redemptions interleave with the nodes' reads; with small tombstone
 * bounds some versions are refused and the node reads everything again.
 */
final class HoldingsChangesPropertyTest {
    private static final List<String> USERS = List.of("alice", "bobby", "carol");
    private static final long[] FACES = {1, 2, 5, 10, 20, 50, 100};

    /** A node's copy of one user's coins, and where its reading stands. */
    private static final class Node {
        final String user;
        final Map<String, CoinRow> copy = new HashMap<>();
        String version;
        /** While a full read is under way: the cursor, the first page's version, the rows. */
        String after;
        String firstVersion;
        final Map<String, CoinRow> pages = new HashMap<>();
        int refused;

        Node(String user) {
            this.user = user;
        }
    }

    private RegistryRig rig;
    private Random random;
    private int serial;
    private final List<String> prepared = new ArrayList<>();

    @Test
    void aCopyKeptByChangesEqualsAFreshRead() {
        int refused = 0;
        for (long seed = 1; seed <= 40; seed++) {
            refused += history(seed);
        }
        assertThat(refused).as("some versions were refused by the small bounds").isPositive();
    }

    private int history(long seed) {
        rig = new RegistryRig();
        random = new Random(seed);
        prepared.clear();
        serial = 0;
        USERS.forEach(rig::user);
        if (seed % 2 == 0) {
            rig.registry.limitTombstones(3, 7);
        }
        List<Node> nodes = USERS.stream().map(Node::new).toList();
        for (int step = 0; step < 300; step++) {
            if (random.nextInt(3) == 0) {
                read(nodes.get(random.nextInt(nodes.size())), false);
            } else {
                act();
            }
        }
        rig.advance(700_000);
        rig.registry.expire(rig.now, Integer.MAX_VALUE);
        int refused = 0;
        for (Node node : nodes) {
            do {
                while (node.version == null || node.after != null) {
                    read(node, true);
                }
                read(node, true);
            } while (node.version == null);
            List<CoinRow> fresh = rig.registry.holdingsPage(node.user, "", 100_000, rig.now)
                .coins();
            List<CoinRow> kept = new ArrayList<>(node.copy.values());
            kept.sort(Comparator.comparing(CoinRow::id));
            assertThat(kept).as("seed %d, %s", seed, node.user).isEqualTo(fresh);
            refused += node.refused;
        }
        rig.assertSound();
        return refused;
    }

    /** One step of a node's reading; {@code drain} reads changes until none are cut off. */
    private void read(Node node, boolean drain) {
        if (node.version == null && node.after == null) {
            node.after = "";
        }
        if (node.after != null) {
            CoinPage page = rig.registry.holdingsPage(node.user, node.after,
                1 + random.nextInt(4), rig.now);
            if (node.after.isEmpty()) {
                // The same writer call as the first page, as the endpoint reads it.
                node.firstVersion = rig.registry.holdingsVersion(node.user);
                node.pages.clear();
            }
            page.coins().forEach(row -> node.pages.put(row.id(), row));
            node.after = page.next();
            if (node.after == null) {
                node.copy.clear();
                node.copy.putAll(node.pages);
                node.version = node.firstVersion;
            }
            return;
        }
        HoldingsChanges changes;
        do {
            changes = rig.registry.holdingsChanges(node.user, node.version,
                1 + random.nextInt(5), rig.now);
            if (changes.result() == HoldingsChangesResult.CHANGES_GONE) {
                node.version = null;
                node.refused++;
                return;
            }
            changes.gone().forEach(node.copy::remove);
            changes.coins().forEach(row -> node.copy.put(row.id(), row));
            node.version = changes.version();
        } while (drain && changes.more());
    }

    private String someone() {
        return USERS.get(random.nextInt(USERS.size()));
    }

    private List<CoinRow> free(String user) {
        return rig.registry.holdings(user, rig.now).free();
    }

    private void act() {
        rig.advance(random.nextInt(20_000));
        switch (random.nextInt(7)) {
            case 0, 1 -> rig.give(someone(), coin(++serial, FACES[random.nextInt(FACES.length)]));
            case 2, 3 -> pay(random.nextBoolean());
            case 4 -> settle();
            case 5 -> vault();
            default -> redeem();
        }
    }

    /** A swap of one free coin of a payer, with a coin of change when the payee has one. */
    private void pay(boolean commit) {
        String payer = someone();
        String payee = someone();
        List<CoinRow> coins = free(payer);
        if (payer.equals(payee) || coins.isEmpty()) {
            return;
        }
        CoinRow paid = coins.get(random.nextInt(coins.size()));
        List<String> change = new ArrayList<>();
        long amount = paid.faceValue();
        for (CoinRow row : free(payee)) {
            if (row.faceValue() < amount && random.nextBoolean()) {
                change.add(row.id());
                amount -= row.faceValue();
                break;
            }
        }
        String id = "swap-" + ++serial;
        SwapOrder order = new SwapOrder(id, payer, payee, paid.coin().currency(), amount,
            List.of(paid.id()), change, rig.now + 5_000 + random.nextInt(60_000));
        assertThat(rig.registry.prepare(order, rig.now)).isEqualTo(SwapPrepareResult.PREPARED);
        if (commit) {
            assertThat(rig.registry.commit(id, rig.now)).isEqualTo(SwapCommitResult.COMMITTED);
        } else {
            prepared.add(id);
        }
    }

    /** Commits or voids a swap left prepared; it may have expired meanwhile. */
    private void settle() {
        if (prepared.isEmpty()) {
            return;
        }
        String id = prepared.remove(random.nextInt(prepared.size()));
        if (random.nextBoolean()) {
            rig.registry.commit(id, rig.now);
        } else {
            rig.registry.voidSwap(id, rig.now);
        }
    }

    private void vault() {
        String user = someone();
        CoinHoldings holdings = rig.registry.holdings(user, rig.now);
        boolean in = random.nextBoolean();
        List<CoinRow> coins = in ? holdings.free() : holdings.vault();
        if (coins.isEmpty()) {
            return;
        }
        CoinRow row = coins.get(random.nextInt(coins.size()));
        assertThat(rig.registry.moveVault(new VaultOrder("vault-" + ++serial, user,
            List.of(row.id()), in ? CoinPlace.VAULT : CoinPlace.WALLET), rig.now))
            .isEqualTo(VaultMoveResult.MOVED);
    }

    private void redeem() {
        String user = someone();
        List<CoinRow> coins = free(user);
        if (coins.isEmpty()) {
            return;
        }
        CoinRow row = coins.get(random.nextInt(coins.size()));
        assertThat(rig.registry.redeem(new CoinRedeemOrder("out-" + ++serial, user,
            List.of(row.id())), rig.now)).isEqualTo(CoinRedeemResult.REDEEMED);
    }
}
