package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.BearerToken;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyAdmin.CheckReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonySwaps;
import cnode.colony.client.ColonySwaps.SwapReply;
import cnode.colony.client.ColonySwaps.SwapRequest;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.ColonyUsers.RegisterRequest;
import cnode.colony.client.ColonyVault;
import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.Outcome;
import cnode.colony.client.SessionToken;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.crypto.Pbkdf2;
import cnode.crypto.SwapPayload;
import cnode.store.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash safety of the real {@code cnode colony} process, on SQLite and on PostgreSQL: one
 * client thread streams swaps (prepare, then commit, directions alternating so the coins keep
 * moving, each with a fresh transfer id) and records every commit the colony acknowledged;
 * the test SIGKILLs the process in the middle of the stream, restarts it on the same data,
 * and asserts every acknowledged transfer reads back COMMITTED, no billon was lost or made,
 * and the conservation check passes. Three kill/restart rounds. Every wait is bounded and the
 * stream has a maximum length. The test's state is owned by the test thread; the stream's
 * acknowledged ids are a concurrent queue, read by the test thread after the stream ended.
 */
class ColonyProcessCrashTest {
    private static final int ROUNDS = 3;
    private static final int SWAPS_MAX = 5_000;
    private static final int ACKED_BEFORE_KILL = 300;
    private static final long STREAM_MS_MAX = 2_000;
    private static final long MINTED = 1_111;
    private static final String KILLED = "broken by the kill";

    @TempDir
    Path folder;

    /** A user as its node knows it: the password and the key pair. */
    private record Party(String username, String password, KeyPair keys) {}

    /** What a stream did until the colony died under it. */
    private record Stream(List<String> acked, String unacknowledged, String end) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void everyAcknowledgedCommitSurvivesSigkill(String store) throws Exception {
        if (store.equals("sqlite")) {
            crashRounds(List.of());
            return;
        }
        try (PostgresTestDatabase database = PostgresTestDatabase.create("crash")) {
            crashRounds(List.of("--db", database.url()));
        }
    }

    private void crashRounds(List<String> flags) throws Exception {
        Path data = folder.resolve("colony");
        SecureRandom random = new SecureRandom();
        Party ann = new Party("ann.crash", "pw-ann-" + random.nextLong(),
            KeyPair.generate(random));
        Party bob = new Party("bob.crash", "pw-bob-" + random.nextLong(),
            KeyPair.generate(random));
        List<String> acked = new ArrayList<>();
        String unacknowledged = null;
        ColonyProcess colony = ColonyProcess.start(data, folder.resolve("log-0.txt"),
            flags.toArray(String[]::new));
        try {
            try (ColonyClient client = colony.client()) {
                register(client, ann, random);
                register(client, bob, random);
                BearerToken token = new BearerToken(
                    Files.readString(data.resolve("admin.token")).strip());
                for (Party party : List.of(ann, bob)) {
                    ok(new ColonyAdmin(client).mint(token, new MintRequest(null,
                        party.username(), MINTED, "PLN", null, null)));
                }
            }
            for (int round = 1; round <= ROUNDS; round++) {
                try (ColonyClient client = colony.client()) {
                    Stream stream = streamAndKill(colony, client, round, ann, bob);
                    assertThat(stream.end()).as("round %d: how the stream ended", round)
                        .isEqualTo(KILLED);
                    assertThat(stream.acked()).as("round %d: acknowledged commits", round)
                        .isNotEmpty();
                    acked.addAll(stream.acked());
                    unacknowledged = stream.unacknowledged();
                }
                colony = ColonyProcess.start(data, folder.resolve("log-" + round + ".txt"),
                    flags.toArray(String[]::new));
                try (ColonyClient client = colony.client()) {
                    assertSurvived(client, ann, bob, acked, unacknowledged);
                }
            }
        } finally {
            colony.kill();
        }
    }

