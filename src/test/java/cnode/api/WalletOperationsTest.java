package cnode.api;

import static cnode.wallet.WalletFixtures.DAY_MS;
import static cnode.wallet.WalletFixtures.ISSUED_MS;
import static cnode.wallet.WalletFixtures.coin;
import static cnode.wallet.WalletFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ColonyVault.CoinView;
import cnode.node.NodeLife;
import cnode.node.NodeState;
import cnode.node.NodeUser;
import cnode.soap.SoapCodec;
import cnode.soap.SoapLimits;
import cnode.stdx.ManualClock;
import cnode.wallet.FakeHoldings;
import cnode.wallet.Reservation;
import cnode.wallet.Wallet;
import cnode.wallet.WalletFixtures;
import cnode.wallet.WalletLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * getMoneyStatus, getCoinList and getCurrencyRatio through the real SOAP endpoint (codec,
 * routing, writer) with a wallet over a fake registry; every reply is read back with the JDK's
 * own DOM parser, so the shapes checked are the bytes a client receives.
 */
class WalletOperationsTest {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final long START_MS = ISSUED_MS + DAY_MS;

    private final ManualClock clock = new ManualClock(START_MS);
    private final FakeHoldings colony = new FakeHoldings();
    private final Wallet wallet = new Wallet(colony, clock, new WalletLimits(1_000, 100, 1_000));
    private final NodeLife life = new NodeLife();
    private final NodeUser wanda = WalletFixtures.user("wanda", "tokenwanda");
    private final List<Operation> operations = List.of(
        new GetMoneyStatusOperation(new UserGate(life), wallet),
        new GetCoinListOperation(new UserGate(life), wallet),
        new GetCurrencyRatioOperation());
    private final SoapEndpoint endpoint =
        new SoapEndpoint(new SoapCodec(SoapLimits.defaults()), operations);

    private void logIn(NodeState until) {
        assertThat(life.move(NodeState.VUI_CONNECTED, "")).isTrue();
        assertThat(life.move(NodeState.VUI_LOGGING_IN_OR_REGISTERING, "wanda")).isTrue();
        assertThat(life.move(NodeState.VUI_LOGGEDIN, "wanda", wanda)).isTrue();
        for (NodeState next : List.of(NodeState.VUI_READ_AVAILABLE,
            NodeState.VUI_WRITE_AVAILABLE, NodeState.VUI_BOX_READY, NodeState.VUI_READY)) {
            if (life.snapshot().state() == until) {
                return;
            }
            assertThat(life.move(next)).isTrue();
        }
    }

    /** The coins of the scenario: every standing, two currencies, two colours. */
    private void stock() {
        colony.put(coin("A", 200, "PLN"));
        colony.put(coin("H", 200, "PLN"));
        colony.put(coin("B", 500, "PLN"));
        colony.put(coin("C", 2_000, "PLN", 0, "VAULT", null));
        colony.put(coin("D", 1_000, "PLN", 0, "WALLET", "pay-1"));
        colony.put(new CoinView(id("E"), 50, "PLN", 0, ISSUED_MS, START_MS, "WALLET", null));
        colony.put(coin("F", 5_000, "EUR"));
        colony.put(coin("G", 10, "PLN", 7, "WALLET", null));
    }

