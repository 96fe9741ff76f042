package cnode.colony.store;

import cnode.colony.CoinExchangeOrder;
import cnode.colony.CoinPlace;
import cnode.colony.CoinRedeemOrder;
import cnode.colony.CoinRow;
import cnode.colony.Directory;
import cnode.colony.DirectoryConfig;
import cnode.colony.LeaseHolder;
import cnode.colony.Limits;
import cnode.colony.LocationUpdate;
import cnode.colony.MintOrder;
import cnode.colony.Registry;
import cnode.colony.RegistryConfig;
import cnode.colony.SessionGrant;
import cnode.colony.SwapOrder;
import cnode.colony.SwapPrepareResult;
import cnode.colony.UserBytes;
import cnode.colony.UserPassword;
import cnode.colony.UserRegistration;
import cnode.colony.VaultOrder;
import cnode.money.Coin;
import cnode.money.Currency;
import cnode.money.Denominations;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of random operations on both colony cores, for the store's contract test:
 * registrations, logins (good and wrong passwords), logouts, locks, limits, locations,
 * leases, mints, swaps prepared, committed, voided and retried, vault moves, redemptions,
 * exchanges, sweeps and time passing (so sessions, leases and reservations expire and
 * transfer ids are forgotten). Most operations succeed, so the state grows in every table;
 * some are refused, by name, as real clients would be. Small limits make every kind of row
 * appear and disappear within a few hundred steps. Which operation comes next depends on the
 * seed and on the state, so a seed replays exactly. One thread: the caller's.
 */
final class ColonyScript {
    static final long START_MS = 1_700_000_000_000L;
    static final Currency EUR = new Currency("EUR");
    private static final List<String> USERS = List.of("alice", "bob.b", "carol-c", "dave_d",
        "erin", "frank9");
    private static final long DAY_MS = Registry.DAY_MS;

    private final Random random;
    private final List<String> tokens = new ArrayList<>();
    private final List<SwapOrder> swaps = new ArrayList<>();
    private long nowMs = START_MS;
    private int coins;
    private int transfers;

    ColonyScript(long seed) {
        this.random = new Random(seed);
    }

    /** Short sessions, leases and freshness, so they run out while the script runs. */
    static DirectoryConfig directoryConfig() {
        return new DirectoryConfig(100, 2, 256, 64, 3, 5_000, 2, 4_000, 3_000,
            List.of(DirectoryConfig.PLUS_BANK_PRODUCTION, "OTHER_AR"),
            List.of(DirectoryConfig.PLUS_BANK_PRODUCTION), Limits.NONE);
    }

    /** Short reservations and retention, so swaps expire and ids are forgotten. */
    static RegistryConfig registryConfig() {
        return new RegistryConfig(8, 6_000, 10_000, 10_000, 10_000);
    }

    static ColonyState newState(long seed) {
        Random bytes = new Random(seed);
        Directory directory = new Directory(directoryConfig(), bytes::nextBytes);
        return new ColonyState(directory, new Registry(registryConfig(), directory));
    }

    long nowMs() {
        return nowMs;
    }

    /** One random operation, at the script's time; time may pass first. */
    void step(ColonyState state) {
        int pick = random.nextInt(100);
        if (pick < 8) {
            nowMs += switch (random.nextInt(40)) {
                case 0 -> DAY_MS;
                case 1, 2, 3 -> random.nextInt(20_000);
                default -> random.nextInt(500);
            };
        } else if (pick < 13) {
            register(state.directory());
        } else if (pick < 36) {
            directory(state.directory(), random.nextInt(10));
        } else if (pick < 48) {
            mint(state.registry());
        } else if (pick < 68) {
            prepare(state.registry());
        } else if (pick < 84) {
            settle(state.registry());
        } else {
            coins(state.registry(), random.nextInt(5));
        }
    }

    private String user() {
        return USERS.get(random.nextInt(USERS.size()));
    }

    private String token() {
        return tokens.isEmpty() ? "NO-TOKEN" : tokens.get(random.nextInt(tokens.size()));
    }

    private void register(Directory directory) {
        boolean merchant = random.nextBoolean();
        byte[] key = new byte[32];
        byte[] blob = new byte[1 + random.nextInt(64)];
        random.nextBytes(key);
        random.nextBytes(blob);
        List<String> emails = random.nextBoolean() ? List.of()
            : List.of("a" + random.nextInt(99) + "@example.com", "z.\u0041@mail.example.org");
        directory.register(new UserRegistration(user(), "pbkdf2-sha256$1$c2FsdA$aGFzaA",
            new UserBytes(key), new UserBytes(blob), merchant,
            merchant ? "{\"name\":\"Zo\u00eb \uD83D\uDCB6 sp. z o.o.\"}" : "",
            random.nextBoolean() ? "OTHER_AR" : "", "", emails), nowMs);
    }

    private void directory(Directory directory, int what) {
        String user = user();
        LeaseHolder holder = new LeaseHolder(token(), "node-" + random.nextInt(3));
        switch (what) {
            case 0, 1, 2 -> {
                SessionGrant grant = directory.login(user,
                    random.nextInt(5) == 0 ? UserPassword.WRONG : UserPassword.MATCHED, nowMs);
                if (grant.loggedIn()) {
                    tokens.add(grant.token());
                }
            }
            case 3 -> directory.logout(token(), nowMs);
            case 4 -> {
                if (random.nextBoolean()) {
                    directory.lock(user);
                } else {
                    directory.unlock(user);
                }
            }
            case 5 -> directory.setLimits(user, random.nextBoolean() ? Limits.NONE
                : new Limits(50_000, 200_000, Long.MAX_VALUE, 10_000_000));
            case 6 -> directory.setLocation(token(), new LocationUpdate(
                "node" + random.nextInt(9) + ".example:" + (1 + random.nextInt(65_535)),
                Long.toHexString(random.nextLong()), random.nextBoolean()), nowMs);
            case 7, 8 -> directory.acquireLease(holder, 1 + random.nextInt(4_000), nowMs);
            default -> leaseMove(directory, holder);
        }
    }

