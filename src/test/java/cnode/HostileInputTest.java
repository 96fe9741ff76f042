package cnode;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.stdx.Clock;
import cnode.task.NewTask;
import cnode.task.Task;
import cnode.task.TaskType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and unusual bodies sent over a real socket to a real node: each gets the contract's
 * answer (the fault code, or the right decoded value), and after each the node still serves.
 */
class HostileInputTest {
    private static final String ENV = "http://schemas.xmlsoap.org/soap/envelope/";

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

    @AfterEach
    void nodeStillServes() throws Exception {
        assertThat(Envelopes.returnFields(node.post(Envelopes.call("hello", "")).body()))
            .containsEntry("requestStatus", "SUCCESS");
    }

    private static String envelope(String body) {
        return "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + ENV + "\" xmlns:ns=\"ns1\">"
            + "<SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    private static NodeHarness.RawResponse send(byte[] body, String contentType)
        throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
            + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        request.write(body);
        List<NodeHarness.RawResponse> answers = node.raw(request.toByteArray(), 1);
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    private static void assertFault(NodeHarness.RawResponse answer, String code) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(500);
        String[] fault = Envelopes.fault(answer.body());
        assertThat(fault).as(answer.body()).isNotNull();
        assertThat(fault[0]).isEqualTo("SOAP-ENV:" + code);
        assertThat(fault[1]).isNotBlank().doesNotContain("Exception").doesNotContain("at cnode.");
    }

    private static void assertClientFault(String xml) throws Exception {
        assertFault(send(xml.getBytes(StandardCharsets.UTF_8), "text/xml; charset=utf-8"),
            "Client");
    }

    @Test
    void externalEntityIsRefusedAtTheDoctype() throws Exception {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM "
            + "\"file:///etc/passwd\">]>" + envelope("<ns:getTaskStatus><taskId>&xxe;</taskId>"
            + "</ns:getTaskStatus>");
        NodeHarness.RawResponse answer =
            send(xml.getBytes(StandardCharsets.UTF_8), "text/xml");
        assertFault(answer, "Client");
        assertThat(answer.body()).doesNotContain("root:");
    }

    @Test
    void billionLaughsIsRefusedAtTheDoctype() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE l [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"")
                .append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        assertClientFault(dtd + envelope("<ns:hello>&l9;</ns:hello>"));
    }

    @Test
    void undeclaredEntityIsAClientFault() throws Exception {
        assertClientFault(envelope("<ns:getTaskStatus><taskId>&nope;</taskId></ns:getTaskStatus>"));
    }

    @Test
    void soap12EnvelopeIsAVersionMismatch() throws Exception {
        String xml = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:ns=\"ns1\"><env:Body><ns:hello/></env:Body></env:Envelope>";
        assertFault(send(xml.getBytes(StandardCharsets.UTF_8), "application/soap+xml"),
            "VersionMismatch");
    }

    @Test
    void mustUnderstandHeaderIsRefused() throws Exception {
        String xml = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + ENV + "\" xmlns:ns=\"ns1\" "
            + "xmlns:t=\"urn:tx\"><SOAP-ENV:Header><t:Transaction SOAP-ENV:mustUnderstand=\"1\">"
            + "5</t:Transaction></SOAP-ENV:Header><SOAP-ENV:Body><ns:hello/></SOAP-ENV:Body>"
            + "</SOAP-ENV:Envelope>";
        assertFault(send(xml.getBytes(StandardCharsets.UTF_8), "text/xml"), "MustUnderstand");
    }

    @Test
    void elementAfterTheEnvelopeIsAClientFault() throws Exception {
        assertClientFault(envelope("<ns:hello/>") + "<ns:hello xmlns:ns=\"ns1\"/>");
    }

    @Test
    void tenThousandDeepNestingIsAClientFault() throws Exception {
        String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        assertClientFault(envelope("<ns:hello>" + deep + "</ns:hello>"));
    }

    @Test
    void oversizedBodyIsRefusedAndTheConnectionClosed() throws Exception {
        String padding = "<x>" + "y".repeat(300 * 1024) + "</x>";
        NodeHarness.RawResponse answer = send(envelope("<ns:hello>" + padding + "</ns:hello>")
            .getBytes(StandardCharsets.UTF_8), "text/xml");
        assertFault(answer, "Client");
        assertThat(answer.body()).contains("limit");
        assertThat(answer.headers().toLowerCase(java.util.Locale.ROOT))
            .contains("connection: close");
    }

    @Test
    void oversizedChunkedBodyIsRefused() throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = "y".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 6; i++) {
            request.write((Integer.toHexString(chunk.length) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            request.write(chunk);
            request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        List<NodeHarness.RawResponse> answers = node.raw(request.toByteArray(), 1);
        assertThat(answers).hasSize(1);
        assertFault(answers.get(0), "Client");
    }

    @Test
    void invalidUtf8IsAClientFault() throws Exception {
        byte[] xml = envelope("<ns:getTaskStatus><taskId>AB\u00ffCD</taskId></ns:getTaskStatus>")
            .getBytes(StandardCharsets.ISO_8859_1);
        assertFault(send(xml, "text/xml; charset=utf-8"), "Client");
    }

    @Test
    void latin1AndUtf16BodiesAreDecoded() throws Exception {
        Task task = node.engine().create(new NewTask(TaskType.GIVE_MONEY, "café-ü", "fp", "{}",
            null, false), System.currentTimeMillis()).task();
        String call = envelope("<ns:getTaskStatus><uniqueTransferId>café-ü</uniqueTransferId>"
            + "</ns:getTaskStatus>");
        assertFound(send(call.getBytes(StandardCharsets.ISO_8859_1),
            "text/xml; charset=ISO-8859-1"), task);
        String declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + call;
        assertFound(send(declared.getBytes(StandardCharsets.ISO_8859_1), "text/xml"), task);
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(new byte[] {(byte) 0xFE, (byte) 0xFF});
        utf16.write(call.getBytes(Charset.forName("UTF-16BE")));
        assertFound(send(utf16.toByteArray(), "text/xml"), task);
    }

    private static void assertFound(NodeHarness.RawResponse answer, Task task) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(Envelopes.returnFields(answer.body())).containsEntry("taskId", task.id())
            .containsEntry("requestStatus", "SUCCESS");
    }

    @Test
    void fivePipelinedRequestsGetFiveAnswersInOrder() throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        String[] ids = {"A1", "B2", "C3", "D4", "E5"};
        for (int i = 0; i < ids.length; i++) {
            byte[] body = envelope("<ns:getTaskStatus><taskId>" + ids[i] + "</taskId>"
                + "</ns:getTaskStatus>").getBytes(StandardCharsets.UTF_8);
            String connection = i == ids.length - 1 ? "Connection: close\r\n" : "";
            request.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
                + connection + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            request.write(body);
        }
        List<NodeHarness.RawResponse> answers = node.raw(request.toByteArray(), 5);
        assertThat(answers).hasSize(5);
        for (NodeHarness.RawResponse answer : answers) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(Envelopes.returnFields(answer.body()).get("requestStatus"))
                .isEqualTo("ERR_TASK_DOES_NOT_EXIST");
        }
    }

    @Test
    void garbageAndEmptyBodiesAreClientFaults() throws Exception {
        assertFault(send("not xml at all".getBytes(StandardCharsets.UTF_8), "text/xml"),
            "Client");
        assertFault(send(new byte[0], "text/xml"), "Client");
    }
}
