package cnode.api;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.node.NodeLife;
import cnode.node.NodeState;
import cnode.soap.SoapCodec;
import cnode.soap.SoapLimits;
import cnode.stdx.Ids;
import cnode.stdx.ManualClock;
import cnode.store.SqliteTaskStore;
import cnode.task.NewTask;
import cnode.task.PaymentRecord;
import cnode.task.PaymentRecord.Direction;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskPolicy;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import cnode.wallet.WalletFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * getPurchaseDocument and getPurchaseDocumentList through the real SOAP endpoint (codec,
 * routing, writer), over a task engine on a real SQLite store in a temporary folder; payments
 * are finished through the engine as a flow would, and every reply is read back with the JDK's
 * DOM parser, so the shapes checked are the bytes a client receives.
 */
class PurchaseDocumentOperationsTest {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** 2024-05-01 12:00:00 UTC. */
    private static final long NOON_MS =
        LocalDateTime.of(2024, 5, 1, 12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long TTL_MS = 60_000;

    @TempDir
    Path folder;

    private final ManualClock clock = new ManualClock(NOON_MS - 3_600_000);
    private final NodeLife life = new NodeLife();
    private SqliteTaskStore store;
    private TaskEngine engine;
    private List<Operation> operations;
    private SoapEndpoint endpoint;

    @BeforeEach
    void open() {
        store = new SqliteTaskStore(folder.resolve("node.db"), 1_024, 256);
        engine = new TaskEngine(store, Ids.secure(), new TaskPolicy(TTL_MS, 3_600_000, 1_000,
            100), task -> { });
        UserGate gate = new UserGate(life);
        operations = List.of(new GetPurchaseDocumentOperation(gate, engine, clock),
            new GetPurchaseDocumentListOperation(gate, engine));
        endpoint = new SoapEndpoint(new SoapCodec(SoapLimits.defaults()), operations);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void logIn(NodeState until) {
        assertThat(life.move(NodeState.VUI_CONNECTED, "")).isTrue();
        assertThat(life.move(NodeState.VUI_LOGGING_IN_OR_REGISTERING, "shop")).isTrue();
        assertThat(life.move(NodeState.VUI_LOGGEDIN, "shop",
            WalletFixtures.user("shop", "tokenshop"))).isTrue();
        for (NodeState next : List.of(NodeState.VUI_READ_AVAILABLE,
            NodeState.VUI_WRITE_AVAILABLE, NodeState.VUI_BOX_READY, NodeState.VUI_READY)) {
            if (life.snapshot().state() == until) {
                return;
            }
            assertThat(life.move(next)).isTrue();
        }
    }

    /** A payment of this node, started now under {@code key} and finished at {@code atMs}. */
    private Task pay(String key, TaskStatus end, long amount, String currency, String cashier,
                     String invoice, long atMs) {
        Task task = engine.create(new NewTask(TaskType.REQUEST_PAYMENT, key, "fp", "{}", null,
            false), clock.nowMs()).task();
        assertThat(engine.advance(task.id(), TaskStatus.TRANSFERRING, 10, null, clock.nowMs())
            .moved()).isTrue();
        clock.advanceMs(atMs - clock.nowMs());
        PaymentRecord record = new PaymentRecord("", "", "", Direction.IN, "REQUEST_PAYMENT",
            "bruno", amount, currency, 0, amount, 0, 1, end, "", "Order " + key,
            document(key, amount), cashier, invoice, 0, 0);
        String info = end.failure() ? "The payer rejected it." : null;
        assertThat(engine.finish(task.id(), end, info, record, clock.nowMs()).moved()).isTrue();
        return task;
    }

    private static String document(String key, long amount) {
        return "{\"merchant_unique_purchase_id\":\"" + key + "\",\"amount\":" + amount + "}";
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

    private static String text(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(name))
            .findFirst().orElseThrow(() -> new AssertionError("no " + name)).getTextContent();
    }

    /** The reply of getPurchaseDocument as "STATUS document", checking its shape. */
    private String document(String key) throws Exception {
        Element ret = call("getPurchaseDocument", "<uniqueTransferId>" + key
            + "</uniqueTransferId>");
        assertThat(names(ret)).containsExactly("purchaseDocument", "requestStatus",
            "requestStatusDescription");
        assertThat(text(ret, "requestStatusDescription")).isNotBlank();
        return text(ret, "requestStatus") + " " + text(ret, "purchaseDocument");
    }

    private String description(String key) throws Exception {
        return text(call("getPurchaseDocument", "<uniqueTransferId>" + key
            + "</uniqueTransferId>"), "requestStatusDescription");
    }

    @Test
    void aFinishedPaymentsDocumentOutlivesItsTask() throws Exception {
        logIn(NodeState.VUI_READY);
        Task task = pay("order-1", TaskStatus.FINISHED_OK, 1_500, "PLN", "shop", "", NOON_MS);

        assertThat(document("order-1")).isEqualTo("SUCCESS " + document("order-1", 1_500));

        clock.advanceMs(TTL_MS);
        assertThat(engine.tick(clock.nowMs())).isEqualTo(1);
        assertThat(store.find(task.id())).isEmpty();
        assertThat(document("order-1")).isEqualTo("SUCCESS " + document("order-1", 1_500));
    }

    @Test
    void aPaymentWithoutATaskHereIsFoundByTheKeyItRanUnder() throws Exception {
        logIn(NodeState.VUI_READY);
        engine.record(new PaymentRecord("", "", "their-order", Direction.OUT,
            "REQUEST_PAYMENT", "cafe", 700, "PLN", 0, 700, 0, 1, TaskStatus.FINISHED_OK, "",
            "Tea", "{\"amount\":700}", "shop", "", NOON_MS, NOON_MS));

        assertThat(document("their-order")).isEqualTo("SUCCESS {\"amount\":700}");
    }

    @Test
    void everyMissingDocumentIsAnInvalidTransferIdThatSaysWhy() throws Exception {
        assertThat(document("x")).isEqualTo("ERR_VUI_NOT_LOGGEDIN ");
        logIn(NodeState.VUI_LOGGEDIN);
        assertThat(document("x")).isEqualTo("ERR_VUI_CANT_READ ");
        life.move(NodeState.VUI_READ_AVAILABLE);
        pay("rejected", TaskStatus.FINISHED_ERR_USER_REJECTED, 5, "PLN", "shop", "", NOON_MS);
        Task running = engine.create(new NewTask(TaskType.REQUEST_PAYMENT, "running", "fp",
            "{}", null, false), clock.nowMs()).task();

        assertThat(document("")).isEqualTo("ERR_INVALID_TRANSFER_ID ");
        assertThat(description("")).isEqualTo(GetPurchaseDocumentOperation.MALFORMED);
        assertThat(description("k".repeat(65))).isEqualTo(GetPurchaseDocumentOperation.MALFORMED);
        assertThat(document("never-used")).isEqualTo("ERR_INVALID_TRANSFER_ID ");
        assertThat(description("never-used")).isEqualTo(GetPurchaseDocumentOperation.UNKNOWN);
        assertThat(document("running")).isEqualTo("ERR_INVALID_TRANSFER_ID ");
        assertThat(description("running")).isEqualTo(GetPurchaseDocumentOperation.RUNNING);
        assertThat(document("rejected")).isEqualTo("ERR_INVALID_TRANSFER_ID ");
        assertThat(description("rejected")).contains("FINISHED_ERR_USER_REJECTED");
        assertThat(engine.find(running.id(), clock.nowMs())).isPresent();
    }

    /** The list's items as "key document" lines, checking the reply's shape. */
    private List<String> list(String criteria) throws Exception {
        Element ret = call("getPurchaseDocumentList", criteria);
        assertThat(names(ret)).containsExactly("documents", "requestStatus",
            "requestStatusDescription");
        assertThat(text(ret, "requestStatus")).as(text(ret, "requestStatusDescription"))
            .isEqualTo("SUCCESS");
        List<String> items = new ArrayList<>();
        for (Element item : children(children(ret).getFirst())) {
            assertThat(item.getLocalName()).isEqualTo("item");
            assertThat(names(item)).containsExactly("uniqueTransferId", "purchaseDocument");
            items.add(text(item, "uniqueTransferId"));
        }
        return items;
    }

    private static String criteria(String fields) {
        return "<searchCriteria xmlns:xsi=\"" + XSI + "\" xsi:type=\"b:documentSearchCriteria\">"
            + fields + "</searchCriteria>";
    }

    private static String amount(String name, String billons, String currency, String colour) {
        return "<" + name + "><amount>" + billons + "</amount><currency>" + currency
            + "</currency><colour>" + colour + "</colour></" + name + ">";
    }

    /** Five payments around noon; one failed, one in EUR, two cashiers, two invoices. */
    private void shopDay() {
        pay("a", TaskStatus.FINISHED_OK, 100, "PLN", "shop", "FV/1", NOON_MS - 1);
        pay("b", TaskStatus.FINISHED_OK, 200, "PLN", "shop", "FV/2", NOON_MS);
        pay("d", TaskStatus.FINISHED_ERR_USER_REJECTED, 200, "PLN", "shop", "", NOON_MS + 500);
        pay("c", TaskStatus.FINISHED_OK, 300, "EUR", "till-2", "FV/2", NOON_MS + 999);
        pay("e", TaskStatus.FINISHED_OK, 400, "PLN", "shop", "", NOON_MS + 1_000);
    }

    @Test
    void theListFindsSuccessfulPaymentsByEveryCriterion() throws Exception {
        logIn(NodeState.VUI_READY);
        shopDay();

        assertThat(list("")).containsExactly("a", "b", "c", "e");
        assertThat(list(criteria(""))).containsExactly("a", "b", "c", "e");
        assertThat(list(criteria("<startDate>2024-05-01 12:00:00</startDate>"
            + "<endDate>2024-05-01 12:00:00</endDate>"))).containsExactly("b", "c");
        assertThat(list(criteria("<startDate>2024-05-01 12:00:01</startDate>")))
            .containsExactly("e");
        assertThat(list(criteria("<endDate>2024-05-01 11:59:59</endDate>")))
            .containsExactly("a");
        assertThat(list(criteria("<cashierName>till-2</cashierName>"))).containsExactly("c");
        assertThat(list(criteria("<cashierName>till</cashierName>"))).isEmpty();
        assertThat(list(criteria("<invoiceNum>FV/2</invoiceNum>"))).containsExactly("b", "c");
        assertThat(list(criteria(amount("fromAmount", "200", "PLN", "0")
            + amount("toAmount", "400", "PLN", "0")))).containsExactly("b", "e");
        assertThat(list(criteria(amount("toAmount", "200", "PLN", "0"))))
            .containsExactly("a", "b");
        assertThat(list(criteria(amount("fromAmount", "1", "EUR", "")))).containsExactly("c");
        assertThat(list(criteria(amount("fromAmount", "0", "", "0")
            + amount("toAmount", "", "", "") + "<cashierName></cashierName>")))
            .containsExactly("a", "b", "c", "e");
        assertThat(list(criteria("<cashierName>shop</cashierName><invoiceNum>FV/2</invoiceNum>"
            + "<startDate>2024-05-01 12:00:00</startDate>"
            + amount("fromAmount", "200", "PLN", "0")))).containsExactly("b");
    }

    /** The error reply as "CODE: description", checking it lists nothing. */
    private String refusal(String criteria) throws Exception {
        Element ret = call("getPurchaseDocumentList", criteria);
        assertThat(names(ret)).containsExactly("documents", "requestStatus",
            "requestStatusDescription");
        assertThat(children(children(ret).getFirst())).isEmpty();
        return text(ret, "requestStatus") + ": " + text(ret, "requestStatusDescription");
    }

    @Test
    void badCriteriaAreRefusedByName() throws Exception {
        assertThat(refusal("")).startsWith("ERR_VUI_NOT_LOGGEDIN: ");
        logIn(NodeState.VUI_READY);
        shopDay();

        for (String date : List.of("2024-05-01", "2024-05-01T12:00:00", "01.05.2024 12:00:00",
            "2024-13-01 12:00:00", "2024-05-01 25:00:00")) {
            assertThat(refusal(criteria("<startDate>" + date + "</startDate>"))).as(date)
                .startsWith("ERR_INVALID_DATE: ");
            assertThat(refusal(criteria("<endDate>" + date + "</endDate>"))).as(date)
                .startsWith("ERR_INVALID_DATE: ");
        }
        assertThat(refusal(criteria("<startDate>2024-05-01 12:00:01</startDate>"
            + "<endDate>2024-05-01 12:00:00</endDate>"))).startsWith("ERR_INVALID_DATE: ")
            .contains("after");
        assertThat(refusal(criteria(amount("fromAmount", "5", "PLN", "0")
            + amount("toAmount", "4", "PLN", "0"))))
            .isEqualTo("ERR_INVALID_AMOUNT: The fromAmount is above the toAmount.");
        assertThat(refusal(criteria(amount("fromAmount", "1", "PLN", "0")
            + amount("toAmount", "4", "EUR", "0")))).startsWith("ERR_INVALID_AMOUNT: ")
            .contains("same currency");
        assertThat(refusal(criteria(amount("fromAmount", "1", "PLN", "0")
            + amount("toAmount", "4", "PLN", "1")))).startsWith("ERR_INVALID_AMOUNT: ");
        for (String bad : List.of(amount("fromAmount", "5", "", "0"),
            amount("fromAmount", "-5", "PLN", "0"), amount("toAmount", "1.5", "PLN", "0"),
            amount("toAmount", "9223372036854775808", "PLN", "0"),
            amount("toAmount", "5", "pln", "0"), amount("toAmount", "5", "PLN", "x"))) {
            assertThat(refusal(criteria(bad))).as(bad).startsWith("ERR_INVALID_AMOUNT: ");
        }
    }

    @Test
    void aLongListIsCutAtFiveHundredAndSaysSo() throws Exception {
        logIn(NodeState.VUI_READY);
        int count = GetPurchaseDocumentListOperation.LISTED_MAX + 1;
        List<Future<PaymentRecord>> writes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                PaymentRecord record = new PaymentRecord(String.format("P%04d", i), "",
                    "k" + i, Direction.IN, "REQUEST_PAYMENT", "bruno", 10, "PLN", 0, 10, 0, 1,
                    TaskStatus.FINISHED_OK, "", "", "{}", "shop", "", NOON_MS, NOON_MS + i);
                writes.add(pool.submit(() -> engine.record(record)));
            }
        }
        for (Future<PaymentRecord> write : writes) {
            write.get();
        }

        Element ret = call("getPurchaseDocumentList", "");
        List<Element> items = children(children(ret).getFirst());
        assertThat(items).hasSize(GetPurchaseDocumentListOperation.LISTED_MAX);
        assertThat(text(items.getFirst(), "uniqueTransferId")).isEqualTo("k0");
        assertThat(text(items.getLast(), "uniqueTransferId")).isEqualTo("k499");
        assertThat(text(ret, "requestStatus")).isEqualTo("SUCCESS");
        assertThat(text(ret, "requestStatusDescription")).contains("first 500");
        assertThat(list(criteria("<startDate>2024-05-01 12:00:00</startDate>"
            + "<endDate>2024-05-01 12:00:00</endDate>"))).hasSize(500);
    }

    @Test
    void theWsdlDeclaresTheCriteriaAndTheList() {
        String wsdl = new String(new Wsdl(operations, "127.0.0.1:9091").render("localhost:1"),
            StandardCharsets.UTF_8);
        for (String type : List.of("billonAmount", "documentSearchCriteria",
            "purchaseDocumentItem", "purchaseDocumentList",
            "vuiSoapGetPurchaseDocumentListResponse", "vuiSoapGetPurchaseDocumentResponse")) {
            assertThat(wsdl).contains("<complexType name=\"" + type + "\">");
        }
        assertThat(wsdl)
            .contains("<part name=\"searchCriteria\" type=\"ns1:documentSearchCriteria\"/>")
            .contains("<part name=\"uniqueTransferId\" type=\"xsd:string\"/>");
    }
}
