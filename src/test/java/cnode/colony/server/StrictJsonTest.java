package cnode.colony.server;

import static cnode.colony.server.ColonyEdgeTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.OptionalField;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies through the real edge, into a test endpoint with a typed record: what the
 * strict JSON rules accept, every way they refuse (each {@code 400 MALFORMED_JSON} with a
 * sentence naming the problem), size and media-type refusals, and how an endpoint's own
 * refusal, exception and late answer come out. The test endpoint counts its calls, so a
 * refused body is shown never to reach it.
 */
class StrictJsonTest {
    /** The test endpoint's request: a required string, long and list, one optional number. */
    record Transfer(String user, long billons, List<Item> items, @OptionalField Long cap) {}

    record Item(String id, boolean spent) {}

    record Echo(String user, long billons, int items, String cap) {}

    static final AtomicInteger CALLS = new AtomicInteger();

    /** Echoes the request; refuses user "nobody" by name; throws for user "crash". */
    static final class TransferEndpoint implements Endpoint<Transfer, Echo> {
        @Override
        public Class<Transfer> requestType() {
            return Transfer.class;
        }

        @Override
        public CompletionStage<Outcome<Echo>> handle(Transfer request, Call call) {
            CALLS.incrementAndGet();
            if (request.user().equals("nobody")) {
                return Endpoint.refuse(new Refusal(404, "UNKNOWN_USER", "No such user."));
            }
            if (request.user().equals("crash")) {
                throw new IllegalStateException("secret detail");
            }
            if (request.user().equals("late")) {
                return CompletableFuture.supplyAsync(() -> Outcome.ok(new Echo("late", 0, 0, "")),
                    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
            }
            return Endpoint.reply(new Echo(request.user(), request.billons(),
                request.items().size(), String.valueOf(request.cap())));
        }
    }

    @TempDir
    static Path data;
    private static ColonyHarness colony;

    @BeforeAll
    static void start() throws Exception {
        colony = ColonyHarness.start(data, List.of(
            Route.post("/v1/test/transfer", Access.PUBLIC, new TransferEndpoint())),
            "--body-bytes-max", "4096", "--json-depth-max", "8");
    }

    @AfterAll
    static void stop() {
        colony.close();
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return colony.postJson("/v1/test/transfer", json);
    }

    @Test
    void aWellFormedBodyReachesTheEndpointTyped() throws Exception {
        HttpResponse<String> answer = post("{\"user\":\"alice\",\"billons\":12000,"
            + "\"items\":[{\"id\":\"a\",\"spent\":false}],\"cap\":7}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
            .isEqualTo("{\"user\":\"alice\",\"billons\":12000,\"items\":1,\"cap\":\"7\"}");
        HttpResponse<String> noCap = post(" {\"items\":[],\"billons\":-9223372036854775808,"
            + "\"user\":\"bob\"} \n");
        assertThat(noCap.statusCode()).isEqualTo(200);
        assertThat(noCap.body()).contains("\"cap\":\"null\"");
        HttpResponse<String> nullCap = post("{\"user\":\"c\",\"billons\":1,\"items\":[],"
            + "\"cap\":null}");
        assertThat(nullCap.statusCode()).isEqualTo(200);
    }

    @Test
    void malformedBodiesAreRefusedByNameAndNeverReachTheEndpoint() throws Exception {
        String ok = "\"items\":[]";
        Object[][] cases = {
            {"", "empty"},
            {"null", "null"},
            {"[]", "a JSON object is expected"},
            {"\"text\"", "a JSON object is expected"},
            {"{\"user\":\"a\",\"billons\":1," + ok + "", "not valid JSON"},
            {"{\"user\":\"a\",\"billons\":1," + ok + "} {}", "content after"},
            {"{\"user\":\"a\",\"billons\":1," + ok + "} x", "not valid JSON"},
            {"{\"user\":\"a\",\"user\":\"b\",\"billons\":1," + ok + "}", "Duplicate field"},
            {"{\"user\":\"a\",\"billons\":1," + ok + ",\"extra\":1}", "unknown field \"extra\""},
            {"{\"billons\":1," + ok + "}", "field \"user\" is missing"},
            {"{\"user\":\"a\"," + ok + "}", "field \"billons\" is missing"},
            {"{\"user\":\"a\",\"billons\":1}", "field \"items\" is missing"},
            {"{\"user\":null,\"billons\":1," + ok + "}", "\"user\" must not be null"},
            {"{\"user\":\"a\",\"billons\":null," + ok + "}", "\"billons\" must not be null"},
            {"{\"user\":\"a\",\"billons\":\"5\"," + ok + "}", "\"billons\" must be a whole"},
            {"{\"user\":\"a\",\"billons\":5.0," + ok + "}", "\"billons\" must be a whole"},
            {"{\"user\":\"a\",\"billons\":5e3," + ok + "}", "\"billons\" must be a whole"},
            {"{\"user\":\"a\",\"billons\":true," + ok + "}", "\"billons\" must be a whole"},
            {"{\"user\":5,\"billons\":1," + ok + "}", "\"user\" must be a string"},
            {"{\"user\":{},\"billons\":1," + ok + "}", "\"user\" must be a string"},
            {"{\"user\":\"a\",\"billons\":9223372036854775808," + ok + "}", "64-bit range"},
            {"{\"user\":\"a\",\"billons\":-9223372036854775809," + ok + "}", "64-bit range"},
            {"{\"user\":\"a\",\"billons\":123456789012345678901234," + ok + "}", "limit"},
            {"{\"user\":\"a\",\"billons\":05," + ok + "}", "not valid JSON"},
            {"{\"user\":\"a\",\"billons\":NaN," + ok + "}", "not valid JSON"},
            {"{'user':\"a\",\"billons\":1," + ok + "}", "not valid JSON"},
            {"{\"user\":\"a\",/*c*/\"billons\":1," + ok + "}", "not valid JSON"},
            {"{\"user\":\"a\",\"billons\":1," + ok + ",}", "not valid JSON"},
            {"{\"user\":\"a\",\"billons\":1,\"items\":[{\"id\":\"x\",\"spent\":1}]}",
                "\"items[0].spent\" must be true or false"},
            {"{\"user\":\"a\",\"billons\":1,\"items\":[null]}", "must not be null"},
            {"{\"user\":\"a\",\"billons\":1,\"items\":[{\"id\":\"x\"}]}",
                "\"items[0].spent\" is missing"},
            {"{\"user\":\"a\",\"billons\":1,\"items\":{}}", "\"items\" must be an array"},
            {"{\"user\":\"a\",\"billons\":1,\"items\":[[[[[[[[[[1]]]]]]]]]]}",
                "\"items[0]\" must be an object"},
            {"{\"user\":\"a\",\"billons\":1," + ok + ",\"cap\":\"7\"}", "\"cap\" must be a"},
        };
        int before = CALLS.get();
        for (Object[] c : cases) {
            String message = refusal(post((String) c[0]), 400, "MALFORMED_JSON");
            assertThat(message).as((String) c[0]).contains((String) c[1])
                .doesNotContain("cnode.").doesNotContain("StrictJsonTest");
        }
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void bytesThatAreNotUtf8OrStartWithAMarkAreRefused() throws Exception {
        byte[] latin1 = "{\"user\":\"\u00e9\",\"billons\":1,\"items\":[]}"
            .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refusal(colony.send("POST", "/v1/test/transfer", latin1, "Content-Type",
            "application/json"), 400, "MALFORMED_JSON")).contains("UTF-8");
        byte[] bom = "\uFEFF{\"user\":\"a\",\"billons\":1,\"items\":[]}"
            .getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(colony.send("POST", "/v1/test/transfer", bom, "Content-Type",
            "application/json"), 400, "MALFORMED_JSON")).contains("byte-order mark");
        byte[] utf16 = "{\"user\":\"a\",\"billons\":1,\"items\":[]}"
            .getBytes(StandardCharsets.UTF_16);
        refusal(colony.send("POST", "/v1/test/transfer", utf16, "Content-Type",
            "application/json"), 400, "MALFORMED_JSON");
    }

