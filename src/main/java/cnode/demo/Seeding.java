package cnode.demo;

import cnode.colony.client.BearerToken;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyAdmin.Balance;
import cnode.colony.client.ColonyAdmin.LimitsRequest;
import cnode.colony.client.ColonyAdmin.MintRequest;
import cnode.colony.client.ColonyAdmin.UserEntry;
import cnode.colony.client.ColonyAdmin.UsersReply;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.ColonyUsers.MerchantDetails;
import cnode.colony.client.ColonyUsers.RegisterRequest;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import cnode.crypto.KeyBlob;
import cnode.crypto.KeyPair;
import cnode.crypto.Pbkdf2;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a sandbox colony once, straight through its HTTP/JSON API: registers each
 * {@link DemoUser} (a fresh Ed25519 key pair, the private key sealed under the demo
 * password), sets the sandbox limits, and mints its money in parts of at most
 * {@link #PART_BILLONS} along the zloty issuance curve, so wallets hold mixed denominations.
 *
 * <p>Safe to repeat after any interruption, and a restart never mints twice: the ledger file
 * records each user once it is fully seeded and then {@link #COMPLETE}; a user the colony
 * already knows ({@code USERNAME_TAKEN}) is not registered again; and before minting, the
 * user's balance at the colony says which parts already landed (before the ledger says
 * complete no node has run, so nothing else moved that money). Each part has a fixed transfer
 * id ({@code demo-seed-alice-1}), so a part repeated after a lost answer mints nothing more
 * while the colony remembers it. Refusals {@code BUSY} and {@code STORE_FAILED} (nothing
 * happened) are retried a bounded number of times; any other refusal stops the demo with an
 * {@link IOException} naming it. Used by one thread at start-up; not thread-safe.
 */
public final class Seeding {
    private static final Logger LOG = LoggerFactory.getLogger(Seeding.class);

    /** The ledger's file name in the demo folder. */
    public static final String LEDGER_FILE = "seeded";
    /** The ledger's last line once every user is seeded. */
    public static final String COMPLETE = "complete";
    /** The largest amount of one mint: 500 PLN, about 80 coins along the zloty curve. */
    public static final long PART_BILLONS = 500_000;
    /** The issuance curve of every part: mostly 1 to 50 PLN coins, a few either side. */
    public static final String CURVE = "ZLOTY_ISSUANCE_CURVE";
    /** Sandbox limits of contract §2, in billons: 5 000 PLN per transfer. */
    public static final long PER_TRANSFER = 5_000_000;
    /** 20 000 PLN out per day. */
    public static final long DAILY_OUT = 20_000_000;
    /** 1 000 000 PLN in per day. */
    public static final long DAILY_IN = 1_000_000_000;
    /** 100 000 PLN balance cap. */
    public static final long BALANCE_CAP = 100_000_000;

    // The demo password is printed in the banner, so slow key stretching would protect
    // nothing and only slow every node's log-in; the smallest accepted count keeps it fast.
    private static final int KEY_BLOB_ITERATIONS = Pbkdf2.ITERATIONS_MIN;
    private static final String CURRENCY = "PLN";
    private static final int ATTEMPTS_MAX = 5;
    private static final long RETRY_PAUSE_MS = 200;
    private static final int USER_PAGES_MAX = 100;
    private static final String SHOP_PROFILE = "{\"name\":\"Demo Shop\"}";
    private static final String SHOP_INVOICE = "{\"name\":\"Demo Shop sp. z o.o.\","
        + "\"address\":\"ul. Przykładowa 1, 00-001 Warszawa\",\"taxId\":\"PL0000000000\"}";

    private final ColonyUsers users;
    private final ColonyAdmin admin;
    private final BearerToken token;
    private final Path ledger;
    private final SecureRandom random;

    /**
     * @param client the colony to seed
     * @param token its admin token
     * @param ledger the ledger file ({@link #LEDGER_FILE} in the demo folder)
     * @param random where key pairs and key-blob salts come from
     */
    public Seeding(ColonyClient client, BearerToken token, Path ledger, SecureRandom random) {
        this.users = new ColonyUsers(client);
        this.admin = new ColonyAdmin(client);
        this.token = token;
        this.ledger = ledger;
        this.random = random;
    }

    /**
     * What one seeding run did.
     *
     * @param alreadyComplete the ledger said complete; nothing was asked of the colony
     * @param registered users this run registered
     * @param mints mints this run made
     * @param mintedBillons billons this run minted
     */
    public record Report(boolean alreadyComplete, int registered, int mints,
                         long mintedBillons) {}

    /** Seeds every user of {@code cast} the ledger does not list yet. */
    public Report seed(List<DemoUser> cast) throws IOException, InterruptedException {
        Set<String> done = readLedger();
        if (done.contains(COMPLETE)) {
            return new Report(true, 0, 0, 0);
        }
        Report total = new Report(false, 0, 0, 0);
        for (DemoUser user : cast) {
            if (done.contains(user.name())) {
                continue;
            }
            Report one = seed(user);
            total = new Report(false, total.registered() + one.registered(),
                total.mints() + one.mints(),
                Math.addExact(total.mintedBillons(), one.mintedBillons()));
            done.add(user.name());
            writeLedger(done);
        }
        done.add(COMPLETE);
        writeLedger(done);
        LOG.info("demo seeded: {} user(s) registered, {} mint(s), {} billons", total.registered(),
            total.mints(), total.mintedBillons());
        return total;
    }

    private Report seed(DemoUser user) throws IOException, InterruptedException {
        boolean registered = register(user);
        expect(user, "limits", retried(() -> admin.limits(token, new LimitsRequest(user.name(),
            PER_TRANSFER, DAILY_OUT, DAILY_IN, BALANCE_CAP))));
        long balance = balance(user.name());
        int mints = 0;
        long minted = 0;
        int parts = (int) ((user.seededBillons() + PART_BILLONS - 1) / PART_BILLONS);
        for (int part = 0; part < parts; part++) {
            long from = part * PART_BILLONS;
            long to = Math.min(from + PART_BILLONS, user.seededBillons());
            if (to <= balance) {
                continue;
            }
            MintRequest request = new MintRequest("demo-seed-" + user.name() + "-" + (part + 1),
                user.name(), to - from, CURRENCY, null, CURVE);
            expect(user, "mint", retried(() -> admin.mint(token, request)));
            mints++;
            minted = Math.addExact(minted, to - from);
        }
        return new Report(false, registered ? 1 : 0, mints, minted);
    }

    /** Registers the user; false when the colony already has it (an earlier, cut-off run). */
    private boolean register(DemoUser user) throws IOException, InterruptedException {
        KeyPair keys = KeyPair.generate(random);
        KeyBlob blob = KeyBlob.seal(keys.privateKey(), user.name(), DemoUser.PASSWORD, random,
            KEY_BLOB_ITERATIONS);
        MerchantDetails details = user.merchant()
            ? new MerchantDetails(SHOP_PROFILE, SHOP_INVOICE, null, null) : null;
        RegisterRequest request = new RegisterRequest(user.name(), DemoUser.PASSWORD,
            keys.publicKey().text(), blob.text(), user.merchant(), details, null, null, null);
        Outcome<?> outcome = retried(() -> users.register(request));
        if (outcome instanceof Outcome.Refused<?> refused
            && refused.refusal().error().equals("USERNAME_TAKEN")) {
            return false;
        }
        expect(user, "registration", outcome);
        return true;
    }

    /** The user's PLN at the colony, wallet and vault together. */
    private long balance(String username) throws IOException, InterruptedException {
        String after = "";
        for (int page = 0; page < USER_PAGES_MAX; page++) {
            String from = after;
            Outcome<UsersReply> outcome = retried(() -> admin.users(from,
                ColonyAdmin.USERS_PAGE_MAX));
            UsersReply reply = switch (outcome) {
                case Outcome.Ok<UsersReply> ok -> ok.reply();
                case Outcome.Refused<UsersReply> refused ->
                    throw refusedBy("listing users", refused.refusal());
            };
            for (UserEntry entry : reply.users()) {
                if (entry.username().equals(username)) {
                    long sum = 0;
                    for (Balance balance : entry.balances()) {
                        if (balance.currency().equals(CURRENCY)) {
                            sum = Math.addExact(sum, Math.addExact(balance.wallet(),
                                balance.vault()));
                        }
                    }
                    return sum;
                }
            }
            if (reply.next() == null) {
                break;
            }
            after = reply.next();
        }
        throw new IOException("the colony does not list the sandbox user " + username);
    }

    private static void expect(DemoUser user, String what, Outcome<?> outcome)
        throws IOException {
        if (outcome instanceof Outcome.Refused<?> refused) {
            throw refusedBy(what + " of " + user.name(), refused.refusal());
        }
    }

    private static IOException refusedBy(String what, Refusal refusal) {
        return new IOException("seeding the sandbox: the colony refused the " + what + ": "
            + refusal.line());
    }

    /** One colony call, as a value so it can be repeated. */
    @FunctionalInterface
    private interface Call<T> {
        Outcome<T> send() throws IOException, InterruptedException;
    }

    /** Repeats {@code call} while the colony says nothing happened and to try again. */
    private static <T> Outcome<T> retried(Call<T> call) throws IOException, InterruptedException {
        Outcome<T> outcome = call.send();
        for (int attempt = 1; attempt < ATTEMPTS_MAX && worthRetrying(outcome); attempt++) {
            Thread.sleep(RETRY_PAUSE_MS * attempt);
            outcome = call.send();
        }
        return outcome;
    }

    private static boolean worthRetrying(Outcome<?> outcome) {
        return outcome instanceof Outcome.Refused<?> refused
            && (refused.refusal().error().equals("BUSY")
                || refused.refusal().error().equals("STORE_FAILED"));
    }

    private Set<String> readLedger() throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        if (Files.exists(ledger)) {
            for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }

    /** Replaces the ledger in one step, so a cut-off write leaves the previous one. */
    private void writeLedger(Set<String> lines) throws IOException {
        Path next = ledger.resolveSibling(ledger.getFileName() + ".next");
        Files.writeString(next, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(next, ledger, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
    }
}
