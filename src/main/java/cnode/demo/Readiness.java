package cnode.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waits until the sandbox's nodes say {@code VUI_READY} in {@code hello}, asked over SOAP on
 * their own ports as any client would, so the banner appears when the sandbox can be used.
 * Bounded: each call by {@link #CALL_TIMEOUT}, the whole wait by the caller's limit. Used by
 * one thread; owns a JDK HTTP client for the duration of {@link #await}.
 */
public final class Readiness {
    /** The state a usable node reports. */
    public static final String READY = "VUI_READY";

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final long POLL_PAUSE_MS = 100;
    private static final Pattern STATUS =
        Pattern.compile("<(?:[A-Za-z0-9_.-]+:)?status\\b[^>]*>([A-Za-z_]*)<");
    private static final String HELLO = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:ns=\"ns1\"><SOAP-ENV:Body><ns:hello/></SOAP-ENV:Body></SOAP-ENV:Envelope>";

    private Readiness() {}

    /**
     * Asks each node ({@code name -> SOAP port} on loopback) until all are ready or
     * {@code limitMs} has passed; returns the last state each reported ({@code "no answer"}
     * when it never answered), in the map's order.
     */
    public static Map<String, String> await(Map<String, Integer> soapPorts, long limitMs)
        throws InterruptedException {
        Map<String, String> states = new LinkedHashMap<>();
        soapPorts.keySet().forEach(name -> states.put(name, "no answer"));
        long deadlineNs = System.nanoTime() + limitMs * 1_000_000;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT)
                 .version(HttpClient.Version.HTTP_1_1).build()) {
            while (true) {
                for (Map.Entry<String, Integer> node : soapPorts.entrySet()) {
                    if (!states.get(node.getKey()).equals(READY)) {
                        states.put(node.getKey(), hello(http, node.getValue()));
                    }
                }
                if (states.values().stream().allMatch(READY::equals)
                    || System.nanoTime() > deadlineNs) {
                    return states;
                }
                Thread.sleep(POLL_PAUSE_MS);
            }
        }
    }

    /** The node's state in {@code hello}, or {@code "no answer"}. */
    static String hello(HttpClient http, int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .timeout(CALL_TIMEOUT)
            .header("Content-Type", "text/xml; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(HELLO, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher status = STATUS.matcher(response.body());
            return response.statusCode() == 200 && status.find() ? status.group(1) : "no answer";
        } catch (IOException notYet) {
            return "no answer";
        }
    }
}
