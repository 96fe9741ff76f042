package cnode.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.bench.ScriptedHttpServer.Reply;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generator's HTTP client against a server whose every answer byte the test writes
 * ({@link ScriptedHttpServer}): the request it sends, keep-alive across calls, the three ways
 * an answer's body ends, reconnecting after a close or a failure, and its bounds failing as
 * I/O errors, not as a run out of memory.
 */
final class KeepAliveHttpTest {
    private ScriptedHttpServer server;
    private KeepAliveHttp http;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedHttpServer();
        http = new KeepAliveHttp(server.port(), KeepAliveHttp.Limits.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.close();
    }

    private String post(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        KeepAliveHttp.Answer answer = http.post(bytes, bytes.length);
        assertThat(answer.status()).isEqualTo(200);
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void callsShareOneConnectionAndSendAPlainPost() throws IOException {
        server.then(Reply.ok("one"), Reply.ok("two"), Reply.ok("zażółć"));

        assertThat(post("hello")).isEqualTo("one");
        assertThat(post("<a/>")).isEqualTo("two");
        assertThat(post("ü")).isEqualTo("zażółć");

        assertThat(server.accepted()).isEqualTo(1);
        assertThat(http.connects()).isEqualTo(1);
        assertThat(server.requests().getFirst()).isEqualTo("POST / HTTP/1.1\r\n"
            + "Host: 127.0.0.1:" + server.port() + "\r\n"
            + "Content-Type: text/xml; charset=utf-8\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(server.requests().get(2)).endsWith("Content-Length: 2\r\n\r\nü");
    }

    @Test
    void aChunkedAnswerIsReadWholeAndKeepsTheConnection() throws IOException {
        server.then(Reply.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n<abc>\r\n3;name=value\r\ndef\r\n0\r\nX-Trailer: yes\r\n\r\n"),
            Reply.ok("after"));

        assertThat(post("a")).isEqualTo("<abc>def");
        assertThat(post("b")).isEqualTo("after");

        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void connectionCloseMakesTheNextCallReconnect() throws IOException {
        server.then(Reply.closing("HTTP/1.1 200 OK\r\nConnection: close\r\n"
            + "Content-Length: 4\r\n\r\nlast"), Reply.ok("fresh"));

        assertThat(post("a")).isEqualTo("last");
        assertThat(post("b")).isEqualTo("fresh");

        assertThat(server.accepted()).isEqualTo(2);
        assertThat(http.connects()).isEqualTo(2);
    }

    @Test
    void anAnswerWithoutLengthEndsWithTheConnection() throws IOException {
        server.then(Reply.closing("HTTP/1.0 200 OK\r\n\r\nto the end"), Reply.ok("next"));

        assertThat(post("a")).isEqualTo("to the end");
        assertThat(post("b")).isEqualTo("next");

        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void aConnectionIdleLongerThanItsBoundIsReplaced() throws Exception {
        http.close();
        http = new KeepAliveHttp(server.port(), new KeepAliveHttp.Limits(5_000, 5_000,
            16 * 1_024, 1_024 * 1_024, 1));
        server.then(Reply.ok("first"), Reply.ok("second"));

        assertThat(post("a")).isEqualTo("first");
        long idleFromNs = System.nanoTime();
        while (System.nanoTime() - idleFromNs < 5_000_000L) {
            Thread.sleep(1); // the bound under test is idle time itself
        }
        assertThat(post("b")).isEqualTo("second");

        assertThat(http.connects()).isEqualTo(2);
    }

    @Test
    void anErrorStatusIsAnAnswer() throws IOException {
        server.then(Reply.of("HTTP/1.1 500 Server Error\r\nContent-Length: 5\r\n\r\nfault"));
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);

        KeepAliveHttp.Answer answer = http.post(body, body.length);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("fault");
    }

    @Test
    void aHeaderSectionOverItsBoundFailsAndTheNextCallReconnects() throws IOException {
        server.then(Reply.of("HTTP/1.1 200 OK\r\nX-Padding: " + "p".repeat(20_000)
            + "\r\nContent-Length: 1\r\n\r\nx"), Reply.ok("fine"));

        assertThatThrownBy(() -> post("a")).isInstanceOf(IOException.class)
            .hasMessageContaining("header section larger than 16384");
        assertThat(post("b")).isEqualTo("fine");

        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void aDeclaredBodyOverItsBoundFailsBeforeAnythingIsRead() {
        server.then(Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 4000000000\r\n\r\n"));

        assertThatThrownBy(() -> post("a")).isInstanceOf(IOException.class)
            .hasMessageContaining("larger than 1048576");
    }

    @Test
    void aChunkedBodyOverItsBoundFails() {
        String chunk = "ffff\r\n" + "c".repeat(0xffff) + "\r\n";
        server.then(Reply.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunk.repeat(17) + "0\r\n\r\n"));

        assertThatThrownBy(() -> post("a")).isInstanceOf(IOException.class)
            .hasMessageContaining("larger than 1048576");
    }

    @Test
    void aConnectionClosedWithoutAnAnswerFailsAndTheNextCallReconnects() throws IOException {
        server.then(Reply.closing(""), Reply.closing("HTTP/1.1 200 OK\r\nContent-Length: 3"),
            Reply.ok("ok"));

        assertThatThrownBy(() -> post("a")).isInstanceOf(IOException.class)
            .hasMessageContaining("before an answer's headers ended");
        assertThatThrownBy(() -> post("b")).isInstanceOf(IOException.class);
        assertThat(post("c")).isEqualTo("ok");

        assertThat(server.accepted()).isEqualTo(3);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        http.close();
        http = new KeepAliveHttp(server.port(), new KeepAliveHttp.Limits(5_000, 300,
            16 * 1_024, 1_024 * 1_024, 10_000));
        server.then(Reply.of(""));

        long startNs = System.nanoTime();
        assertThatThrownBy(() -> post("a")).isInstanceOf(SocketTimeoutException.class);

        assertThat(System.nanoTime() - startNs).isGreaterThanOrEqualTo(300_000_000L)
            .isLessThan(5_000_000_000L);
    }

    @Test
    void aMalformedStatusLineIsAnIoError() {
        server.then(Reply.of("SMTP ready\r\n\r\n"));

        assertThatThrownBy(() -> post("a")).isInstanceOf(IOException.class)
            .hasMessageContaining("not an HTTP/1.x status line");
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new KeepAliveHttp.Limits(0, 1, 1_024, 1, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeepAliveHttp(0, KeepAliveHttp.Limits.defaults()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
