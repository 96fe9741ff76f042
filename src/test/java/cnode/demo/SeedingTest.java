package cnode.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ColonyAdmin.UserEntry;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.ColonyUsers.LoginReply;
import cnode.colony.client.ColonyUsers.RegisterRequest;
import cnode.colony.client.ColonyVault;
import cnode.colony.client.ColonyVault.CoinView;
import cnode.colony.client.Outcome;
import cnode.colony.server.ColonyHarness;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.crypto.Pbkdf2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's seeding against a real in-process colony: the four users with their money,
 * limits and merchant flag; the money minted once however often seeding runs, even when the
 * ledger is lost or a run was cut off halfway through a user's mints.
 */
class SeedingTest {
    @TempDir
    Path colonyData;
    @TempDir
    Path demo;

    private ColonyHarness colony;
    private ColonyClient client;
    private BearerToken token;

    @BeforeEach
    void start() throws Exception {
        colony = ColonyHarness.start(colonyData);
        client = new ColonyClient(colony.url(), ClientLimits.defaults());
        token = new BearerToken(colony.token());
    }

    @AfterEach
    void stop() {
        client.close();
        colony.close();
    }

    private Seeding seeding() {
        return new Seeding(client, token, demo.resolve(Seeding.LEDGER_FILE), new SecureRandom());
    }

    private Map<String, UserEntry> users() throws Exception {
        Outcome<ColonyAdmin.UsersReply> users = new ColonyAdmin(client).users("", 1_000);
        assertThat(users).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<ColonyAdmin.UsersReply>) users).reply().users().stream()
            .collect(Collectors.toMap(UserEntry::username, Function.identity()));
    }

    private long pln(UserEntry user) {
        return user.balances().stream().filter(b -> b.currency().equals("PLN"))
            .mapToLong(b -> b.wallet() + b.vault()).sum();
    }

    private void assertSeededOnce() throws Exception {
        Map<String, UserEntry> users = users();
        for (DemoUser user : DemoUser.CAST) {
            UserEntry entry = users.get(user.name());
            assertThat(entry).as(user.name()).isNotNull();
            assertThat(pln(entry)).as(user.name()).isEqualTo(user.seededBillons());
            assertThat(entry.merchant()).as(user.name()).isEqualTo(user.merchant());
            assertThat(entry.limits()).isEqualTo(new ColonyAdmin.UserLimits(5_000_000L,
                20_000_000L, 1_000_000_000L, 100_000_000L));
        }
        assertThat(users.get("shop").merchant()).isTrue();
        assertThat(pln(users.get("shop"))).isEqualTo(1_000_000);
        assertThat(pln(users.get("alice"))).isEqualTo(2_000_000);
        assertThat(pln(users.get("bruno"))).isEqualTo(500_000);
        assertThat(pln(users.get("carol"))).isEqualTo(100_000);
    }

    @Test
    void seedsTheFourUsersOnceAndAgainNothing() throws Exception {
        Seeding.Report first = seeding().seed(DemoUser.CAST);

        assertThat(first).isEqualTo(new Seeding.Report(false, 4, 8, 3_600_000));
        assertSeededOnce();
        assertThat(Files.readAllLines(demo.resolve(Seeding.LEDGER_FILE)))
            .containsExactly("shop", "alice", "bruno", "carol", "complete");

        Seeding.Report second = seeding().seed(DemoUser.CAST);

        assertThat(second).isEqualTo(new Seeding.Report(true, 0, 0, 0));
        assertSeededOnce();
    }

    @Test
    void aLostLedgerMintsNothingMore() throws Exception {
        seeding().seed(DemoUser.CAST);
        Files.delete(demo.resolve(Seeding.LEDGER_FILE));

        Seeding.Report again = seeding().seed(DemoUser.CAST);

        assertThat(again).isEqualTo(new Seeding.Report(false, 0, 0, 0));
        assertSeededOnce();
        assertThat(Files.readAllLines(demo.resolve(Seeding.LEDGER_FILE))).endsWith("complete");
    }

    @Test
    void aRunCutOffHalfwayThroughAUsersMintsFinishesTheRestOnly() throws Exception {
        // As a run cut off after alice was registered and her first part minted, its transfer
        // id long forgotten by the colony: a different id here, so only the balance can tell.
        KeyPair keys = KeyPair.generate(new SecureRandom());
        KeyBlob blob = KeyBlob.seal(keys.privateKey(), "alice", DemoUser.PASSWORD,
            new SecureRandom(), Pbkdf2.ITERATIONS_MIN);
        assertThat(new ColonyUsers(client).register(new RegisterRequest("alice",
            DemoUser.PASSWORD, keys.publicKey().text(), blob.text(), false, null, null, null,
            null))).isInstanceOf(Outcome.Ok.class);
        assertThat(new ColonyAdmin(client).mint(token, new MintRequest("earlier-run", "alice",
            500_000, "PLN", null, null))).isInstanceOf(Outcome.Ok.class);

        Seeding.Report report = seeding().seed(DemoUser.CAST);

        assertThat(report).isEqualTo(new Seeding.Report(false, 3, 7, 3_100_000));
        assertSeededOnce();
    }

    @Test
    void eachUserLogsInWithTheDemoPasswordAndHoldsMixedCoins() throws Exception {
        seeding().seed(DemoUser.CAST);

        for (DemoUser user : DemoUser.CAST) {
            Outcome<LoginReply> login = new ColonyUsers(client).login(user.name(),
                DemoUser.PASSWORD);
            assertThat(login).as(user.name()).isInstanceOf(Outcome.Ok.class);
            LoginReply reply = ((Outcome.Ok<LoginReply>) login).reply();
            KeyBlob blob = KeyBlob.parse(reply.keyBlob()).orElseThrow();
            assertThat(blob.open(user.name(), DemoUser.PASSWORD)).as(user.name())
                .hasValueSatisfying(key -> assertThat(key.publicKey().text())
                    .isEqualTo(reply.publicKey()));
            Outcome<ColonyVault.HoldingsReply> holdings = new ColonyVault(client)
                .holdings(reply.sessionToken(), user.name(), "", ColonyVault.COINS_PAGE_MAX);
            List<CoinView> coins = ((Outcome.Ok<ColonyVault.HoldingsReply>) holdings).reply()
                .coins();
            assertThat(coins.stream().mapToLong(CoinView::faceValue).sum())
                .isEqualTo(user.seededBillons());
            assertThat(coins.stream().map(CoinView::faceValue).distinct().count())
                .as("face values of %s", user.name()).isGreaterThanOrEqualTo(3);
        }
    }
}
