package cnode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.NodeHarness;
import cnode.bench.ScriptedHttpServer.Reply;
import cnode.stdx.Clock;
import cnode.task.NewTask;
import cnode.task.Task;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's SOAP calls: against a real node (its answers, read by the plain scan, over
 * one kept connection), against a scripted server (an HTTP error and a chunked answer), and the
 * scan itself on the shapes an answer's elements may take.
 */
final class MerchantSoapTest {
    @Test
    void aRealNodesAnswersAreReadOverOneConnection(@TempDir Path data) throws Exception {
        try (NodeHarness node = NodeHarness.start(data, Clock.SYSTEM);
             MerchantSoap soap = new MerchantSoap()) {
            Task task = node.engine().create(NewTask.of(TaskType.GIVE_MONEY),
                System.currentTimeMillis()).task();

            MerchantSoap.Answer waiting = soap.waitForTask(node.port(), task.id(), "SEARCHING");
            node.engine().fail(task.id(), TaskStatus.FINISHED_ERR_CANCELLED, "Stopped.",
                System.currentTimeMillis());
            MerchantSoap.Answer ended = soap.waitForTask(node.port(), task.id(),
                "PREPARATION");
            MerchantSoap.Answer unknown = soap.waitForTask(node.port(), "noSuchTask1",
                "PREPARATION");
            MerchantSoap.Answer refused = soap.requestPayment(node.port(), "nobody", 1_000,
                "bench-test-1");

            assertThat(waiting).isEqualTo(new MerchantSoap.Answer("SUCCESS", task.id(),
                "PREPARATION"));
            assertThat(waiting.finished()).isFalse();
            assertThat(ended).isEqualTo(new MerchantSoap.Answer("SUCCESS", task.id(),
                "FINISHED_ERR_CANCELLED"));
            assertThat(ended.finished()).isTrue();
            assertThat(unknown.succeeded()).isFalse();
            assertThat(unknown.requestStatus()).startsWith("ERR_TASK_DOES_NOT_EXIST");
            assertThat(unknown.status()).isEmpty();
            assertThat(refused.succeeded()).isFalse();
            assertThat(refused.requestStatus()).matches("ERR_[A-Z_]+");
            assertThat(soap.connects()).isEqualTo(1);
        }
    }

    @Test
    void anHttpErrorIsAnAnswerAndAChunkedAnswerIsRead() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer();
             MerchantSoap soap = new MerchantSoap()) {
            String xml = "<ns1:waitForTaskResponse><return><status>FINISHED_OK</status>"
                + "<taskId>t-1</taskId><requestStatus>SUCCESS</requestStatus></return>"
                + "</ns1:waitForTaskResponse>";
            server.then(Reply.of("HTTP/1.1 500 Server Error\r\nContent-Length: 0\r\n\r\n"),
                Reply.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(xml.length()) + "\r\n" + xml + "\r\n0\r\n\r\n"));

            MerchantSoap.Answer failed = soap.requestPayment(server.port(), "payer", 1_000,
                "bench-test-2");
            MerchantSoap.Answer seen = soap.waitForTask(server.port(), "t-1", "TRANSFERRING");

            assertThat(failed).isEqualTo(new MerchantSoap.Answer("HTTP_500", "", ""));
            assertThat(seen).isEqualTo(new MerchantSoap.Answer("SUCCESS", "t-1",
                "FINISHED_OK"));
            assertThat(server.requests().getFirst()).contains("<amount>1000</amount>",
                "<username>payer</username>", "<uniqueTransferId>bench-test-2<");
            assertThat(server.requests().get(1)).contains("<taskId>t-1</taskId>",
                "<lastStatus>TRANSFERRING</lastStatus>", "<timeoutSeconds>20<");
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void theScanFindsElementsAsTheyMayBeWritten() {
        assertThat(field("<return><requestStatus>SUCCESS</requestStatus></return>",
            "requestStatus")).isEqualTo("SUCCESS");
        assertThat(field("<a:status>FINISHED_OK</a:status>", "status"))
            .isEqualTo("FINISHED_OK");
        assertThat(field("<status xsi:type=\"xsd:string\"> SEARCHING </status>", "status"))
            .isEqualTo("SEARCHING");
        assertThat(field("<requestStatus>SUCCESS</requestStatus><status>X</status>",
            "status")).isEqualTo("X");
        assertThat(field("<lastStatus>A</lastStatus><statusLine>B</statusLine>"
            + "<status>C</status>", "status")).isEqualTo("C");
        assertThat(field("<taskId>zażółć</taskId>", "taskId")).isEqualTo("zażółć");
        assertThat(field("<status/><taskId>1</taskId>", "status")).isEmpty();
        assertThat(field("<status></status>", "status")).isEmpty();
        assertThat(field("</status>status", "status")).isEmpty();
        assertThat(field("<status>unclosed", "status")).isEmpty();
        assertThat(field(":status>x<", "status")).isEmpty();
        assertThat(field("", "status")).isEmpty();
    }

    private static String field(String xml, String name) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        return MerchantSoap.field(new String(bytes, StandardCharsets.ISO_8859_1), bytes, name);
    }
}