    private void leaseMove(Directory directory, LeaseHolder holder) {
        switch (random.nextInt(4)) {
            case 0 -> directory.renewLease(holder, 1 + random.nextInt(4_000), nowMs);
            case 1 -> directory.releaseLease(holder, nowMs);
            case 2 -> directory.handOverLease(holder, "node-" + random.nextInt(3),
                1 + random.nextInt(4_000), nowMs);
            default -> directory.sweep(nowMs, 1 + random.nextInt(4));
        }
    }

    private Coin newCoin(Currency currency, long colour, long faceValue) {
        long life = random.nextInt(10) == 0 ? 1 + random.nextInt(30_000) : 365 * DAY_MS;
        return new Coin(String.format("K%025d", coins++), faceValue, currency, colour,
            nowMs - random.nextInt(1_000), nowMs + life);
    }

    private long face() {
        return Denominations.faceValue(random.nextInt(Denominations.COUNT));
    }

    private String transferId() {
        return "t-" + transfers++;
    }

    private void mint(Registry registry) {
        Currency currency = random.nextInt(4) == 0 ? EUR : Currency.PLN;
        long colour = random.nextInt(4) == 0 ? Long.MAX_VALUE / 3 : 0;
        List<Coin> minted = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            minted.add(newCoin(currency, colour, face()));
        }
        String owner = random.nextInt(8) == 0 ? Registry.BANK : user();
        registry.mint(new MintOrder(transferId(), owner, minted), nowMs);
    }

    /** Free wallet coins of {@code owner}, of the kind of the first, at most {@code max}. */
    private List<CoinRow> freeCoins(Registry registry, String owner, int max) {
        List<CoinRow> free = registry.holdings(owner, nowMs).free();
        if (free.isEmpty()) {
            return free;
        }
        CoinRow first = free.get(random.nextInt(free.size()));
        return free.stream().filter(row -> row.kind().equals(first.kind()))
            .filter(row -> !row.coin().expiredAt(nowMs)).limit(max).toList();
    }

    private void prepare(Registry registry) {
        if (!swaps.isEmpty() && random.nextInt(8) == 0) {
            registry.prepare(swaps.get(random.nextInt(swaps.size())), nowMs);
            return;
        }
        String payer = user();
        String payee = user();
        List<CoinRow> paid = freeCoins(registry, payer, 1 + random.nextInt(3));
        if (paid.isEmpty()) {
            return;
        }
        long paidBillons = paid.stream().mapToLong(CoinRow::faceValue).sum();
        List<CoinRow> change = freeCoins(registry, payee, 1).stream()
            .filter(row -> row.kind().equals(paid.get(0).kind()))
            .filter(row -> row.faceValue() <= paidBillons && random.nextBoolean()).toList();
        long changeBillons = change.stream().mapToLong(CoinRow::faceValue).sum();
        SwapOrder order = new SwapOrder(transferId(), payer, payee,
            paid.get(0).kind().currency(), paidBillons - changeBillons,
            paid.stream().map(CoinRow::id).toList(), change.stream().map(CoinRow::id).toList(),
            nowMs + 1 + random.nextInt(6_000));
        if (registry.prepare(order, nowMs) == SwapPrepareResult.PREPARED) {
            swaps.add(order);
        }
    }

    private void settle(Registry registry) {
        if (swaps.isEmpty()) {
            return;
        }
        String transferId = swaps.get(random.nextInt(swaps.size())).transferId();
        if (random.nextInt(4) == 0) {
            registry.voidSwap(transferId, nowMs);
        } else {
            registry.commit(transferId, nowMs);
        }
        if (swaps.size() > 200) {
            swaps.subList(0, 100).clear();
        }
    }

    private void coins(Registry registry, int what) {
        String user = user();
        List<CoinRow> own = registry.holdings(user, nowMs).free();
        List<CoinRow> vault = registry.holdings(user, nowMs).vault();
        switch (what) {
            case 0 -> registry.moveVault(new VaultOrder(transferId(), user,
                ids(freeCoins(registry, user, 2)), CoinPlace.VAULT), nowMs);
            case 1 -> registry.moveVault(new VaultOrder(transferId(), user,
                ids(vault.stream().limit(2).toList()), CoinPlace.WALLET), nowMs);
            case 2 -> registry.redeem(new CoinRedeemOrder(transferId(), user,
                ids(freeCoins(registry, user, 2))), nowMs);
            case 3 -> {
                if (!own.isEmpty()) {
                    CoinRow given = own.get(random.nextInt(own.size()));
                    registry.exchange(new CoinExchangeOrder(transferId(), user,
                        List.of(given.id()), List.of(newCoin(given.coin().currency(),
                            given.coin().colour(), given.faceValue()))), nowMs);
                }
            }
            default -> {
                registry.expire(nowMs, 1 + random.nextInt(5));
                registry.forget(nowMs, 1 + random.nextInt(5));
            }
        }
    }

    private static List<String> ids(List<CoinRow> rows) {
        return rows.stream().map(CoinRow::id).toList();
    }
}
