package cnode;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.stdx.ManualClock;
import cnode.task.NewTask;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * getTaskStatus, hello, listTasks and cancelTask against a real node over a real socket. Tasks
 * are created and stepped through the engine's own API (no operation starts tasks yet); every
 * status the client reads was committed by the engine. Time is a manual clock.
 */
class SoapOperationsTest {
    private static final long START_MS = 1_800_000_000_000L;

    @TempDir
    Path data;
    private final ManualClock clock = new ManualClock(START_MS);
    private NodeHarness node;

    @BeforeEach
    void start() throws Exception {
        node = NodeHarness.start(data, clock, "--task-ttl", "1h", "--task-deadline", "10m");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Map<String, String> call(String operation, String params) throws Exception {
        HttpResponse<String> response = node.post(Envelopes.call(operation, params));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(
            "text/xml; charset=utf-8");
        return Envelopes.returnFields(response.body());
    }

    private Map<String, String> status(String taskId, String transferId) throws Exception {
        return call("getTaskStatus", "<taskId>" + taskId + "</taskId><uniqueTransferId>"
            + transferId + "</uniqueTransferId>");
    }

    private Task create(TaskType type, String transferId) {
        TaskEngine.Created created = node.engine().create(
            new NewTask(type, transferId, "fp", "{}", null, false), clock.nowMs());
        assertThat(created.outcome()).isEqualTo(TaskEngine.Outcome.CREATED);
        return created.task();
    }

    @Test
    void seedRequestByteForByteAnswersTaskDoesNotExist() throws Exception {
        byte[] seed;
        try (InputStream in = getClass().getResourceAsStream(
            "/soap/seed-getTaskStatus-request.xml")) {
            seed = in.readAllBytes();
        }
        HttpResponse<String> response = node.post("/", seed, "text/xml; charset=utf-8");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Envelopes.returnElement(response.body())
            .getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type"))
            .isEqualTo("ns1:vuiSoapGetTaskStatusResponse");
        Map<String, String> fields = Envelopes.returnFields(response.body());
        assertThat(fields.get("requestStatus")).isEqualTo("ERR_TASK_DOES_NOT_EXIST");
        assertThat(fields.get("requestStatusDescription")).isNotBlank();
        assertThat(fields.keySet()).containsExactly("type", "progressPercent", "status",
            "additionalInfo", "taskId", "requestStatus", "requestStatusDescription");
    }

    @Test
    void getTaskStatusReportsWhatTheEngineCommitted() throws Exception {
        Task task = create(TaskType.GIVE_MONEY, "11-42225-49853-A");
        assertThat(task.id()).matches("[0-9A-Z]{26}");
        Map<String, String> fields = status(task.id(), "11-42225-49853-A");
        assertThat(fields).containsEntry("type", "GIVE_MONEY").containsEntry("status",
            "PREPARATION").containsEntry("progressPercent", "0").containsEntry("additionalInfo",
            "{}").containsEntry("taskId", task.id()).containsEntry("requestStatus", "SUCCESS")
            .containsEntry("requestStatusDescription", "Request succeeded.");

        TaskEngine engine = node.engine();
        engine.advance(task.id(), TaskStatus.SEARCHING, 0, null, clock.nowMs());
        engine.advance(task.id(), TaskStatus.TRANSFERRING, 40, "{\"coinCount\":3}",
            clock.nowMs());
        fields = status(task.id(), "");
        assertThat(fields).containsEntry("status", "TRANSFERRING")
            .containsEntry("progressPercent", "40")
            .containsEntry("additionalInfo", "{\"coinCount\":3}");

        engine.advance(task.id(), TaskStatus.FINISHED_OK, 100, null, clock.nowMs());
        assertThat(status("", "11-42225-49853-A")).containsEntry("taskId", task.id())
            .containsEntry("status", "FINISHED_OK").containsEntry("progressPercent", "100");
    }

    @Test
    void getTaskStatusLookupRulesInTheContractsOrder() throws Exception {
        Task task = create(TaskType.REQUEST_PAYMENT, "order-1");
        Task plain = create(TaskType.LOGIN, null);
        assertThat(status("x".repeat(65), "").get("requestStatus"))
            .isEqualTo("ERR_INVALID_TASK_ID");
        assertThat(status("ABC-123", "").get("requestStatus")).isEqualTo("ERR_INVALID_TASK_ID");
        assertThat(status("", "").get("requestStatus")).isEqualTo("ERR_INVALID_TASK_ID");
        assertThat(status("QF4KJMNG3ESEG2245J7901KD", "order-1").get("requestStatus"))
            .isEqualTo("ERR_TASK_DOES_NOT_EXIST");
        assertThat(status(task.id(), "order-2").get("requestStatus"))
            .isEqualTo("ERR_INVALID_TRANSFER_ID");
        assertThat(status(plain.id(), "anything").get("requestStatus")).isEqualTo("SUCCESS");
        assertThat(status("", "order-2").get("requestStatus"))
            .isEqualTo("ERR_TASK_DOES_NOT_EXIST");
        assertThat(status("", "order-1").get("taskId")).isEqualTo(task.id());
    }

    @Test
    void callbackIsAcceptedAndSaysCallbacksAreOff() throws Exception {
        Task task = create(TaskType.GIVE_MONEY, null);
        Map<String, String> fields = call("getTaskStatus",
            "<taskId>" + task.id() + "</taskId><callback>true</callback>");
        assertThat(fields.get("requestStatus")).isEqualTo("SUCCESS");
        assertThat(fields.get("requestStatusDescription")).contains("Callbacks are off");
        assertThat(node.engine().find(task.id(), clock.nowMs()).orElseThrow().callback())
            .isTrue();
        assertThat(call("getTaskStatus", "<taskId>" + task.id()
            + "</taskId><callback>maybe</callback>").get("requestStatus"))
            .isEqualTo("ERR_INVALID_PARAMETER");
    }

    @Test
    void finishedTaskExpiresAfterTheTtl() throws Exception {
        Task task = create(TaskType.GIVE_MONEY, "ttl-1");
        node.engine().fail(task.id(), TaskStatus.FINISHED_ERR_USER_REJECTED, "The user said no.",
            clock.nowMs());
        Map<String, String> fields = status(task.id(), "");
        assertThat(fields.get("status")).isEqualTo("FINISHED_ERR_USER_REJECTED");
        assertThat(fields.get("additionalInfo")).contains("\"code\":\"FINISHED_ERR_USER_REJECTED\"")
            .contains("The user said no.");
        clock.advanceMs(3_600_000 - 1);
        assertThat(status(task.id(), "").get("status")).isEqualTo("FINISHED_ERR_USER_REJECTED");
        clock.advanceMs(1);
        assertThat(status(task.id(), "").get("requestStatus"))
            .isEqualTo("ERR_TASK_DOES_NOT_EXIST");
        assertThat(status("", "ttl-1").get("requestStatus")).isEqualTo("ERR_TASK_DOES_NOT_EXIST");
    }

    @Test
    void helloReportsStatePidModeAndVersion() throws Exception {
        Map<String, String> fields = call("hello", "");
        assertThat(fields.keySet()).containsExactly("status", "pid", "username", "mode",
            "version", "requestStatus", "requestStatusDescription");
        assertThat(fields).containsEntry("status", "VUI_CONNECTING")
            .containsEntry("pid", Long.toString(ProcessHandle.current().pid()))
            .containsEntry("username", "").containsEntry("mode", "normal")
            .containsEntry("requestStatus", "SUCCESS");
        assertThat(fields.get("version")).isNotBlank();
    }

    @Test
    void cancelTaskBeforeAndAfterThePointOfNoReturn() throws Exception {
        Task early = create(TaskType.GIVE_MONEY, null);
        assertThat(call("cancelTask", "<taskId>" + early.id() + "</taskId>"))
            .containsEntry("requestStatus", "SUCCESS");
        assertThat(status(early.id(), "").get("status")).isEqualTo("FINISHED_ERR_CANCELLED");
        assertThat(call("cancelTask", "<taskId>" + early.id() + "</taskId>"))
            .containsEntry("requestStatus", "ERR_TASK_NOT_CANCELLABLE");

        Task late = create(TaskType.GIVE_MONEY, null);
        node.engine().advance(late.id(), TaskStatus.TRANSFERRING, 10, null, clock.nowMs());
        node.engine().passPointOfNoReturn(late.id(), clock.nowMs());
        assertThat(call("cancelTask", "<taskId>" + late.id() + "</taskId>"))
            .containsEntry("requestStatus", "ERR_TASK_NOT_CANCELLABLE");
        assertThat(status(late.id(), "").get("status")).isEqualTo("TRANSFERRING");

        assertThat(call("cancelTask", "<taskId>QF4KJMNG3ESEG2245J7901KD</taskId>"))
            .containsEntry("requestStatus", "ERR_TASK_DOES_NOT_EXIST");
        assertThat(call("cancelTask", "<taskId></taskId>"))
            .containsEntry("requestStatus", "ERR_INVALID_TASK_ID");
    }

    @Test
    void unknownAndNotYetBuiltOperationsAreClientFaults() throws Exception {
        HttpResponse<String> unknown = node.post(Envelopes.call("transferEverything", ""));
        assertThat(unknown.statusCode()).isEqualTo(500);
        assertThat(Envelopes.fault(unknown.body())[0]).isEqualTo("SOAP-ENV:Client");
        assertThat(Envelopes.fault(unknown.body())[1]).contains("not an operation");
        HttpResponse<String> later = node.post(Envelopes.call("getHistoryReport", ""));
        assertThat(later.statusCode()).isEqualTo(500);
        assertThat(Envelopes.fault(later.body())[1]).contains("not implemented");
    }

    @Test
    void unfinishedTasksWaitForRestartAndThenTimeOut() throws Exception {
        Task task = create(TaskType.GIVE_MONEY, "restart-1");
        node.engine().advance(task.id(), TaskStatus.SEARCHING, 0, null, clock.nowMs());
        node.close();
        node = NodeHarness.start(data, clock, "--task-ttl", "1h", "--task-deadline", "10m");
        assertThat(status(task.id(), "restart-1").get("status"))
            .isEqualTo("WAITING_FOR_RESTART");
        clock.advanceMs(600_000);
        node.engine().tick(clock.nowMs());
        Map<String, String> fields = status(task.id(), "");
        assertThat(fields.get("status")).isEqualTo("FINISHED_ERR_TIMEOUT");
        assertThat(fields.get("additionalInfo")).contains("FINISHED_ERR_TIMEOUT");
    }
}
