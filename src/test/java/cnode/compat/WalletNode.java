package cnode.compat;

import cnode.Envelopes;
import cnode.NodeHarness;
import cnode.colony.client.BearerToken;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.Outcome;
import cnode.colony.server.ColonyHarness;
import cnode.stdx.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The counterparty of one client's shop: a real node joined to the same colony, serving a
 * user who is not a merchant, registered and logged in through the node's own
 * {@code startRegister}/{@code startLogin}, holding PLN minted along the zloty curve (mostly
 * coins of 1 to 5 PLN, so it can pay exact amounts and give change). Its wallet accepts, on
 * its own, every request up to {@link #ACCEPT_UP_TO} (and rejects larger ones), series up to
 * that total, all incoming money, and shares its personal data ({@link #INVOICE_DATA},
 * {@link #DELIVERY_DATA}) with a merchant who asks, as a person's wallet set up that way would:
 * the client's requests finish without anyone deciding on a page. Owns the node and closes it;
 * used by the test's thread only.
 */
final class WalletNode implements AutoCloseable {
    /** Billons minted to the wallet: 100 PLN. */
    static final long BILLONS = 100_000;
    /** The wallet pays requests up to 50 PLN on its own. */
    static final long ACCEPT_UP_TO = 50_000;
    /** The personal data it shares, JSON objects; a city that is not ASCII, to see UTF-8 pass. */
    static final String INVOICE_DATA = "{\"name\":\"Compat Wallet\",\"taxId\":\"5260001246\"}";
    static final String DELIVERY_DATA = "{\"street\":\"Prosta 1\",\"city\":\"Krak\u00f3w\"}";
    private static final String CURVE = "ZLOTY_ISSUANCE_CURVE";

    private final NodeHarness node;
    private final String username;

    private WalletNode(NodeHarness node, String username) {
        this.node = node;
        this.username = username;
    }

    /** Starts the wallet of {@code username} in {@code data}, with its coins, logged in. */
    static WalletNode start(Path data, ColonyHarness colony, ColonyAdmin admin,
                            String username, String password) throws Exception {
        Files.createDirectories(data);
        Path personal = Files.writeString(data.resolve("personal-data.json"),
            "{\"invoiceData\":" + INVOICE_DATA + ",\"deliveryData\":" + DELIVERY_DATA + "}");
        NodeHarness node = NodeHarness.start(data, Clock.SYSTEM, "--colony",
            colony.url().toString(), "--allow-non-merchant-user", "--wallet-policy",
            "accept-up-to=" + ACCEPT_UP_TO, "--accept-incoming", "yes", "--personal-data",
            personal.toString());
        try {
            PreparedNode.awaitConnected(node);
            String credentials = "<billonUserName>" + username + "</billonUserName>"
                + "<billonUserPassword>" + password + "</billonUserPassword>";
            PreparedNode.awaitFinishedOk(node, "startRegister", credentials);
            PreparedNode.awaitConnected(node);
            PreparedNode.awaitFinishedOk(node, "startLogin", credentials);
            Outcome<ColonyAdmin.MintReply> minted = admin.mint(
                new BearerToken(colony.token()), new ColonyAdmin.MintRequest(
                    "compat-" + username + "-pln", username, BILLONS, "PLN", null, CURVE));
            if (!(minted instanceof Outcome.Ok<ColonyAdmin.MintReply>)) {
                throw new AssertionError("the colony refused the mint to " + username + ": "
                    + minted);
            }
            WalletNode wallet = new WalletNode(node, username);
            PreparedNode.awaitTrue(() -> wallet.freePln() == BILLONS,
                () -> username + " never saw its " + BILLONS + " billons: " + wallet.freePln());
            return wallet;
        } catch (Exception | AssertionError failure) {
            node.close();
            throw failure;
        }
    }

    String username() {
        return username;
    }

    /** The SOAP endpoint, as a client is configured with it. */
    String url() {
        return "http://127.0.0.1:" + node.port() + "/";
    }

    /** The user's free PLN in billons, from {@code getMoneyStatus} over SOAP. */
    long freePln() {
        return freePln(node);
    }

    /** A node user's free PLN in billons, read from {@code getMoneyStatus} over SOAP. */
    static long freePln(NodeHarness node) {
        try {
            String body = node.post(Envelopes.call("getMoneyStatus", "")).body();
            Map<String, String> status = Envelopes.returnFields(body);
            if (!"SUCCESS".equals(status.get("requestStatus"))) {
                throw new AssertionError("getMoneyStatus refused: " + status);
            }
            Element free = (Element) Envelopes.returnElement(body)
                .getElementsByTagName("freeBalance").item(0);
            return Long.parseLong(free.getElementsByTagName("amount").item(0).getTextContent());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the money", interrupted);
        } catch (Exception broken) {
            throw new AssertionError("getMoneyStatus could not be read", broken);
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
