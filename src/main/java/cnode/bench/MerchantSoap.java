package cnode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The generator's SOAP calls to merchant nodes, as any client sends them over HTTP on
 * loopback: {@code requestPaymentInitiation} (one payer, one amount, its own
 * uniqueTransferId) and {@code waitForTask}. The bench counts the generator's CPU, so this is
 * cheap on purpose: one keep-alive connection per merchant port ({@link KeepAliveHttp}), the
 * envelope's fixed parts encoded once, and the answer's three fields found by {@link #field}
 * with a plain scan, not a parser or patterns.
 *
 * <p>Not thread-safe: each generator thread owns one, holding at most {@link #PORTS_MAX}
 * connections, and closes it when its load ends.
 */
final class MerchantSoap implements AutoCloseable {
    /** The longest wait one waitForTask asks for (the node allows 25 s). */
    static final int WAIT_SECONDS = 20;
    /** Merchant ports one generator thread may talk to. */
    static final int PORTS_MAX = 64;
    private static final int REQUEST_BYTES_MAX = 64 * 1_024;
    private static final byte[] HEAD = ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:ns=\"ns1\"><SOAP-ENV:Body>");
    private static final byte[] PAY_AMOUNT = ascii("<ns:requestPaymentInitiation>"
        + "<type>NORMAL</type><amount><amount>");
    private static final byte[] PAY_PAYER = ascii("</amount><currency>PLN</currency>"
        + "<colour>0</colour></amount><requestData><username>");
    private static final byte[] PAY_TRANSFER = ascii("</username><uniqueTransferId>");
    private static final byte[] PAY_END = ascii("</uniqueTransferId><title>bench</title>"
        + "</requestData></ns:requestPaymentInitiation>");
    private static final byte[] WAIT_TASK = ascii("<ns:waitForTask><taskId>");
    private static final byte[] WAIT_LAST = ascii("</taskId><lastStatus>");
    private static final byte[] WAIT_END = ascii("</lastStatus><timeoutSeconds>"
        + WAIT_SECONDS + "</timeoutSeconds></ns:waitForTask>");
    private static final byte[] TAIL = ascii("</SOAP-ENV:Body></SOAP-ENV:Envelope>");

    private final KeepAliveHttp.Limits limits;
    private final Map<Integer, KeepAliveHttp> connections = new HashMap<>();
    private byte[] body = new byte[1_024];
    private int length;

    /** With the generator's limits ({@link KeepAliveHttp.Limits#defaults}). */
    MerchantSoap() {
        this(KeepAliveHttp.Limits.defaults());
    }

    MerchantSoap(KeepAliveHttp.Limits limits) {
        this.limits = limits;
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
        length = 0;
        add(HEAD).add(PAY_AMOUNT).add(Long.toString(billons)).add(PAY_PAYER).add(payer)
            .add(PAY_TRANSFER).add(uniqueTransferId).add(PAY_END).add(TAIL);
        return call(port);
    }

    /** Waits until the task's status is no longer {@code lastStatus}, or the wait ends. */
    Answer waitForTask(int port, String taskId, String lastStatus)
        throws IOException, InterruptedException {
        length = 0;
        add(HEAD).add(WAIT_TASK).add(taskId).add(WAIT_LAST).add(lastStatus).add(WAIT_END)
            .add(TAIL);
        return call(port);
    }

    /** Connections opened so far, over all ports: one per port while keep-alive holds. */
    int connects() {
        int sum = 0;
        for (KeepAliveHttp connection : connections.values()) {
            sum += connection.connects();
        }
        return sum;
    }

    /** Closes every connection; a later call would open new ones. */
    @Override
    public void close() {
        connections.values().forEach(KeepAliveHttp::close);
        connections.clear();
    }

    private Answer call(int port) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("the generator is stopping");
        }
        KeepAliveHttp connection = connections.get(port);
        if (connection == null) {
            if (connections.size() >= PORTS_MAX) {
                throw new IllegalStateException("more than " + PORTS_MAX
                    + " merchant ports for one generator thread");
            }
            connection = new KeepAliveHttp(port, limits);
            connections.put(port, connection);
        }
        KeepAliveHttp.Answer answer = connection.post(body, length);
        if (answer.status() != 200) {
            return new Answer("HTTP_" + answer.status(), "", "");
        }
        // ISO-8859-1 maps each byte to one char, so the text's indexes are the body's.
        byte[] bytes = answer.body();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return new Answer(field(text, bytes, "requestStatus"), field(text, bytes, "taskId"),
            field(text, bytes, "status"));
    }

    /**
     * The text of the first element named {@code name} (with or without a namespace prefix,
     * attributes allowed), stripped and decoded as UTF-8; empty when there is none or it is
     * empty. {@code text} is {@code bytes} read as ISO-8859-1. The node writes these leaves
     * unqualified and untyped, with no markup inside (SoapWriter).
     */
    static String field(String text, byte[] bytes, String name) {
        int from = 0;
        while (true) {
            int at = text.indexOf(name, from);
            if (at < 0) {
                return "";
            }
            from = at + name.length();
            if (!opensElement(text, at) || from >= text.length()) {
                continue;
            }
            char next = text.charAt(from);
            int close = next == '>' ? from
                : next == ' ' || next == '\t' || next == '\r' || next == '\n'
                ? text.indexOf('>', from) : -1;
            if (close < 0) {
                continue;
            }
            if (text.charAt(close - 1) == '/') {
                return "";
            }
            int end = text.indexOf('<', close + 1);
            return end < 0 ? "" : new String(bytes, close + 1, end - close - 1,
                StandardCharsets.UTF_8).strip();
        }
    }

    /** Whether the name at {@code at} follows {@code <} or {@code <prefix:}. */
    private static boolean opensElement(String text, int at) {
        if (at == 0) {
            return false;
        }
        char before = text.charAt(at - 1);
        if (before == '<') {
            return true;
        }
        if (before != ':') {
            return false;
        }
        int i = at - 2;
        while (i >= 0 && prefixChar(text.charAt(i))) {
            i--;
        }
        return i >= 0 && i < at - 2 && text.charAt(i) == '<';
    }

    private static boolean prefixChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || c == '_' || c == '.' || c == '-';
    }

    private MerchantSoap add(byte[] part) {
        reserve(part.length);
        System.arraycopy(part, 0, body, length, part.length);
        length += part.length;
        return this;
    }

    /** Appends {@code value} as UTF-8; ids and names are ASCII, which takes the short way. */
    private MerchantSoap add(String value) {
        int n = value.length();
        reserve(n);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return add(value.getBytes(StandardCharsets.UTF_8));
            }
            body[length + i] = (byte) c;
        }
        length += n;
        return this;
    }

    private void reserve(int more) {
        if (length + more > REQUEST_BYTES_MAX) {
            throw new IllegalArgumentException("a request body over " + REQUEST_BYTES_MAX
                + " bytes");
        }
        if (body.length - length < more) {
            body = Arrays.copyOf(body, Math.max(length + more, body.length * 2));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
