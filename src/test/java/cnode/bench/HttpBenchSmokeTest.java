package cnode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.Node;
import cnode.cli.NodeConfig;
import cnode.http.HttpServer;
import cnode.stdx.Clock;
import cnode.store.SqliteTaskStore;
import cnode.task.Task;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the pieces of {@code scripts/bench-http.sh} from rotting, at a tiny size: the loader
 * fills a data folder through the engine, a real node started on it answers getTaskStatus for a
 * sampled id with a finished task (the request is the script's own template), and the bare
 * Jetty baseline answers any POST with the captured bytes. The figures come from the script,
 * run by hand.
 */
final class HttpBenchSmokeTest {
    private static final Path TEMPLATE = Path.of("scripts/bench/get-task-status.xml");
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void loaderFinishesEveryTaskThroughTheEngine(@TempDir Path dir) throws Exception {
        Path ids = dir.resolve("ids.txt");

        TaskLoader.Result result = TaskLoader.load(dir, 200, ids);

        assertThat(result.tasks()).isEqualTo(200);
        assertThat(Files.readAllLines(ids)).hasSize(200).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(result.sampledIds());
        try (SqliteTaskStore store = new SqliteTaskStore(dir.resolve("node.db"), 16, 16)) {
            for (String id : result.sampledIds()) {
                Optional<Task> task = store.find(id);
                assertThat(task).as(id).isPresent();
                assertThat(task.get().status().terminal()).as(id).isTrue();
            }
            assertThat(store.unfinished()).isEmpty();
        }
    }

    @Test
    void nodeAnswersASampledIdAndTheBaselineRepeatsTheAnswer(@TempDir Path dir)
        throws Exception {
        Path ids = dir.resolve("ids.txt");
        String id = TaskLoader.load(dir, 40, ids).sampledIds().getFirst();
        String request = Files.readString(TEMPLATE).replace("TASKID", id);
        byte[] answer;
        try (Node node = Node.start(NodeConfig.parse(List.of("--soap-port", "0", "--data",
            dir.toString(), "--task-ttl", "3650d")), Clock.SYSTEM)) {
            HttpResponse<byte[]> reply = post(node.soapPort(), request);
            assertThat(reply.statusCode()).isEqualTo(200);
            answer = reply.body();
        }
        String text = new String(answer, StandardCharsets.UTF_8);
        assertThat(text).contains(">" + id + "</taskId>")
            .containsPattern("<requestStatus[^>]*>SUCCESS</requestStatus>")
            .containsPattern("<status[^>]*>FINISHED_[A-Z_]+</status>");

        HttpServer bare = BareJetty.start(0, answer);
        try {
            HttpResponse<byte[]> reply = post(bare.port(), request);
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Type"))
                .hasValue("text/xml; charset=utf-8");
            assertThat(reply.body()).isEqualTo(answer);
        } finally {
            bare.close();
        }
    }

    private static HttpResponse<byte[]> post(int port, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "text/xml; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
