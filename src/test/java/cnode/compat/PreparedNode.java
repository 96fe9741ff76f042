package cnode.compat;

import cnode.NodeHarness;
import cnode.colony.client.BearerToken;
import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.Outcome;
import cnode.colony.server.ColonyHarness;
import cnode.node.NodeState;
import cnode.stdx.Clock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One client's own nodes, made ready before the client runs: a real node joined to the test's
 * colony (so a login in one client never changes the user another client sees), with tasks in
 * known states, a merchant registered through the node's own {@code startRegister} and coins
 * minted to it by the colony's admin; and beside it the {@link WalletNode} its payments go to
 * and come from. The client logs the shop in itself. Owns both nodes and closes them; used by
 * the test's thread only.
 */
final class PreparedNode implements AutoCloseable {
    /** Bound on every wait here: the node joining, the registration. */
    private static final long WAIT_MS = 30_000;
    private static final long POLL_MS = 50;
    /** 12.345 PLN: seven coins, two of them of the same face value. */
    static final long PLN_BILLONS = 12_345;
    /** 5 EUR: a second currency, so getMoneyStatus' balanceList has two items. */
    static final long EUR_BILLONS = 5_000;
    /** The first bytes of a PNG: bytes that are not text, as a logo is. */
    private static final byte[] LOGO = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};

    private final NodeHarness node;
    private final WalletNode wallet;
    private final Facts facts;

    private PreparedNode(NodeHarness node, WalletNode wallet, Facts facts) {
        this.node = node;
        this.wallet = wallet;
        this.facts = facts;
    }

    /**
     * Starts a node in {@code data} joined to {@code colony}, and its wallet node beside it,
     * and prepares them for the client called {@code name} (lower case letters; it names the
     * accounts).
     */
    static PreparedNode start(Path data, ColonyHarness colony, ColonyAdmin admin, String name)
        throws Exception {
        int p2pPort = freePort();
        NodeHarness node = NodeHarness.start(data.resolve("shop"), Clock.SYSTEM, "--colony",
            colony.url().toString(), "--p2p-port", Integer.toString(p2pPort));
        WalletNode wallet = null;
        try {
            awaitConnected(node);
            Facts.Tasks tasks = Facts.Tasks.prepare(node.engine(), Clock.SYSTEM.nowMs());
            Facts.Accounts accounts = new Facts.Accounts(name + ".shop", "shop-password-" + name,
                "{\"name\":\"Compat shop " + name + "\",\"city\":\"Warszawa\"}",
                Base64.getEncoder().encodeToString(LOGO), name + ".newcomer",
                "newcomer-password-" + name);
            register(node, accounts);
            // The registration's task ends a moment before the node shows VUI_CONNECTED again.
            awaitConnected(node);
            BearerToken token = new BearerToken(colony.token());
            List<Facts.Minted> minted = List.of(
                mint(admin, token, accounts.shop(), PLN_BILLONS, "PLN"),
                mint(admin, token, accounts.shop(), EUR_BILLONS, "EUR"));
            wallet = WalletNode.start(data.resolve("wallet"), colony, admin, name + ".wallet",
                "wallet-password-" + name);
            Facts.Wallet counterparty = new Facts.Wallet(wallet.username(), wallet.url(),
                WalletNode.BILLONS, WalletNode.ACCEPT_UP_TO, WalletNode.INVOICE_DATA,
                WalletNode.DELIVERY_DATA);
            long pid = ProcessHandle.current().pid();
            return new PreparedNode(node, wallet,
                new Facts(pid, p2pPort, tasks, accounts, minted, counterparty));
        } catch (Exception | AssertionError failure) {
            if (wallet != null) {
                wallet.close();
            }
            node.close();
            throw failure;
        }
    }

    NodeHarness node() {
        return node;
    }

    WalletNode wallet() {
        return wallet;
    }

    Facts facts() {
        return facts;
    }

    /** The SOAP endpoint, as a client is configured with it ({@code ?wsdl} appended for it). */
    String url() {
        return "http://127.0.0.1:" + node.port() + "/";
    }

    /** Waits until the node has joined the colony with nobody logged in: VUI_CONNECTED. */
    static void awaitConnected(NodeHarness node) throws InterruptedException {
        awaitTrue(() -> node.life().snapshot().state() == NodeState.VUI_CONNECTED,
            () -> "the node never joined the colony; it is " + node.life().snapshot().state());
    }

    /** Polls {@code condition} until it holds, for at most {@link #WAIT_MS}. */
    static void awaitTrue(BooleanSupplier condition, Supplier<String> what)
        throws InterruptedException {
        long giveUpAt = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > giveUpAt) {
                throw new AssertionError(what.get());
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Registers the shop as a merchant through the node, as an integrator would. */
    private static void register(NodeHarness node, Facts.Accounts accounts) throws Exception {
        awaitFinishedOk(node, "startRegister", "<billonUserName>"
            + accounts.shop() + "</billonUserName><billonUserPassword>"
            + accounts.shopPassword() + "</billonUserPassword><merchantData>"
            + "<publicProfileJson>" + accounts.profileJson().replace("&", "&amp;")
                .replace("<", "&lt;") + "</publicProfileJson>"
            + "<logo>" + accounts.logoBase64() + "</logo></merchantData>");
    }

    /**
     * Calls {@code operation}, which starts a task, and polls {@code getTaskStatus} until the
     * task has finished; fails unless it started and ended FINISHED_OK. Just after a login or
     * registration has ended the node may answer ERR_TASK_ALREADY_RUNNING for a moment (it
     * reports the end before it lets go of the flow), so the call is repeated while it does.
     */
    static void awaitFinishedOk(NodeHarness node, String operation, String params)
        throws Exception {
        long giveUpAt = System.currentTimeMillis() + WAIT_MS;
        Map<String, String> started = node.call(operation, params);
        while ("ERR_TASK_ALREADY_RUNNING".equals(started.get("requestStatus"))
            && System.currentTimeMillis() < giveUpAt) {
            Thread.sleep(POLL_MS);
            started = node.call(operation, params);
        }
        if (!"SUCCESS".equals(started.get("requestStatus"))) {
            throw new AssertionError(operation + " refused: " + started);
        }
        Map<String, String> last = started;
        while (System.currentTimeMillis() < giveUpAt) {
            last = node.call("getTaskStatus", "<taskId>" + started.get("taskId") + "</taskId>");
            if (last.get("status").startsWith("FINISHED")) {
                break;
            }
            Thread.sleep(POLL_MS);
        }
        if (!"FINISHED_OK".equals(last.get("status"))) {
            throw new AssertionError("the task of " + operation + " did not end FINISHED_OK: "
                + last);
        }
    }

    /** Mints {@code billons} of {@code currency} (colour 0, fewest coins) to {@code user}. */
    private static Facts.Minted mint(ColonyAdmin admin, BearerToken token, String user,
                                     long billons, String currency)
        throws IOException, InterruptedException {
        String transferId = "compat-" + user + "-" + currency.toLowerCase(Locale.ROOT);
        Outcome<ColonyAdmin.MintReply> outcome = admin.mint(token,
            new ColonyAdmin.MintRequest(transferId, user, billons, currency, null, null));
        if (!(outcome instanceof Outcome.Ok<ColonyAdmin.MintReply> ok)) {
            throw new AssertionError("the colony refused the mint to " + user + ": " + outcome);
        }
        List<String> ids = new ArrayList<>();
        for (CoinReply coin : ok.reply().coins()) {
            ids.add(coin.id());
        }
        return new Facts.Minted(currency, ok.reply().colour(), ok.reply().billons(), ids);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The facts as the client reads them, in UTF-8. */
    byte[] factsJson() {
        return facts.json().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            wallet.close();
        } finally {
            node.close();
        }
    }
}
