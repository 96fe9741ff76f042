package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.JsonLimits;
import cnode.colony.client.Outcome;
import cnode.colony.client.WireJson;
import cnode.http.HttpLimits;
import cnode.http.HttpServer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint whose answer never comes does not hold its caller forever: after the answer
 * timeout the edge says {@code 503 ANSWER_TIMEOUT}. The port is built by hand here with a short
 * timeout; the colony uses its idle timeout (30 s).
 */
class AnswerTimeoutTest {
    @TempDir
    Path data;

    /** Never answers. */
    static final class Silent implements Endpoint<NoBody, String> {
        @Override
        public Class<NoBody> requestType() {
            return NoBody.class;
        }

        @Override
        public CompletionStage<Outcome<String>> handle(NoBody request, Call call) {
            return new CompletableFuture<>();
        }
    }

    @Test
    void anEndpointThatNeverAnswersGets503() throws Exception {
        JsonMapper json = WireJson.strict(JsonLimits.defaults());
        AdminToken token = AdminToken.loadOrCreate(data.resolve("admin.token"),
            new SecureRandom());
        RouteTable routes = new RouteTable(List.of(
            Route.get("/v1/silent", Access.PUBLIC, new Silent())));
        ColonyHttpHandler handler = new ColonyHttpHandler(routes, token, json, 1_024, 300);
        try (HttpServer port = new HttpServer("127.0.0.1", 0, HttpLimits.defaults(1_024),
            handler, "colony-http", new JsonErrorHandler(json))) {
            port.start();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build();
            long startNs = System.nanoTime();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port.port() + "/v1/silent"))
                    .timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
            long tookMs = (System.nanoTime() - startNs) / 1_000_000;
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("\"error\":\"ANSWER_TIMEOUT\"");
            assertThat(tookMs).isGreaterThanOrEqualTo(300);
        }
    }
}
