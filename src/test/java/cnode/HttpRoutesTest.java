package cnode;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.stdx.Clock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The routing of the SOAP port (contract §3) and the WSDL it serves. */
class HttpRoutesTest {
    @TempDir
    static Path data;
    private static NodeHarness node;

    @BeforeAll
    static void start() throws Exception {
        node = NodeHarness.start(data, Clock.SYSTEM);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void healthAnswersJson() throws Exception {
        HttpResponse<String> health = node.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"up\"").contains("VUI_CONNECTING");
    }

    @Test
    void wsdlDeclaresEveryServedOperationAddressedToTheHost() throws Exception {
        for (String path : List.of("/?wsdl", "/wsdl", "/any/where?WSDL")) {
            HttpResponse<String> wsdl = node.get(path);
            assertThat(wsdl.statusCode()).as(path).isEqualTo(200);
            Document doc = Envelopes.parse(wsdl.body());
            NodeList ops = doc.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/",
                "portType").item(0).getChildNodes();
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < ops.getLength(); i++) {
                if (ops.item(i) instanceof Element op) {
                    names.add(op.getAttribute("name"));
                }
            }
            assertThat(names).containsExactly("hello", "getTaskStatus", "listTasks",
                "cancelTask", "waitForTask", "startRegister", "startLogin", "storePassword",
                "clearPassword", "checkPassword", "getMpin", "readSettings", "getMerchantData",
                "setGeolocationInfo", "fetchUserLocation", "getMoneyStatus", "getCoinList",
                "getCurrencyRatio", "requestPaymentInitiation", "giveMoneyRequest",
                "cancelPaymentRequest", "expectPaymentRequest", "getPurchaseDocument",
                "getPurchaseDocumentList", "requestPersonalData", "startSeriesPayment",
                "endSeriesPayment", "requestPingPaymentInitiation");
            Element address = (Element) doc.getElementsByTagNameNS(
                "http://schemas.xmlsoap.org/wsdl/soap/", "address").item(0);
            assertThat(address.getAttribute("location"))
                .isEqualTo("http://127.0.0.1:" + node.port() + "/");
        }
    }

    @Test
    void wsdlMessagePartsFollowTheDocumentedOrder() throws Exception {
        String wsdl = node.get("/?wsdl").body();
        assertThat(wsdl).contains("<message name=\"getTaskStatusRequest\">\n"
            + "  <part name=\"taskId\" type=\"xsd:string\"/>\n"
            + "  <part name=\"uniqueTransferId\" type=\"xsd:string\"/>\n"
            + "  <part name=\"callback\" type=\"xsd:boolean\"/>\n");
    }

    @Test
    void forgedHostHeaderDoesNotReachTheWsdl() throws Exception {
        String request = "GET /?wsdl HTTP/1.1\r\nHost: evil\"><x a=\"\r\nConnection: close\r\n\r\n";
        List<NodeHarness.RawResponse> answers =
            node.raw(request.getBytes(StandardCharsets.ISO_8859_1), 1);
        assertThat(answers).hasSize(1);
        if (answers.get(0).status() == 200) {
            assertThat(answers.get(0).body()).doesNotContain("evil")
                .contains("http://127.0.0.1:");
        } else {
            assertThat(answers.get(0).status()).isEqualTo(400);
        }
    }

    @Test
    void theWebPageIsServedAndOtherRoutesAreRefused() throws Exception {
        HttpResponse<String> page = node.get("/ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("No pending requests");
        assertThat(node.get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(node.get("/metrics").statusCode()).isEqualTo(404);
        String put = "PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        assertThat(node.raw(put.getBytes(StandardCharsets.US_ASCII), 1).get(0).status())
            .isEqualTo(405);
    }

    @Test
    void soapIsServedOnAnyPostPathAndSoapActionIsIgnored() throws Exception {
        byte[] body = Envelopes.call("hello", "").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = node.post("/some/path/cnode", body, "text/xml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Envelopes.returnFields(response.body()).get("status"))
            .isEqualTo("VUI_CONNECTING");
    }
}
