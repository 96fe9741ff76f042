package cnode.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generator's SOAP calls to a merchant node, as any client sends them over HTTP on
 * loopback: {@code requestPaymentInitiation} (one payer, one amount, its own
 * uniqueTransferId) and {@code waitForTask}. Answers are read with three small patterns, not a
 * parser, so the generator costs little of the CPU it measures. Thread-safe as the JDK client
 * is; holds no state of its own.
 */
final class MerchantSoap {
    /** The longest wait one waitForTask asks for (the node allows 25 s). */
    static final int WAIT_SECONDS = 20;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(WAIT_SECONDS + 10);
    private static final Pattern REQUEST_STATUS = field("requestStatus");
    private static final Pattern TASK_ID = field("taskId");
    private static final Pattern STATUS = field("status");
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:ns=\"ns1\"><SOAP-ENV:Body>";
    private static final String TAIL = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";

    private final HttpClient http;

    MerchantSoap(HttpClient http) {
        this.http = http;
    }

    /**
     * One answer: the request status ({@code SUCCESS} or an error code), the task id and the
     * task's status (empty when the answer has none).
     */
    record Answer(String requestStatus, String taskId, String status) {
        boolean succeeded() {
            return requestStatus.equals("SUCCESS");
        }

        boolean finished() {
            return status.startsWith("FINISHED");
        }
    }

    /** Asks {@code payer} to pay {@code billons} PLN to the merchant on {@code port}. */
    Answer requestPayment(int port, String payer, long billons, String uniqueTransferId)
        throws IOException, InterruptedException {
        return call(port, "<ns:requestPaymentInitiation><type>NORMAL</type><amount><amount>"
            + billons + "</amount><currency>PLN</currency><colour>0</colour></amount>"
            + "<requestData><username>" + payer + "</username><uniqueTransferId>"
            + uniqueTransferId + "</uniqueTransferId><title>bench</title></requestData>"
            + "</ns:requestPaymentInitiation>");
    }

    /** Waits until the task's status is no longer {@code lastStatus}, or the wait ends. */
    Answer waitForTask(int port, String taskId, String lastStatus)
        throws IOException, InterruptedException {
        return call(port, "<ns:waitForTask><taskId>" + taskId + "</taskId><lastStatus>"
            + lastStatus + "</lastStatus><timeoutSeconds>" + WAIT_SECONDS
            + "</timeoutSeconds></ns:waitForTask>");
    }

    private Answer call(int port, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/")).timeout(CALL_TIMEOUT)
            .header("Content-Type", "text/xml; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(HEAD + body + TAIL,
                StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request,
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            return new Answer("HTTP_" + response.statusCode(), "", "");
        }
        String text = response.body();
        return new Answer(first(REQUEST_STATUS, text), first(TASK_ID, text),
            first(STATUS, text));
    }

    private static Pattern field(String name) {
        return Pattern.compile("<(?:[A-Za-z0-9_.-]+:)?" + name + "\\b[^>]*>([^<]*)<");
    }

    private static String first(Pattern pattern, String text) {
        Matcher found = pattern.matcher(text);
        return found.find() ? found.group(1).strip() : "";
    }
}