    @Test
    void onlyJsonInUtf8IsAccepted() throws Exception {
        byte[] body = "{\"user\":\"a\",\"billons\":1,\"items\":[]}"
            .getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=iso-8859-1", "application/jsonx")) {
            refusal(colony.send("POST", "/v1/test/transfer", body, "Content-Type", type), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        }
        refusal(colony.send("POST", "/v1/test/transfer", body), 415, "UNSUPPORTED_MEDIA_TYPE");
        for (String type : List.of("application/json", "Application/JSON; charset=UTF-8",
            "application/json;charset=\"utf-8\"")) {
            assertThat(colony.send("POST", "/v1/test/transfer", body, "Content-Type", type)
                .statusCode()).as(type).isEqualTo(200);
        }
    }

    @Test
    void aBodyOverTheLimitIs413DeclaredOrChunked() throws Exception {
        String big = "{\"user\":\"" + "a".repeat(5_000) + "\",\"billons\":1,\"items\":[]}";
        assertThat(refusal(post(big), 413, "BODY_TOO_LARGE")).contains("4096");
        String head = "POST /v1/test/transfer HTTP/1.1\r\nHost: x\r\nContent-Type: "
            + "application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        String chunk = Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n";
        ColonyHarness.RawResponse chunked =
            colony.raw((head + chunk).getBytes(StandardCharsets.US_ASCII));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.body()).contains("\"error\":\"BODY_TOO_LARGE\"");
        String fits = "{\"user\":\"" + "a".repeat(4_000) + "\",\"billons\":1,\"items\":[]}";
        assertThat(post(fits).statusCode()).isEqualTo(200);
    }

    @Test
    void anEndpointsRefusalFailureAndLateAnswerComeOutAsDocumented() throws Exception {
        String message = refusal(post("{\"user\":\"nobody\",\"billons\":1,\"items\":[]}"), 404,
            "UNKNOWN_USER");
        assertThat(message).isEqualTo("No such user.");
        String internal = refusal(post("{\"user\":\"crash\",\"billons\":1,\"items\":[]}"), 500,
            "INTERNAL_ERROR");
        assertThat(internal).doesNotContain("secret").contains("POST /v1/test/transfer");
        HttpResponse<String> late = post("{\"user\":\"late\",\"billons\":1,\"items\":[]}");
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("\"user\":\"late\"");
    }

    @Test
    void aRouteWithAPostOnlyAnswers405ToGet() throws Exception {
        HttpResponse<String> get = colony.get("/v1/test/transfer");
        refusal(get, 405, "METHOD_NOT_ALLOWED");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }
}
