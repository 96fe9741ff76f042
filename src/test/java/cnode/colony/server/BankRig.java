package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.cli.ColonyConfig;
import cnode.colony.CoinRow;
import cnode.colony.CoinTotalRow;
import cnode.colony.ConservationReport;
import cnode.colony.Directory;
import cnode.colony.DirectoryConfig;
import cnode.colony.DirectoryRandom;
import cnode.colony.Limits;
import cnode.colony.MintOrder;
import cnode.colony.MintResult;
import cnode.colony.Registry;
import cnode.colony.RegistryConfig;
import cnode.colony.SwapOrder;
import cnode.colony.SwapPrepareResult;
import cnode.colony.UserBytes;
import cnode.colony.UserRegistration;
import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyAdmin.MintReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ColonyBank;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import cnode.colony.store.ColonyRows;
import cnode.colony.store.ColonyStore;
import cnode.colony.store.MemoryColonyStore;
import cnode.crypto.KeyPair;
import cnode.crypto.PublicKey;
import cnode.money.Coin;
import cnode.money.Currency;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real colony for the bank's tests: the production composition root on a free loopback port,
 * on a store in memory that already holds five users with known Ed25519 keys (so tests can
 * sign as them) and two coins of alice's held by a prepared swap (so {@code COIN_RESERVED} has
 * a real cause), plus typed clients, raw HTTP, and a conservation check of what the colony
 * committed: {@link #restartAndCheck} stops the colony, rebuilds the registry from the store's
 * rows, runs the full check and starts the colony again on the same store and data folder.
 *
 * <p>Users: {@code alice}, {@code bruno}, {@code carol} (no limits), {@code dave} (locked),
 * {@code erin} (balance cap 10 000 billons). Keys come from a seeded generator, so they are
 * the same in every run. Test thread only.
 */
final class BankRig implements AutoCloseable {
    static final List<String> USERS = List.of("alice", "bruno", "carol", "dave", "erin");
    static final long ERIN_CAP = 10_000;
    /** alice's two coins held by a prepared swap to bruno, 1 000 billons PLN each. */
    static final List<String> RESERVED =
        List.of("RESERVED00000000000000000A", "RESERVED00000000000000000B");
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private final Path data;
    private final MemoryColonyStore store;
    private final Map<String, KeyPair> keys;
    private final String[] flags;
    private Colony colony;
    private ColonyClient client;

    private BankRig(Path data, MemoryColonyStore store, Map<String, KeyPair> keys,
                    String[] flags) {
        this.data = data;
        this.store = store;
        this.keys = keys;
        this.flags = flags;
    }

    /** A colony in {@code data} with the users and the extra {@code flags}. */
    static BankRig start(Path data, String... flags) throws Exception {
        Map<String, KeyPair> keys = keys();
        MemoryColonyStore store = new MemoryColonyStore();
        seed(store, keys, System.currentTimeMillis());
        BankRig rig = new BankRig(data, store, keys, flags);
        rig.open();
        return rig;
    }

    /** The users' key pairs, from a seeded generator: the same in every run. */
    static Map<String, KeyPair> keys() throws NoSuchAlgorithmException {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(20_261_129L);
        Map<String, KeyPair> keys = new LinkedHashMap<>();
        for (String user : USERS) {
            keys.put(user, KeyPair.generate(seeded));
        }
        return keys;
    }

    /**
     * Writes the users (and alice's reserved coins) into {@code store} as one commit, as the
     * colony's writer would have.
     */
    static void seed(ColonyStore store, Map<String, KeyPair> keys, long nowMs) {
        Directory directory = new Directory(DirectoryConfig.defaults(), DirectoryRandom.secure());
        for (Map.Entry<String, KeyPair> user : keys.entrySet()) {
            UserRegistration registration = new UserRegistration(user.getKey(),
                "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA", new UserBytes(
                user.getValue().publicKey().bytes()), new UserBytes(new byte[81]), false, "",
                "", "", List.of());
            assertThat(directory.register(registration, nowMs).registered()).isTrue();
        }
        directory.lock("dave");
        directory.setLimits("erin", new Limits(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
            ERIN_CAP));
        Registry registry = new Registry(RegistryConfig.defaults(), directory);
        List<Coin> reserved = RESERVED.stream().map(id -> new Coin(id, 1_000, Currency.PLN, 0,
            nowMs, nowMs + 86_400_000L)).toList();
        assertThat(registry.mint(new MintOrder("seed-reserved", "alice", reserved), nowMs))
            .isEqualTo(MintResult.MINTED);
        assertThat(registry.prepare(new SwapOrder("seed-swap", "alice", "bruno", Currency.PLN,
            2_000, RESERVED, List.of(), nowMs + 9 * 60_000L), nowMs))
            .isEqualTo(SwapPrepareResult.PREPARED);
        store.commit(directory.drainChanges(), registry.drainChanges());
    }

    private void open() throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data", data.toString()));
        args.addAll(List.of(flags));
        colony = Colony.start(ColonyConfig.parse(args), store, List.of());
        client = new ColonyClient(colony.url(), ClientLimits.defaults());
    }

    KeyPair key(String user) {
        return keys.get(user);
    }

    URI url() {
        return colony.url();
    }

    Colony colony() {
        return colony;
    }

    Path data() {
        return data;
    }

    BearerToken token() throws IOException {
        return new BearerToken(Files.readString(colony.adminTokenFile()).strip());
    }

    ColonyBank bank() {
        return new ColonyBank(client);
    }

    ColonyAdmin admin() {
        return new ColonyAdmin(client);
    }

    /** The bank's key, as {@code GET /v1/bank/key} gives it. */
    PublicKey bankKey() throws Exception {
        return ok(bank().key()).key().orElseThrow();
    }

    Outcome<MintReply> mint(MintRequest request) throws Exception {
        return admin().mint(token(), request);
    }

    /** Mints {@code billons} of {@code currency} to {@code user} by the fewest coins. */
    MintReply mint(String user, long billons, String currency) throws Exception {
        return ok(mint(new MintRequest(null, user, billons, currency, null, null)));
    }

    /** The ids of the coins of a mint. */
    static List<String> ids(List<CoinReply> coins) {
        return coins.stream().map(CoinReply::id).toList();
    }

    /** The reply of an outcome that must be OK. */
    static <T> T ok(Outcome<T> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<T>) outcome).reply();
    }

    /** The refusal of an outcome that must be refused. */
    static Refusal refused(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused<?>) outcome).refusal();
    }

    /**
     * The status answered to a POST to {@code path} announcing a 2 MiB body. Only the head and
     * the body's first bytes are sent: the colony answers as soon as it reads the length and
     * closes, so a client still writing the body would race that close.
     */
    int tooLargeStatus(String path, boolean admin) throws Exception {
        String head = "POST " + path + " HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\n"
            + (admin ? "Authorization: Bearer " + token().value() + "\r\n" : "")
            + "Content-Length: 2097152\r\n\r\n{\"user\":\"";
        try (Socket socket = new Socket("127.0.0.1", url().getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new String(socket.getInputStream().readNBytes(12),
                StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    /** Sends raw bytes as a JSON POST (with the admin token when {@code admin}). */
    HttpResponse<String> post(String path, String body, boolean admin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url().resolve(path))
            .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (admin) {
            request.header("Authorization", token().header());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code method path} with a JSON body (no token). */
    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url().resolve(path))
            .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** What the colony committed, read after a restart: totals, coins, conservation. */
    record Committed(ConservationReport report, List<CoinTotalRow> totals, List<CoinRow> coins) {
        /** Live billons of PLN, colour 0. */
        long livePln() {
            return totals.stream().filter(row -> row.kind().currency().equals(Currency.PLN)
                && row.kind().colour() == 0).mapToLong(CoinTotalRow::circulatingBillons).sum();
        }

        /** Redeemed billons of PLN, colour 0. */
        long redeemedPln() {
            return totals.stream().filter(row -> row.kind().currency().equals(Currency.PLN)
                && row.kind().colour() == 0).mapToLong(CoinTotalRow::redeemedBillons).sum();
        }
    }

    /**
     * Stops the colony, checks the committed registry in full (it must pass) and starts the
     * colony again on the same store and data folder; returns what was committed.
     */
    Committed restartAndCheck() throws Exception {
        close();
        ColonyRows rows = store.load();
        Directory directory = Directory.restore(DirectoryConfig.defaults(),
            DirectoryRandom.secure(), rows.directory());
        Registry registry = Registry.restore(RegistryConfig.defaults(), directory,
            rows.registry());
        ConservationReport report = registry.check();
        assertThat(report.violations()).as("conservation").isEmpty();
        Committed committed = new Committed(report, registry.totals(), rows.registry().coins());
        open();
        return committed;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (colony != null) {
            colony.close();
            colony = null;
        }
    }
}
