package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyAdmin.CheckReply;
import cnode.colony.client.ColonyAdmin.MintReply;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonySwaps;
import cnode.colony.client.ColonySwaps.SwapRequest;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.ColonyUsers.LoginReply;
import cnode.colony.client.ColonyUsers.RegisterReply;
import cnode.colony.client.ColonyUsers.RegisterRequest;
import cnode.colony.client.ColonyVault;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import cnode.colony.client.SessionToken;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.crypto.Pbkdf2;
import cnode.crypto.SwapPayload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

/**
 * A real colony for the endpoint tests (the production composition root through
 * {@link ColonyHarness}, on a store in memory), with the typed clients a node uses and the
 * steps every scenario repeats: register and log in a member (a key pair made here, its
 * private half sealed at the lowest PBKDF2 cost so tests stay quick; the colony hashes the
 * password at its production cost), mint coins through the bank's admin endpoint, sign swaps,
 * and check conservation. Keys come from a seeded random source, so a run is repeatable.
 */
public final class EdgeRig implements AutoCloseable {
    /** One registered, logged-in user as its node knows it. */
    public record Member(String username, String password, KeyPair keys,
                         SessionToken session) {}

    private final ColonyHarness harness;
    private final Colony colony;
    private final ColonyClient client;
    private final SecureRandom random;
    public final ColonyUsers users;
    public final ColonySwaps swaps;
    public final ColonyVault vault;
    public final ColonyAdmin admin;
    public final BearerToken token;

    private EdgeRig(ColonyHarness harness, Colony colony, long seed) throws IOException {
        this.harness = harness;
        this.colony = colony;
        this.client = new ColonyClient(colony.url(), ClientLimits.defaults());
        this.random = seeded(seed);
        this.users = new ColonyUsers(client);
        this.swaps = new ColonySwaps(client);
        this.vault = new ColonyVault(client);
        this.admin = new ColonyAdmin(client);
        this.token = new BearerToken(Files.readString(colony.adminTokenFile()).strip());
    }

    /** A colony in {@code data}, with the given flags (e.g. a short coin validity). */
    public static EdgeRig start(Path data, long seed, String... flags) throws Exception {
        ColonyHarness harness = ColonyHarness.start(data, List.of(), flags);
        return new EdgeRig(harness, harness.colony(), seed);
    }

    /**
     * A rig on a colony the test started itself (on a store it holds, say); the rig closes it.
     * {@link #harness()} is not available then.
     */
    public static EdgeRig on(Colony colony, long seed) throws IOException {
        return new EdgeRig(null, colony, seed);
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JDK has SHA1PRNG", missing);
        }
    }

    public ColonyHarness harness() {
        if (harness == null) {
            throw new IllegalStateException("this rig runs on a colony of the test's own");
        }
        return harness;
    }

    public ColonyClient client() {
        return client;
    }

    /** A fresh key pair from the rig's seeded source. */
    public KeyPair keys() {
        return KeyPair.generate(random);
    }

    /** The registration request a node would send for {@code username}. */
    public RegisterRequest registration(String username, String password, KeyPair keys) {
        KeyBlob blob = KeyBlob.seal(keys.privateKey(), username, password, random,
            Pbkdf2.ITERATIONS_MIN);
        return new RegisterRequest(username, password, keys.publicKey().text(), blob.text(),
            false, null, null, null, null);
    }

    /** Registers {@code username} and logs it in; fails the test if either is refused. */
    public Member member(String username) throws Exception {
        String password = "pw-" + username + "-" + new Random(username.hashCode()).nextInt();
        KeyPair keys = keys();
        RegisterReply registered = ok(users.register(registration(username, password, keys)));
        assertThat(registered.username()).isEqualTo(username);
        LoginReply login = ok(users.login(username, password));
        return new Member(username, password, keys, login.sessionToken());
    }

    /** Mints {@code billons} of PLN to {@code user} as few coins; the coins, smallest first. */
    public List<CoinReply> mint(String user, long billons) throws Exception {
        MintReply minted = ok(admin.mint(token, new MintRequest(null, user, billons, "PLN", null,
            null)));
        return minted.coins();
    }

    /** The swap request for these terms, signed by the payer and, when given, the payee. */
    public static SwapRequest signed(SwapPayload terms, Member payer, Member payee) {
        return SwapRequest.of(terms, payer.keys().sign(terms.bytes()),
            payee == null ? null : payee.keys().sign(terms.bytes()));
    }

    /** Payer's coins to payee, no change, amount their sum, reserved {@code ms} from now. */
    public static SwapPayload terms(String transferId, Member payer, Member payee,
                                    List<CoinReply> coins, long ms) {
        long amount = coins.stream().mapToLong(CoinReply::faceValue).sum();
        return new SwapPayload(transferId, payer.username(), payee.username(), "PLN", amount,
            coins.stream().map(CoinReply::id).toList(), List.of(),
            System.currentTimeMillis() + ms);
    }

    /** The conservation check passes. */
    public CheckReply checkPasses() throws Exception {
        CheckReply check = ok(admin.check());
        assertThat(check.findings()).isEmpty();
        assertThat(check.passed()).isTrue();
        return check;
    }

    /** The reply of an outcome that must be OK. */
    public static <R> R ok(Outcome<R> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<R>) outcome).reply();
    }

    /** The refusal of an outcome that must be refused. */
    public static Refusal refused(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused<?>) outcome).refusal();
    }

    /** Asserts {@code outcome} is the refusal {@code status NAME}. */
    public static void refusedAs(Outcome<?> outcome, int status, String name) {
        Refusal refusal = refused(outcome);
        assertThat(refusal.error()).as(refusal.line()).isEqualTo(name);
        assertThat(refusal.status()).as(refusal.line()).isEqualTo(status);
    }

    @Override
    public void close() {
        client.close();
        colony.close();
    }
}
