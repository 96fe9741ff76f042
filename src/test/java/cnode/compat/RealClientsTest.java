package cnode.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyClient;
import cnode.colony.server.ColonyHarness;
import cnode.stdx.Clock;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Real third-party SOAP clients from Debian against real nodes (issue 6): PHP SoapClient in
 * WSDL and non-WSDL mode and Python zeep each run a script (src/test/resources/compat) that
 * calls every operation the WSDL declares and checks typed values, lists, ERR_* answers and
 * SOAP Faults the way an integrator's code would. Each client gets its own node joined to one
 * real colony ({@link PreparedNode}): it registers and logs in there, which changes the
 * node's user, and reads the coins the colony minted to its shop; then it asks a wallet on
 * another real node ({@link WalletNode}) to pay, refunds it, lets it pay through a window,
 * runs a series, asks for personal data, cancels a request and reads the purchase documents.
 * Afterwards this test reads both users' money itself: each moved by exactly the payments that
 * went through ({@link Facts.Payment}). The scripts fail on an
 * operation they do not exercise; this test checks it again from the WSDL, so a new operation
 * without client checks fails the suite. A missing client fails the test, naming its Debian
 * package, unless {@code -Dcnode.skipExternal=1}, which skips it (./cnode test
 * --skip-external).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClientsTest {
    private static final long CLIENT_TIMEOUT_MS = 120_000;
    /** How long after a client starts the test moves its waitee (the task it waits on). */
    private static final long CHANGE_AFTER_MS = 2_500;
    private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";

    @TempDir
    static Path work;
    private ColonyHarness colony;
    private ColonyClient colonyClient;

    @BeforeAll
    void startColony() throws Exception {
        colony = ColonyHarness.start(work.resolve("colony"));
        colonyClient = new ColonyClient(colony.url(), ClientLimits.defaults());
    }

    @AfterAll
    void stopColony() {
        if (colonyClient != null) {
            colonyClient.close();
        }
        if (colony != null) {
            colony.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RealClient.class)
    void callsEveryOperationTheWsdlDeclares(RealClient client) throws Exception {
        requireInstalled(client);
        String name = client.name().toLowerCase(Locale.ROOT).replace('_', '-');
        try (PreparedNode prepared = PreparedNode.start(work.resolve(name), colony,
            new ColonyAdmin(colonyClient), name)) {
            run(client, prepared);
        }
    }

    private void run(RealClient client, PreparedNode prepared) throws Exception {
        Path factsFile = work.resolve(client.name() + "-facts.json");
        Files.write(factsFile, prepared.factsJson());
        Path scripts = Path.of(RealClientsTest.class.getResource("/compat/" + client.script())
            .toURI()).getParent();
        TaskEngine engine = prepared.node().engine();
        String waitee = prepared.facts().tasks().waitee();
        CompletableFuture<TaskEngine.Moved> change = CompletableFuture.supplyAsync(
            () -> engine.advance(waitee, TaskStatus.SEARCHING, 0, null, Clock.SYSTEM.nowMs()),
            CompletableFuture.delayedExecutor(CHANGE_AFTER_MS, TimeUnit.MILLISECONDS));

        List<String> command = client.command(scripts, prepared.url(), factsFile);
        RealClient.Run run = RealClient.run(command, work.resolve(client.name() + ".out"),
            CLIENT_TIMEOUT_MS);

        String report = client.label() + " (" + String.join(" ", command) + ")\n" + run.output();
        System.out.println(report);
        assertThat(run.timedOut()).as("%s did not end within %d ms:%n%s", client.label(),
            CLIENT_TIMEOUT_MS, report).isFalse();
        assertThat(run.exit()).as("exit code of %s", report).isZero();
        assertThat(run.output()).as(report).doesNotContain("FAIL ");
        for (String operation : wsdlOperations(prepared.url())) {
            assertThat(run.output()).as("%s exercised %s:%n%s", client.label(), operation,
                report).contains("covered " + operation + "\n");
        }
        assertThat(change.get(10, TimeUnit.SECONDS).moved()).as("waitee moved").isTrue();
        assertThat(prepared.node().life().snapshot().username()).as("the user %s logged in",
            client.label()).isEqualTo(prepared.facts().accounts().shop());
        assertMoneyMoved(prepared);
    }

    /** The shop gained, and its wallet lost, exactly what the payments that went through move. */
    private static void assertMoneyMoved(PreparedNode prepared) throws InterruptedException {
        long shopExpected = PreparedNode.PLN_BILLONS + Facts.Payment.shopGain();
        long walletExpected = WalletNode.BILLONS - Facts.Payment.shopGain();
        PreparedNode.awaitTrue(() -> WalletNode.freePln(prepared.node()) == shopExpected
                && prepared.wallet().freePln() == walletExpected,
            () -> "the shop holds " + WalletNode.freePln(prepared.node()) + " PLN billons, not "
                + shopExpected + "; the wallet " + prepared.wallet().freePln() + ", not "
                + walletExpected);
    }

    private static void requireInstalled(RealClient client) {
        if (client.installed()) {
            return;
        }
        String message = client.label() + " is not installed: install the Debian package(s) "
            + client.packages() + " (./cnode test installs them when run as root), or run "
            + "./cnode test --skip-external to leave this client out";
        if ("1".equals(System.getProperty("cnode.skipExternal"))) {
            Assumptions.abort(message);
        }
        fail(message);
    }

    /** The operation names of the node's WSDL, read with the JDK's parser. */
    private static List<String> wsdlOperations(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
            URI.create(url + "?wsdl")).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element definitions = factory.newDocumentBuilder()
            .parse(new ByteArrayInputStream(response.body())).getDocumentElement();
        Element portType = (Element) definitions.getElementsByTagNameNS(WSDL_NS, "portType")
            .item(0);
        NodeList operations = portType.getElementsByTagNameNS(WSDL_NS, "operation");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < operations.getLength(); i++) {
            names.add(((Element) operations.item(i)).getAttribute("name"));
        }
        assertThat(names).as("the WSDL declares operations").isNotEmpty();
        return names;
    }
}
