package cnode.colony.server;

import cnode.cli.ColonyConfig;
import cnode.colony.DirectoryConfig;
import cnode.colony.DirectoryRandom;
import cnode.colony.RegistryConfig;
import cnode.colony.store.ColonyStore;
import cnode.colony.store.ColonyStores;
import cnode.colony.store.ColonyWriter;
import cnode.colony.store.WriterLimits;
import cnode.http.HttpServer;
import cnode.stdx.Clock;
import cnode.colony.client.JsonLimits;
import cnode.colony.client.WireJson;
import cnode.crypto.Pbkdf2;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code cnode colony}: makes the data folder (mode 0700 when it is
 * new), loads or writes the admin token and the bank's key ({@link BankKey}), builds the route
 * table and starts the HTTP/JSON port. Endpoints plug in as one {@link Route} each in
 * {@link #routes}. Logs one line with the URL it listens on (never the token). Owns the port;
 * {@link #close()} stops it.
 */
public final class Colony implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Colony.class);

    private final HttpServer port;
    private final ColonyStore store;
    private final ColonyWriter writer;
    private final AdminToken token;
    private final RouteTable routes;
    private final URI url;

    private Colony(ColonyConfig config, ColonyStore store, List<Route> extra) throws Exception {
        makeDataFolder(config.data());
        token = AdminToken.loadOrCreate(config.data().resolve(AdminToken.FILE_NAME),
            new SecureRandom());
        Bank bank = new Bank(BankKey.loadOrCreate(config.data().resolve(BankKey.FILE_NAME),
            new SecureRandom()), config.coinValidityMs(),
            RegistryConfig.defaults().coinsPerOrderMax());
        this.store = store;
        writer = ColonyWriter.start(store, DirectoryConfig.defaults(), DirectoryRandom.secure(),
            RegistryConfig.defaults(), Clock.SYSTEM, WriterLimits.DEFAULTS);
        List<Route> all = new ArrayList<>(routes(writer, bank));
        all.addAll(extra);
        routes = new RouteTable(all);
        JsonMapper json = WireJson.strict(config.json());
        ColonyHttpHandler handler = new ColonyHttpHandler(routes, token, json,
            config.http().bodyBytesMax(), config.http().idleTimeoutMs());
        port = new HttpServer(config.address(), config.port(), config.http(), handler,
            "colony-http", new JsonErrorHandler(json));
        try {
            port.start();
        } catch (Exception failure) {
            port.close();
            writer.close();
            store.close();
            throw failure;
        }
        String host = config.address().contains(":") ? "[" + config.address() + "]"
            : config.address();
        url = URI.create("http://" + host + ":" + port.port());
        LOG.info("colony up: {} (data {}, store {}, admin token in {})", url,
            config.data(), config.store(), token.file());
    }

    /** Starts a colony on the store its configuration names; the caller closes it. */
    public static Colony start(ColonyConfig config) throws Exception {
        return new Colony(config, ColonyStores.open(config), List.of());
    }

    /**
     * Starts a colony on {@code store}, serving the built-in routes and {@code extra} ones: the
     * seam for tests, which pass a store in memory and routes of their own. The colony owns
     * the store from here on and closes it.
     */
    public static Colony start(ColonyConfig config, ColonyStore store, List<Route> extra)
            throws Exception {
        return new Colony(config, store, extra);
    }

    /** The built-in routes; each endpoint of the colony is one line here. */
    static List<Route> routes(ColonyWriter writer, Bank bank) {
        WriterLink link = WriterLink.of(writer);
        PasswordPool passwords = PasswordPool.forThisMachine();
        JsonMapper wire = WireJson.tolerant(JsonLimits.defaults());
        return List.of(
            Route.get("/health", Access.PUBLIC, new HealthEndpoint()),
            Route.get("/v1/currencies", Access.PUBLIC, new CurrenciesEndpoint()),
            Route.get("/v1/admin/ping", Access.ADMIN, new AdminPingEndpoint()),
            Route.post("/v1/admin/mint", Access.ADMIN, new MintEndpoint(link, bank)),
            Route.get("/v1/bank/key", Access.PUBLIC, new BankKeyEndpoint(bank)),
            Route.get("/v1/coins/{id}", Access.PUBLIC, new CoinEndpoint(link, bank)),
            Route.post("/v1/bank/exchanges", Access.PUBLIC, new ExchangeEndpoint(link, bank)),
            Route.post("/v1/bank/redemptions", Access.PUBLIC, new RedeemEndpoint(link, bank)),
            Route.post("/v1/users", Access.PUBLIC, new RegisterEndpoint(link, passwords,
                new SecureRandom(), Pbkdf2.ITERATIONS_DEFAULT, wire)),
            Route.post("/v1/sessions", Access.PUBLIC, new LoginEndpoint(link, passwords)),
            Route.post("/v1/sessions/renew", Access.PUBLIC, new RenewEndpoint(link)),
            new Route("DELETE", "/v1/sessions", Access.PUBLIC, new LogoutEndpoint(link)),
            Route.get("/v1/users/{user}", Access.PUBLIC, new ProfileEndpoint(link, wire)),
            new Route("PUT", "/v1/users/{user}/location", Access.PUBLIC,
                new LocationEndpoint(link)),
            Route.post("/v1/leases", Access.PUBLIC, new LeaseEndpoint(link)),
            Route.post("/v1/swaps", Access.PUBLIC, new SwapPrepareEndpoint(link)),
            Route.get("/v1/swaps/{transferId}", Access.PUBLIC, new SwapReadEndpoint(link)),
            Route.post("/v1/swaps/{transferId}/commit", Access.PUBLIC,
                new SwapCommitEndpoint(link)),
            Route.post("/v1/swaps/{transferId}/void", Access.PUBLIC, new SwapVoidEndpoint(link)),
            Route.post("/v1/vault/moves", Access.PUBLIC, new VaultMoveEndpoint(link)),
            Route.get("/v1/users/{user}/holdings", Access.PUBLIC, new HoldingsEndpoint(link)),
            Route.get("/v1/users/{user}/holdings/changes", Access.PUBLIC,
                new HoldingsChangesEndpoint(link)),
            Route.get("/v1/users/{user}/balances", Access.PUBLIC, new BalancesEndpoint(link)),
            Route.post("/v1/admin/lock", Access.ADMIN, new AdminLockEndpoint(link, true)),
            Route.post("/v1/admin/unlock", Access.ADMIN, new AdminLockEndpoint(link, false)),
            Route.post("/v1/admin/limits", Access.ADMIN, new AdminLimitsEndpoint(link)),
            Route.get("/v1/admin/check", Access.PUBLIC, new AdminCheckEndpoint(link)),
            Route.get("/v1/admin/users", Access.PUBLIC, new AdminUsersEndpoint(link)));
    }

    /** The bound port. */
    public int port() {
        return port.port();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8900}. */
    public URI url() {
        return url;
    }

    /** The token file. */
    public Path adminTokenFile() {
        return token.file();
    }

    /** Every route served, in registration order. */
    public List<Route> served() {
        return routes.routes();
    }

    private static void makeDataFolder(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            Files.createDirectories(data, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        }
    }

    @Override
    public void close() {
        port.close();
        writer.close();
        store.close();
        LOG.info("colony stopped: {}", url);
    }
}