    /**
     * Streams swaps from a client thread until {@link #ACKED_BEFORE_KILL} commits were
     * acknowledged or {@link #STREAM_MS_MAX} passed, then SIGKILLs the colony.
     */
    private static Stream streamAndKill(ColonyProcess colony, ColonyClient client, int round,
                                        Party ann, Party bob) throws Exception {
        ColonyUsers users = new ColonyUsers(client);
        SessionToken annSession = ok(users.login(ann.username(), ann.password())).sessionToken();
        SessionToken bobSession = ok(users.login(bob.username(), bob.password())).sessionToken();
        ColonyVault vault = new ColonyVault(client);
        Deque<CoinView> annCoins = free(vault, annSession, ann);
        Deque<CoinView> bobCoins = free(vault, bobSession, bob);
        assertThat(annCoins).isNotEmpty();
        assertThat(bobCoins).isNotEmpty();
        ColonySwaps swaps = new ColonySwaps(client);
        Queue<String> acked = new ConcurrentLinkedQueue<>();
        String[] inFlight = new String[1];
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> stream = pool.submit(() -> {
                for (int i = 0; i < SWAPS_MAX; i++) {
                    boolean annPays = i % 2 == 0;
                    Deque<CoinView> from = annPays ? annCoins : bobCoins;
                    Deque<CoinView> to = annPays ? bobCoins : annCoins;
                    String id = "crash-" + round + "-" + i;
                    inFlight[0] = id;
                    try {
                        Outcome<SwapReply> refused = swap(swaps, id, annPays ? ann : bob,
                            annPays ? bob : ann, annPays ? annSession : bobSession,
                            from.peekFirst());
                        if (refused != null) {
                            return id + " answered " + refused;
                        }
                    } catch (IOException killed) {
                        return KILLED;
                    }
                    acked.add(id);
                    inFlight[0] = null;
                    to.addLast(from.removeFirst());
                }
                return "all " + SWAPS_MAX + " swaps done before the kill";
            });
            long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STREAM_MS_MAX);
            while (acked.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadlineNs
                && !stream.isDone()) {
                Thread.sleep(5);
            }
            colony.kill();
            String end = stream.get(60, TimeUnit.SECONDS);
            return new Stream(List.copyOf(acked), inFlight[0], end);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One swap of {@code coin} from payer to payee; null when the commit was acknowledged,
     * else the answer that was not an acknowledgement. I/O failure is the kill.
     */
    private static Outcome<SwapReply> swap(ColonySwaps swaps, String id, Party payer, Party payee,
                                SessionToken payerSession, CoinView coin)
        throws IOException, InterruptedException {
        SwapPayload terms = new SwapPayload(id, payer.username(), payee.username(), "PLN",
            coin.faceValue(), List.of(coin.id()), List.of(), System.currentTimeMillis() + 60_000);
        Outcome<SwapReply> prepared = swaps.prepare(SwapRequest.of(terms,
            payer.keys().sign(terms.bytes()), null));
        if (!(prepared instanceof Outcome.Ok<SwapReply>)) {
            return prepared;
        }
        Outcome<SwapReply> committed = swaps.commit(payerSession, id);
        boolean acknowledged = committed instanceof Outcome.Ok<SwapReply> reply
            && reply.reply().state().equals("COMMITTED");
        return acknowledged ? null : committed;
    }

    /**
     * After a restart: every acknowledged transfer is COMMITTED, the swap the kill cut short
     * is in some settled or prepared state (voided here when still prepared, so its coin moves
     * again), the two users hold what was minted, and the conservation check passes.
     */
    private static void assertSurvived(ColonyClient client, Party ann, Party bob,
                                       List<String> acked, String unacknowledged)
        throws Exception {
        ColonyUsers users = new ColonyUsers(client);
        SessionToken annSession = ok(users.login(ann.username(), ann.password())).sessionToken();
        SessionToken bobSession = ok(users.login(bob.username(), bob.password())).sessionToken();
        ColonySwaps swaps = new ColonySwaps(client);
        List<String> lost = new ArrayList<>();
        for (String id : acked) {
            Outcome<SwapReply> read = swaps.swap(annSession, id);
            if (!(read instanceof Outcome.Ok<SwapReply> reply)
                || !reply.reply().state().equals("COMMITTED")) {
                lost.add(id + " " + read);
            }
        }
        assertThat(lost).as("acknowledged commits lost by the kill (of %d)", acked.size())
            .isEmpty();
        if (unacknowledged != null) {
            Outcome<SwapReply> cut = swaps.swap(annSession, unacknowledged);
            if (cut instanceof Outcome.Ok<SwapReply> reply
                && reply.reply().state().equals("PREPARED")) {
                assertThat(ok(swaps.voidSwap(annSession, unacknowledged)).state())
                    .isEqualTo("VOIDED");
            }
        }
        ColonyVault vault = new ColonyVault(client);
        long held = all(vault, annSession, ann).stream().mapToLong(CoinView::faceValue).sum()
            + all(vault, bobSession, bob).stream().mapToLong(CoinView::faceValue).sum();
        assertThat(held).isEqualTo(2 * MINTED);
        CheckReply check = ok(new ColonyAdmin(client).check());
        assertThat(check.findings()).isEmpty();
        assertThat(check.passed()).isTrue();
    }

    private static void register(ColonyClient client, Party party, SecureRandom random)
        throws Exception {
        KeyBlob blob = KeyBlob.seal(party.keys().privateKey(), party.username(),
            party.password(), random, Pbkdf2.ITERATIONS_MIN);
        ok(new ColonyUsers(client).register(new RegisterRequest(party.username(),
            party.password(), party.keys().publicKey().text(), blob.text(), false, null, null,
            null, null)));
    }

    private static List<CoinView> all(ColonyVault vault, SessionToken session, Party party)
        throws Exception {
        return ok(vault.holdings(session, party.username(), "", 1_000)).coins();
    }

    /** The party's coins no swap holds, as the stream's queue. */
    private static Deque<CoinView> free(ColonyVault vault, SessionToken session, Party party)
        throws Exception {
        return new ArrayDeque<>(all(vault, session, party).stream()
            .filter(coin -> coin.reservedBy() == null).toList());
    }

    private static <R> R ok(Outcome<R> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<R>) outcome).reply();
    }

}
