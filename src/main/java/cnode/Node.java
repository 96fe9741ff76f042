package cnode;

import cnode.api.CancelPaymentRequestOperation;
import cnode.api.CancelTaskOperation;
import cnode.api.ExpectPaymentRequestOperation;
import cnode.api.GiveMoneyRequestOperation;
import cnode.api.RequestPaymentInitiationOperation;
import cnode.api.RequestPingPaymentInitiationOperation;
import cnode.api.PersonalDetailsRequestOperation;
import cnode.api.StartSeriesPaymentOperation;
import cnode.api.EndSeriesPaymentOperation;
import cnode.api.CheckPasswordOperation;
import cnode.api.ClearPasswordOperation;
import cnode.api.FetchUserLocationOperation;
import cnode.api.GetCoinListOperation;
import cnode.api.GetCurrencyRatioOperation;
import cnode.api.GetMoneyStatusOperation;
import cnode.api.GetPurchaseDocumentListOperation;
import cnode.api.GetPurchaseDocumentOperation;
import cnode.api.MerchantProfileOperation;
import cnode.api.GetMpinOperation;
import cnode.api.GetTaskStatusOperation;
import cnode.api.HelloOperation;
import cnode.api.ListTasksOperation;
import cnode.api.Operation;
import cnode.api.PasswordChecks;
import cnode.api.ReadSettingsOperation;
import cnode.api.SetGeolocationInfoOperation;
import cnode.api.SoapEndpoint;
import cnode.api.StartLoginOperation;
import cnode.api.StartRegisterOperation;
import cnode.api.StorePasswordOperation;
import cnode.api.TaskWaits;
import cnode.api.UserGate;
import cnode.api.WaitForTaskOperation;
import cnode.api.Wsdl;
import cnode.cli.NodeConfig;
import cnode.cli.StartupLogin;
import cnode.cli.UsageError;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.ColonySwaps;
import cnode.colony.client.ColonyUsers;
import cnode.colony.client.ColonyVault;
import cnode.http.HttpServer;
import cnode.http.NodeHttpHandler;
import cnode.node.Autologin;
import cnode.node.Membership;
import cnode.node.NodeFiles;
import cnode.node.NodeLife;
import cnode.node.NodeUser;
import cnode.node.ShopLocations;
import cnode.payment.ExpectWindows;
import cnode.payment.PaymentDesk;
import cnode.payment.PaymentRecords;
import cnode.payment.SeriesConsents;
import cnode.payment.Payments;
import cnode.peer.LocatorLimits;
import cnode.peer.PeerClient;
import cnode.peer.PeerIdentity;
import cnode.peer.PeerLimits;
import cnode.peer.PeerPort;
import cnode.peer.UserLocator;
import cnode.soap.SoapCodec;
import cnode.stdx.Clock;
import cnode.stdx.Ids;
import cnode.store.JdbcTaskStore;
import cnode.store.PostgresTaskStore;
import cnode.store.SqliteTaskStore;
import cnode.task.PaymentRecord;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import cnode.ui.PageView;
import cnode.ui.WalletPageHandler;
import cnode.wallet.Decisions;
import cnode.wallet.HoldingsSource;
import cnode.wallet.PersonalDetails;
import cnode.wallet.Wallet;
import cnode.wallet.WalletLimits;
import cnode.wallet.WalletRead;
import java.io.Console;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of one node: builds the object graph with plain constructors, recovers
 * the tasks a previous run left, starts the HTTP port and the engine's heartbeat. Owns every
 * resource it opens and closes them in reverse order.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final long TICK_MS = 200;

    private static final int STORE_QUEUE_MAX = 8_192;
    private static final int STORE_BATCH_MAX = 1_024;
    /** Requests waiting for a person's decision on the web page at once. */
    private static final int DECISIONS_MAX = 1_000;

    private final JdbcTaskStore store;
    private final TaskEngine engine;
    private final NodeLife life = new NodeLife();
    private final ColonyClient colony;
    private final Wallet wallet;
    private final Decisions decisions = new Decisions(DECISIONS_MAX);
    private final UserLocator locator;
    private final PeerPort peerPort;
    private final PeerClient peers;
    private final ExpectWindows windows = new ExpectWindows();
    private final SeriesConsents consents = new SeriesConsents();
    private final PaymentDesk desk;
    private final Payments payments;
    private final Membership membership;
    private final HttpServer http;
    private final Thread ticker;
    private volatile boolean running = true;

    private Node(NodeConfig config, Clock clock) throws Exception {
        Files.createDirectories(config.data());
        SecureRandom random = new SecureRandom();
        NodeFiles files = new NodeFiles(config.data());
        String machineId = files.machineId(random);
        Autologin autologin = new Autologin(files.nodeKey(random), random);
        Autologin.Credentials startup = startupLogin(config.login(), files, autologin);
        ShopLocations shops = ShopLocations.load(config.data());
        PersonalDetails personal = config.wallet().personalData() == null
            ? PersonalDetails.NONE : PersonalDetails.load(config.wallet().personalData());
        store = openStore(config);
        TaskWaits waits = new TaskWaits(config.waitersMax());
        engine = new TaskEngine(store, Ids.secure(), config.tasks(), waits,
            task -> PaymentRecords.ended(task, life.snapshot().username()));
        int recovered = engine.recover(clock.nowMs());
        endInterruptedLogins(engine, clock.nowMs());
        colony = new ColonyClient(config.colony(), ClientLimits.defaults());
        wallet = new Wallet(HoldingsSource.colony(new ColonyVault(colony)), clock,
            WalletLimits.defaults());
        locator = new UserLocator(new ColonyUsers(colony), clock, LocatorLimits.defaults());
        Supplier<Optional<PeerIdentity>> identity = () -> Optional.ofNullable(
            life.snapshot().user()).map(user -> new PeerIdentity(user.username(), user.keys()));
        ColonySwaps swaps = new ColonySwaps(colony);
        // The desk (the peers' handler) and the payments (which need the peers) refer to each
        // other: a revoked series reaches the payments through this reference, set below.
        AtomicReference<Payments> ends = new AtomicReference<>();
        desk = new PaymentDesk(life, wallet, decisions, config.wallet(), config.payments(),
            swaps, windows, this::settled, personal, consents,
            (seriesId, from) -> ends.get() != null && ends.get().revoked(seriesId, from),
            clock);
        peerPort = openPeerPort(config, identity);
        peers = new PeerClient(PeerLimits.defaults(), identity, locator, desk);
        payments = new Payments(engine, life, wallet, locator, peers, swaps, config.payments(),
            clock);
        ends.set(payments);
        String p2p = hostPort(config.p2pAddress(), peerPort.port());
        membership = new Membership(life, colony, engine, files, autologin,
            new Membership.Settings(machineId, p2p, config.leaseTtlMs(),
                config.writePermissionTimeoutMs(), config.allowNonMerchantUser()),
            walletAttachment(), clock, startup);
        List<Operation> operations = operations(config, clock, waits, files, autologin, shops);
        SoapEndpoint endpoint = new SoapEndpoint(new SoapCodec(config.soap()), operations);
        Wsdl wsdl = new Wsdl(operations, config.soapAddress() + ":" + config.soapPort());
        http = new HttpServer(config.soapAddress(), config.soapPort(), config.http(),
            handler(config, endpoint, wsdl));
        try {
            http.start();
        } catch (Exception failure) {
            http.close();
            closePeers();
            colony.close();
            store.close();
            throw failure;
        }
        membership.start();
        int resumed = payments.recover();
        payments.retell();
        if (resumed > 0) {
            LOG.info("{} payment task(s) interrupted by the restart are being settled", resumed);
        }
        ticker = Thread.ofPlatform().name("task-ticker").daemon()
            .start(() -> tick(engine, clock));
        LOG.info("node up: SOAP on {}:{}, P2P {}, colony {}, data {}, tasks in {}, {} "
            + "unfinished task(s) recovered; wallet policy {}, personal data {}",
            config.soapAddress(), http.port(), p2p, config.colony(), config.data(),
            store.location(), recovered, config.wallet().policy().wire(),
            personal == PersonalDetails.NONE ? "none" : "from " + config.wallet().personalData());
    }

    /** The P2P port; when it cannot bind, what was opened before is closed. */
    private PeerPort openPeerPort(NodeConfig config,
                                  Supplier<Optional<PeerIdentity>> identity) throws IOException {
        try {
            return PeerPort.start(new InetSocketAddress(config.p2pAddress(), config.p2pPort()),
                PeerLimits.defaults(), identity, locator, desk);
        } catch (IOException | RuntimeException failure) {
            locator.close();
            colony.close();
            store.close();
            throw failure;
        }
    }

    private NodeHttpHandler handler(NodeConfig config, SoapEndpoint endpoint, Wsdl wsdl) {
        return new NodeHttpHandler(endpoint, wsdl,
            () -> "{\"status\":\"up\",\"node\":\"" + life.snapshot().state()
                + "\",\"liveTasks\":" + engine.liveCount() + "}\n",
            config.http().bodyBytesMax(), new WalletPageHandler(this::pageView, decisions,
                config.soapAddress(), cnode.ui.PageLimits.defaults(), this::revokeSeries));
    }

    /** A person revoked a series on the page: forgotten here, and the merchant is told. */
    private boolean revokeSeries(String seriesId) {
        SeriesConsents.Consent revoked = consents.revoke(seriesId);
        if (revoked == null) {
            return false;
        }
        payments.tellRevoked(revoked.merchant(), seriesId);
        return true;
    }

    /**
     * A payment this node took part in without a task (its desk answered another node): in
     * the history once the swap committed.
     */
    private void settled(PaymentDesk.Pending pending, String state, long nowMs) {
        LOG.info("payment {} with {} ended {}", pending.transferId(), pending.from(), state);
        PaymentRecord record = PaymentRecords.settled(pending, state,
            life.snapshot().username(), nowMs);
        if (record != null) {
            engine.record(record);
        }
    }

    private List<Operation> operations(NodeConfig config, Clock clock, TaskWaits waits,
                                       NodeFiles files, Autologin autologin,
                                       ShopLocations shops) {
        UserGate gate = new UserGate(life);
        PasswordChecks checks = new PasswordChecks();
        List<Operation> operations = new ArrayList<>(List.of(
            new HelloOperation(life, config.mode(), Version.current()),
            new GetTaskStatusOperation(engine, clock),
            new ListTasksOperation(engine, clock),
            new CancelTaskOperation(engine, clock),
            new WaitForTaskOperation(engine, waits, clock),
            new StartRegisterOperation(membership),
            new StartLoginOperation(membership),
            new StorePasswordOperation(gate, checks, membership, files, autologin),
            new ClearPasswordOperation(gate, checks, files),
            new CheckPasswordOperation(gate, checks),
            new GetMpinOperation(gate, checks),
            new ReadSettingsOperation(life, files, config.p2pPort(), config.wallet(), shops),
            new MerchantProfileOperation(gate),
            new SetGeolocationInfoOperation(gate, shops),
            new FetchUserLocationOperation(gate, locator::prefetch),
            new GetMoneyStatusOperation(gate, wallet),
            new GetCoinListOperation(gate, wallet),
            new GetCurrencyRatioOperation(),
            new RequestPaymentInitiationOperation(gate, payments),
            new GiveMoneyRequestOperation(gate, payments),
            new CancelPaymentRequestOperation(engine, clock),
            new ExpectPaymentRequestOperation(gate, windows, clock),
            new GetPurchaseDocumentOperation(gate, engine, clock),
            new GetPurchaseDocumentListOperation(gate, engine),
            new PersonalDetailsRequestOperation(gate, payments),
            new StartSeriesPaymentOperation(gate, payments),
            new EndSeriesPaymentOperation(gate, payments),
            new RequestPingPaymentInitiationOperation(gate, payments)));
        return operations;
    }

    /** The wallet loads the user's coins at login and drops them at logout. */
    private Membership.Attachment walletAttachment() {
        return new Membership.Attachment() {
            @Override
            public boolean attach(NodeUser user) {
                WalletRead.State state = wallet.attach(user).state();
                return state == WalletRead.State.FRESH || state == WalletRead.State.STALE;
            }

            @Override
            public void detach() {
                wallet.detach();
                peers.closeLinks();
                peerPort.closeLinks();
            }
        };
    }

    /** {@code host:port} as the colony takes a location: an IPv6 host in brackets. */
    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private void closePeers() {
        payments.close();
        peers.close();
        peerPort.close();
        locator.close();
    }

    /** What the web page shows now: one snapshot of the life, the wallet's last read. */
    private PageView pageView() {
        NodeLife.Snapshot now = life.snapshot();
        List<PageView.Balance> balances = new ArrayList<>();
        if (now.user() != null) {
            WalletRead read = wallet.readSettled(now.username());
            if (read.view() != null) {
                for (cnode.wallet.Balance balance : read.view().balances()) {
                    if (balance.colour() == 0) {
                        balances.add(new PageView.Balance(balance.currency(), balance.free(),
                            balance.locked(), balance.vault()));
                    }
                }
            }
        }
        List<PageView.Series> series = new ArrayList<>();
        for (SeriesConsents.Consent consent : consents.list()) {
            series.add(new PageView.Series(consent.seriesId(), consent.merchant(),
                consent.title(), consent.totalMax(), new cnode.money.Currency(
                    consent.currency())));
        }
        return new PageView(now.username(), now.state(), balances, decisions.pending(),
            series);
    }

    /**
     * The login to run once the colony is reached: {@code -U/-P}, asking on the console for
     * what {@code -i} leaves open, or else the stored autologin password; null for none.
     */
    private static Autologin.Credentials startupLogin(StartupLogin login, NodeFiles files,
                                                      Autologin autologin)
        throws IOException, UsageError {
        if (login.interactive()) {
            return asked(login);
        }
        if (login.username() != null) {
            return new Autologin.Credentials(login.username(), login.password());
        }
        var stored = files.autologin();
        if (stored.isEmpty()) {
            return null;
        }
        var credentials = autologin.open(stored.get());
        if (credentials.isEmpty()) {
            LOG.warn("the stored autologin password does not open with this node's key; "
                + "ignored (store it again with storePassword)");
            return null;
        }
        return credentials.get();
    }

    /**
     * {@code -i}: asks on the console for what {@code -U/-P} left open, the password without
     * echo. Without a console (standard input is a pipe) it reads the missing lines from
     * standard input instead, so a supervisor or a test can pass them without the command line.
     */
    private static Autologin.Credentials asked(StartupLogin login) throws IOException,
        UsageError {
        Console console = System.console();
        java.io.BufferedReader lines = console != null ? null : new java.io.BufferedReader(
            new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        String username = login.username();
        if (username == null) {
            username = console != null ? console.readLine("cnode: username: ") : lines.readLine();
        }
        String password = login.password();
        if (password == null) {
            password = console != null
                ? new String(console.readPassword("cnode: password for %s: ", username))
                : lines.readLine();
        }
        if (username == null || password == null || username.isBlank()) {
            throw new UsageError("cnode node: -i/--interactive got no username or password");
        }
        return new Autologin.Credentials(username.strip(), password);
    }

    /**
     * A login or registration a restart interrupted cannot resume: its password is gone. It
     * ends FINISHED_ERR, saying to start it again.
     */
    private static void endInterruptedLogins(TaskEngine engine, long nowMs) {
        for (Task task : engine.waitingForRestart()) {
            if (task.type() == TaskType.LOGIN || task.type() == TaskType.REGISTER) {
                engine.fail(task.id(), TaskStatus.FINISHED_ERR, "The node restarted during the "
                    + task.type().name().toLowerCase(java.util.Locale.ROOT) + "; start it again.",
                    nowMs);
            }
        }
    }

    /** The store {@code --db} names: PostgreSQL, or by default SQLite in the data folder. */
    private static JdbcTaskStore openStore(NodeConfig config) {
        if (config.postgres() != null) {
            return new PostgresTaskStore(config.postgres(), STORE_QUEUE_MAX, STORE_BATCH_MAX);
        }
        return new SqliteTaskStore(config.data().resolve("node.db"), STORE_QUEUE_MAX,
            STORE_BATCH_MAX);
    }

    /** Builds and starts a node; the caller closes it. */
    public static Node start(NodeConfig config, Clock clock) throws Exception {
        return new Node(config, clock);
    }

    /** The bound SOAP port. */
    public int soapPort() {
        return http.port();
    }

    /** The task engine, for tests that drive tasks before any operation starts them. */
    TaskEngine engine() {
        return engine;
    }

    /** The node's directory lookups, for tests that look users up. */
    UserLocator locator() {
        return locator;
    }

    /** The node's outgoing peer links, for tests that talk to other nodes. */
    PeerClient peers() {
        return peers;
    }

    /** The bound P2P port. */
    public int p2pPort() {
        return peerPort.port();
    }

    /** The node's life, for tests that wait for a state. */
    NodeLife life() {
        return life;
    }

    private void tick(TaskEngine engine, Clock clock) {
        while (running) {
            try {
                engine.tick(clock.nowMs());
                desk.sweep(clock.nowMs());
                Thread.sleep(TICK_MS);
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException failure) {
                LOG.error("task heartbeat failed; retrying in {} ms", TICK_MS, failure);
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(TICK_MS);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        ticker.interrupt();
        try {
            http.close();
        } finally {
            try {
                membership.close();
            } finally {
                closePeers();
                colony.close();
                store.close();
            }
        }
    }

    /** Reads the version the build wrote into the jar. */
    static final class Version {
        private Version() {}

        static String current() {
            try (var in = Node.class.getResourceAsStream("/cnode-version.txt")) {
                return in == null ? "dev" : new String(in.readAllBytes()).strip();
            } catch (IOException unreadable) {
                return "dev";
            }
        }
    }
}
