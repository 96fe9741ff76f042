package cnode;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.stdx.ManualClock;
import cnode.store.PostgresTestDatabase;
import cnode.task.NewTask;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The whole node on PostgreSQL ({@code --db}), over a real socket: tasks created and stepped
 * through the engine are read back with getTaskStatus and listTasks; after a restart with
 * another, empty data folder, the same database still answers for them and the unfinished one
 * waits for its flow. Nothing of the store goes to the data folder. Time is a manual clock.
 */
class PostgresNodeTest {
    private static final long START_MS = 1_800_000_000_000L;
    private static PostgresTestDatabase database;

    @TempDir
    Path data;
    private final ManualClock clock = new ManualClock(START_MS);

    @BeforeEach
    void createDatabase() {
        if (database == null) {
            database = PostgresTestDatabase.create("node");
        }
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    private NodeHarness start(Path folder) throws Exception {
        return NodeHarness.start(folder, clock, "--db", database.url(), "--task-ttl", "1h");
    }

    private static Map<String, String> call(NodeHarness node, String operation, String params)
        throws Exception {
        HttpResponse<String> response = node.post(Envelopes.call(operation, params));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Envelopes.returnFields(response.body());
    }

    private static Map<String, String> status(NodeHarness node, String taskId) throws Exception {
        return call(node, "getTaskStatus", "<taskId>" + taskId + "</taskId>");
    }

    private static List<String> listed(NodeHarness node) throws Exception {
        String xml = node.post(Envelopes.call("listTasks", "<pageSize>10</pageSize>")).body();
        NodeList items = ((Element) Envelopes.returnElement(xml).getElementsByTagName("tasks")
            .item(0)).getElementsByTagName("item");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            ids.add(((Element) items.item(i)).getElementsByTagName("taskId").item(0)
                .getTextContent());
        }
        return ids;
    }

    @Test
    void tasksLiveInPostgresAcrossARestartWithAnotherDataFolder() throws Exception {
        Task running;
        Task done;
        try (NodeHarness node = start(data.resolve("first"))) {
            TaskEngine engine = node.engine();
            running = engine.create(new NewTask(TaskType.GIVE_MONEY, "pg-1", "fp", "{}", null,
                false), clock.nowMs()).task();
            engine.advance(running.id(), TaskStatus.TRANSFERRING, 40, null, clock.nowMs());
            clock.advanceMs(1);
            done = engine.create(NewTask.of(TaskType.LOGIN), clock.nowMs()).task();
            engine.advance(done.id(), TaskStatus.FINISHED_OK, 100, "{\"user\":\"Zoë\"}",
                clock.nowMs());

            assertThat(status(node, running.id())).containsEntry("status", "TRANSFERRING")
                .containsEntry("progressPercent", "40").containsEntry("requestStatus", "SUCCESS");
            assertThat(status(node, done.id())).containsEntry("status", "FINISHED_OK")
                .containsEntry("type", "LOGIN");
            assertThat(listed(node)).containsExactly(running.id(), done.id());
        }
        try (NodeHarness node = start(data.resolve("second"))) {
            assertThat(status(node, running.id())).containsEntry("status", "WAITING_FOR_RESTART")
                .containsEntry("progressPercent", "40");
            assertThat(status(node, done.id()).get("additionalInfo")).contains("Zoë");
            assertThat(call(node, "getTaskStatus", "<taskId></taskId>"
                + "<uniqueTransferId>pg-1</uniqueTransferId>"))
                .containsEntry("taskId", running.id()).containsEntry("requestStatus", "SUCCESS");
            assertThat(listed(node)).containsExactly(running.id(), done.id());
        }
        try (var files = Files.walk(data)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                .noneMatch(name -> name.startsWith("node.db"));
        }
    }
}