    private Element call(String operation, String params) throws Exception {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:b=\"ns1\">"
            + "<S:Body><b:" + operation + ">" + params + "</b:" + operation + "></S:Body>"
            + "</S:Envelope>").getBytes(StandardCharsets.UTF_8);
        SoapEndpoint.Reply reply = endpoint.handle(body, body.length, "text/xml; charset=utf-8")
            .toCompletableFuture().join();
        String xml = new String(reply.body(), StandardCharsets.UTF_8);
        assertThat(reply.httpStatus()).as(xml).isEqualTo(200);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element envelope = factory.newDocumentBuilder()
            .parse(new ByteArrayInputStream(reply.body())).getDocumentElement();
        Element response = children(children(envelope).getFirst()).getFirst();
        assertThat(response.getNamespaceURI()).isEqualTo("ns1");
        assertThat(response.getLocalName()).isEqualTo(operation + "Response");
        return children(response).getFirst();
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null;
             child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static List<String> names(Element parent) {
        return children(parent).stream().map(Element::getLocalName).toList();
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(name))
            .findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }

    /** A billonAmount as "amount currency colour", checking its type and shape. */
    private static String amount(Element parent, String name) {
        Element amount = child(parent, name);
        assertThat(amount.getAttributeNS(XSI, "type")).isEqualTo("ns1:billonAmount");
        assertThat(names(amount)).containsExactly("amount", "currency", "colour");
        return text(amount, "amount") + " " + text(amount, "currency") + " "
            + text(amount, "colour");
    }

    @Test
    void moneyStatusGivesTheDefaultCurrencyThenEveryCurrency() throws Exception {
        stock();
        logIn(NodeState.VUI_READY);
        wallet.attach(wanda);
        assertThat(wallet.reserve("T1", List.of(id("B")))).isEqualTo(Reservation.RESERVED);
        Element ret = call("getMoneyStatus", "");
        assertThat(names(ret)).containsExactly("requestStatus", "requestStatusDescription",
            "freeBalance", "vaultBalance", "lockedBalance", "unpaidCommission", "balanceList");
        assertThat(text(ret, "requestStatus")).isEqualTo("SUCCESS");
        assertThat(text(ret, "requestStatusDescription")).isEqualTo("Request succeeded.");
        assertThat(amount(ret, "freeBalance")).isEqualTo("400 PLN 0");
        assertThat(amount(ret, "vaultBalance")).isEqualTo("2000 PLN 0");
        assertThat(amount(ret, "lockedBalance")).isEqualTo("1500 PLN 0");
        assertThat(amount(ret, "unpaidCommission")).isEqualTo("0 PLN 0");
        List<Element> items = children(child(ret, "balanceList"));
        assertThat(items).extracting(Element::getLocalName).containsOnly("item");
        List<String> lines = new ArrayList<>();
        for (Element item : items) {
            assertThat(names(item)).containsExactly("currency", "freeBalance", "vaultBalance",
                "lockedBalance", "unpaidCommission");
            lines.add(text(item, "currency") + ": " + amount(item, "freeBalance") + " / "
                + amount(item, "vaultBalance") + " / " + amount(item, "lockedBalance") + " / "
                + amount(item, "unpaidCommission"));
        }
        assertThat(lines).containsExactly(
            "EUR: 5000 EUR 0 / 0 EUR 0 / 0 EUR 0 / 0 EUR 0",
            "PLN: 400 PLN 0 / 2000 PLN 0 / 1500 PLN 0 / 0 PLN 0",
            "PLN: 10 PLN 7 / 0 PLN 7 / 0 PLN 7 / 0 PLN 7");
    }

    @Test
    void aUserWithoutTheDefaultCurrencyReadsZeroPln() throws Exception {
        colony.put(coin("F", 5_000, "EUR"));
        logIn(NodeState.VUI_READY);
        wallet.attach(wanda);
        Element ret = call("getMoneyStatus", "");
        assertThat(amount(ret, "freeBalance")).isEqualTo("0 PLN 0");
        assertThat(children(child(ret, "balanceList"))).hasSize(1);
    }

    @Test
    void refusalsKeepTheShapeWithEmptyFields() throws Exception {
        Element nobody = call("getMoneyStatus", "");
        assertError(nobody, "ERR_VUI_NOT_LOGGEDIN");
        assertCoinListError(call("getCoinList", ""), "ERR_VUI_NOT_LOGGEDIN");

        logIn(NodeState.VUI_LOGGEDIN);
        assertError(call("getMoneyStatus", ""), "ERR_VUI_CANT_READ");
        assertCoinListError(call("getCoinList", ""), "ERR_VUI_CANT_READ");

        logIn2Ready();
        assertError(call("getMoneyStatus", ""), "ERR_VUI_CANT_READ");
        colony.mode(FakeHoldings.Mode.UNREACHABLE);
        wallet.attach(wanda);
        Element unreachable = call("getMoneyStatus", "");
        assertError(unreachable, "ERR_VUI_CANT_READ");
        assertThat(text(unreachable, "requestStatusDescription")).contains("colony");
        assertCoinListError(call("getCoinList", ""), "ERR_VUI_CANT_READ");
    }

    private void logIn2Ready() {
        for (NodeState next : List.of(NodeState.VUI_READ_AVAILABLE,
            NodeState.VUI_WRITE_AVAILABLE, NodeState.VUI_BOX_READY, NodeState.VUI_READY)) {
            assertThat(life.move(next)).isTrue();
        }
    }

    private static void assertError(Element ret, String code) {
        assertThat(names(ret)).containsExactly("requestStatus", "requestStatusDescription",
            "freeBalance", "vaultBalance", "lockedBalance", "unpaidCommission", "balanceList");
        assertThat(text(ret, "requestStatus")).isEqualTo(code);
        assertThat(text(ret, "requestStatusDescription")).isNotBlank();
        for (String name : List.of("freeBalance", "vaultBalance", "lockedBalance",
            "unpaidCommission")) {
            assertThat(amount(ret, name)).isEqualTo("0  0");
        }
        assertThat(children(child(ret, "balanceList"))).isEmpty();
    }

    private static void assertCoinListError(Element ret, String code) {
        assertThat(names(ret)).containsExactly("monexSummary", "monexList", "reservedList",
            "requestStatus", "requestStatusDescription");
        assertThat(text(ret, "requestStatus")).isEqualTo(code);
        for (String list : List.of("monexSummary", "monexList", "reservedList")) {
            assertThat(children(child(ret, list))).isEmpty();
        }
    }

    @Test
    void aDeadColonyAnswersTheLastFiguresAndSaysFromWhen() throws Exception {
        stock();
        logIn(NodeState.VUI_READY);
        wallet.attach(wanda);
        colony.mode(FakeHoldings.Mode.UNREACHABLE);
        clock.advanceMs(5_000);
        Element ret = call("getMoneyStatus", "");
        assertThat(text(ret, "requestStatus")).isEqualTo("SUCCESS");
        assertThat(text(ret, "requestStatusDescription"))
            .contains("cannot be reached").contains("2027-01-16 08:00:00 UTC");
        assertThat(amount(ret, "freeBalance")).isEqualTo("900 PLN 0");
    }

    @Test
    void coinListGivesFreeAndReservedCoinsAndTheSummary() throws Exception {
        stock();
        logIn(NodeState.VUI_READY);
        wallet.attach(wanda);
        assertThat(wallet.reserve("T1", List.of(id("B")))).isEqualTo(Reservation.RESERVED);
        colony.put(coin("I", 2_000, "PLN"));
        clock.advanceMs(1_001);
        Element ret = call("getCoinList", "");
        assertThat(names(ret)).containsExactly("monexSummary", "monexList", "reservedList",
            "requestStatus", "requestStatusDescription");
        assertThat(text(ret, "requestStatus")).isEqualTo("SUCCESS");

        List<String> summary = new ArrayList<>();
        for (Element item : children(child(ret, "monexSummary"))) {
            assertThat(names(item)).containsExactly("amount", "quantity");
            summary.add(amount(item, "amount") + " x" + text(item, "quantity"));
        }
        assertThat(summary).containsExactly("5000 EUR 0 x1", "50 PLN 0 x1", "200 PLN 0 x2",
            "2000 PLN 0 x1", "10 PLN 7 x1");

        assertThat(records(child(ret, "monexList"))).containsExactly(
            record("F", "5.000", "EUR", "2027-01-15 08:00:00"),
            id("E") + " 0.050 PLN exp 2027-01-16 08:00:00 in 2027-01-15 08:00:00 "
                + "iss 2027-01-15 08:00:00",
            record("A", "0.200", "PLN", "2027-01-15 08:00:00"),
            record("H", "0.200", "PLN", "2027-01-15 08:00:00"),
            record("I", "2.000", "PLN", "2027-01-16 08:00:01"),
            record("G", "0.010", "PLN", "2027-01-15 08:00:00"));
        assertThat(records(child(ret, "reservedList"))).containsExactly(
            record("B", "0.500", "PLN", "2027-01-15 08:00:00"),
            record("D", "1.000", "PLN", "2027-01-15 08:00:00"));
    }

    private static String record(String suffix, String value, String currency,
                                 String incoming) {
        return id(suffix) + " " + value + " " + currency + " exp 2029-01-14 08:00:00 in "
            + incoming + " iss 2027-01-15 08:00:00";
    }

    private static List<String> records(Element list) {
        List<String> records = new ArrayList<>();
        for (Element item : children(list)) {
            assertThat(item.getLocalName()).isEqualTo("item");
            assertThat(names(item)).containsExactly("id", "value", "currency",
                "expirationDate", "incomingDate", "issuingDate");
            records.add(text(item, "id") + " " + text(item, "value") + " "
                + text(item, "currency") + " exp " + text(item, "expirationDate") + " in "
                + text(item, "incomingDate") + " iss " + text(item, "issuingDate"));
        }
        return records;
    }

    @Test
    void currencyRatioIsOneThousandthForTheFiveCurrenciesAndZeroElse() throws Exception {
        for (String code : List.of("PLN", "EUR", "GBP", "JPY", "USD")) {
            assertThat(ratio("<currency>" + code + "</currency>")).as(code).isEqualTo("1/1000");
        }
        for (String param : List.of("<currency>CHF</currency>", "<currency>pln</currency>",
            "<currency></currency>", "<currency>PLNX</currency>", "")) {
            assertThat(ratio(param)).as(param).isEqualTo("0/0");
        }
        assertThat(ratio("<currency xmlns:xsi=\"" + XSI + "\" xmlns:xsd="
            + "\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xsd:string\"> GBP </currency>"))
            .as("typed, with surrounding blanks").isEqualTo("1/1000");
    }

    /** The ratio as "numerator/denominator", with nobody logged in. */
    private String ratio(String param) throws Exception {
        Element ret = call("getCurrencyRatio", param);
        assertThat(ret.getAttributeNS(XSI, "type")).isEqualTo("ns1:currencyRatio");
        assertThat(names(ret)).containsExactly("numerator", "denominator");
        return text(ret, "numerator") + "/" + text(ret, "denominator");
    }

    @Test
    void theWsdlDeclaresEveryTypeTheRepliesUse() {
        String wsdl = new String(new Wsdl(operations, "127.0.0.1:9091").render("localhost:1"),
            StandardCharsets.UTF_8);
        for (String type : List.of("billonAmount", "currencyBalance", "currencyBalanceList",
            "vuiSoapGetMoneyStatusResponse", "monexSummaryItem", "monexSummaryList",
            "coinRecord", "coinRecordList", "vuiSoapGetCoinListResponse", "currencyRatio")) {
            assertThat(wsdl).contains("<complexType name=\"" + type + "\">");
        }
        assertThat(wsdl).contains("<part name=\"currency\" type=\"xsd:string\"/>")
            .contains("<part name=\"return\" type=\"ns1:currencyRatio\"/>");
    }
}
