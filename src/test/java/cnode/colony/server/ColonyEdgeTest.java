package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.money.Denominations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The colony's HTTP edge over real sockets with its built-in routes: health, currencies, the
 * admin token, unknown routes and methods, bodies and queries where none belong, and the
 * errors Jetty answers itself — every answer in the documented JSON shape.
 */
class ColonyEdgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    private static ColonyHarness colony;

    @BeforeAll
    static void start() throws Exception {
        colony = ColonyHarness.start(data);
    }

    @AfterAll
    static void stop() {
        colony.close();
    }

    /** Asserts the documented error shape and returns the message. */
    static String refusal(HttpResponse<String> response, int status, String error)
        throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("error", "message");
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).isNotBlank();
        return body.get("message").asText();
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = colony.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void currenciesListTheRatedOnesAndTheTwentyOneFaceValues() throws Exception {
        HttpResponse<String> answer = colony.get("/v1/currencies");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        List<String> codes = new ArrayList<>();
        body.get("currencies").forEach(c -> {
            codes.add(c.get("code").asText());
            assertThat(c.get("billonsPerUnit").asLong()).isEqualTo(1000);
        });
        assertThat(codes).containsExactly("PLN", "EUR", "GBP", "JPY", "USD");
        List<Long> faces = new ArrayList<>();
        body.get("faceValues").forEach(v -> faces.add(v.asLong()));
        assertThat(faces).hasSize(21).isEqualTo(Denominations.faceValues())
            .startsWith(1L, 2L, 5L, 10L).endsWith(5_000_000L);
    }

    @Test
    void unknownRoutesAreNotFound() throws Exception {
        for (String path : List.of("/", "/v1", "/v1/nothing", "/health/", "/v2/currencies",
            "/v1/admin/nothing")) {
            String message = refusal(colony.get(path), 404, "NOT_FOUND");
            assertThat(message).contains("No endpoint GET");
        }
        refusal(colony.send("POST", "/v1/admin/nothing", "{}".getBytes(StandardCharsets.UTF_8),
            "Content-Type", "application/json"), 404, "NOT_FOUND");
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllow() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "HEAD")) {
            HttpResponse<String> answer = colony.send(method, "/v1/currencies", null);
            assertThat(answer.statusCode()).as(method).isEqualTo(405);
            assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
            if (!method.equals("HEAD")) {
                refusal(answer, 405, "METHOD_NOT_ALLOWED");
            }
        }
    }

    @Test
    void adminPingNeedsTheRightToken() throws Exception {
        HttpResponse<String> none = colony.get("/v1/admin/ping");
        refusal(none, 401, "ADMIN_TOKEN_REQUIRED");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
            value -> assertThat(value).startsWith("Bearer"));
        refusal(colony.get("/v1/admin/ping", "Authorization", "Basic " + colony.token()), 401,
            "ADMIN_TOKEN_REQUIRED");
        refusal(colony.get("/v1/admin/ping", "Authorization", "Bearer"), 401,
            "ADMIN_TOKEN_REQUIRED");
        String token = colony.token();
        String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        for (String presented : List.of(wrong, token + "x", token.substring(1), "x")) {
            refusal(colony.get("/v1/admin/ping", "Authorization", "Bearer " + presented), 403,
                "ADMIN_TOKEN_INVALID");
        }
        HttpResponse<String> right =
            colony.get("/v1/admin/ping", "Authorization", "Bearer " + token);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("{\"status\":\"OK\"}");
        HttpResponse<String> lowerScheme =
            colony.get("/v1/admin/ping", "Authorization", "bearer " + token);
        assertThat(lowerScheme.statusCode()).isEqualTo(200);
    }

    @Test
    void twoAuthorizationHeadersAreRefused() throws Exception {
        String token = colony.token();
        String request = "GET /v1/admin/ping HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + token + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
        ColonyHarness.RawResponse answer =
            colony.raw(request.getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("\"error\":\"ADMIN_TOKEN_INVALID\"");
    }

    @Test
    void aBodyOnAGetAndAnUnknownQueryAreRefused() throws Exception {
        String request = "GET /health HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
        ColonyHarness.RawResponse answer =
            colony.raw(request.getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"error\":\"UNEXPECTED_BODY\"");
        String message = refusal(colony.get("/v1/currencies?all=1"), 400, "BAD_QUERY");
        assertThat(message).contains("'all'").contains("none");
        ColonyHarness.RawResponse escape = colony.raw(("GET /v1/currencies?%zz=1 HTTP/1.1\r\n"
            + "Host: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(escape.status()).isEqualTo(400);
        assertThat(escape.body()).contains("\"error\":\"BAD_QUERY\"");
    }

    @Test
    void adminRoutesCheckTheTokenBeforeTheQuery() throws Exception {
        refusal(colony.get("/v1/admin/ping?x=1"), 401, "ADMIN_TOKEN_REQUIRED");
        refusal(colony.get("/v1/admin/ping?x=1", "Authorization", "Bearer " + colony.token()),
            400, "BAD_QUERY");
    }

    @Test
    void errorsJettyAnswersItselfUseTheSameShape() throws Exception {
        ColonyHarness.RawResponse bad = colony.raw(
            "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\":\"BAD_REQUEST\"");
        String huge = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
            + "\r\nConnection: close\r\n\r\n";
        ColonyHarness.RawResponse tooBig = colony.raw(huge.getBytes(StandardCharsets.US_ASCII));
        assertThat(tooBig.status()).isEqualTo(431);
        assertThat(tooBig.body()).contains("\"error\":\"HEADERS_TOO_LARGE\"");
        refusal(colony.get("/v1//currencies"), 400, "BAD_REQUEST");
    }

    @Test
    void theServedRoutesBeginWithTheEdgesOwn() {
        assertThat(colony.colony().served()).extracting(r -> r.method() + " " + r.pattern())
            .startsWith("GET /health", "GET /v1/currencies", "GET /v1/admin/ping")
            .doesNotHaveDuplicates();
    }
}
