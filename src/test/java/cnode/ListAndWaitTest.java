package cnode;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.stdx.Clock;
import cnode.task.NewTask;
import cnode.task.Task;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** listTasks paging and filters, and waitForTask's three ways of answering, over a socket. */
class ListAndWaitTest {
    @TempDir
    Path data;
    private NodeHarness node;

    @BeforeEach
    void start() throws Exception {
        node = NodeHarness.start(data, Clock.SYSTEM);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Task create(TaskType type) {
        return node.engine().create(NewTask.of(type), System.currentTimeMillis()).task();
    }

    private String list(String params) throws Exception {
        return node.post(Envelopes.call("listTasks", params)).body();
    }

    private static List<String> ids(String xml) throws Exception {
        Element ret = Envelopes.returnElement(xml);
        NodeList items = ((Element) ret.getElementsByTagName("tasks").item(0))
            .getElementsByTagName("item");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            ids.add(((Element) items.item(i)).getElementsByTagName("taskId").item(0)
                .getTextContent());
        }
        return ids;
    }

    @Test
    void listTasksPagesInCreationOrderAndFilters() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(create(i % 2 == 0 ? TaskType.GIVE_MONEY : TaskType.LOGIN).id());
        }
        node.engine().fail(created.get(0), TaskStatus.FINISHED_ERR_CANCELLED, "Stopped.",
            System.currentTimeMillis());

        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            String xml = list("<pageSize>3</pageSize><pageToken>" + token + "</pageToken>");
            seen.addAll(ids(xml));
            token = Envelopes.returnFields(xml).get("nextPageToken");
            pages++;
        } while (!token.isEmpty() && pages < 10);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).hasSize(7);
        assertThat(pages).isEqualTo(3);

        assertThat(ids(list("<type>LOGIN</type>"))).hasSize(3);
        assertThat(ids(list("<status>FINISHED_ERR_CANCELLED</status>")))
            .containsExactly(created.get(0));
        assertThat(ids(list("<fromDate>2999-01-01 00:00:00</fromDate>"))).isEmpty();
        assertThat(ids(list("<toDate>2999-01-01 00:00:00</toDate>"))).hasSize(7);
    }

    @Test
    void listTasksRefusesMalformedFilters() throws Exception {
        assertThat(status(list("<type>PAYMENT</type>"))).isEqualTo("ERR_INVALID_TASK_TYPE");
        assertThat(status(list("<status>DONE</status>"))).isEqualTo("ERR_INVALID_TASK_STATUS");
        assertThat(status(list("<fromDate>yesterday</fromDate>"))).isEqualTo("ERR_INVALID_DATE");
        assertThat(status(list("<pageSize>501</pageSize>"))).isEqualTo("ERR_INVALID_PAGE_SIZE");
        assertThat(status(list("<pageSize>-1</pageSize>"))).isEqualTo("ERR_INVALID_PAGE_SIZE");
        assertThat(status(list("<pageToken>%%%</pageToken>"))).isEqualTo("ERR_INVALID_PAGE_TOKEN");
        assertThat(status(list("<pageSize>500</pageSize>"))).isEqualTo("SUCCESS");
    }

    private static String status(String xml) throws Exception {
        return Envelopes.returnFields(xml).get("requestStatus");
    }

    private Map<String, String> waitFor(String taskId, String last, int seconds)
        throws Exception {
        return Envelopes.returnFields(node.post(Envelopes.call("waitForTask", "<taskId>"
            + taskId + "</taskId><lastStatus>" + last + "</lastStatus><timeoutSeconds>"
            + seconds + "</timeoutSeconds>")).body());
    }

    @Test
    void waitForTaskAnswersAtOnceWhenTheStatusAlreadyDiffers() throws Exception {
        Task task = create(TaskType.GIVE_MONEY);
        long startNs = System.nanoTime();
        Map<String, String> fields = waitFor(task.id(), "SEARCHING", 25);
        assertThat(fields).containsEntry("status", "PREPARATION")
            .containsEntry("requestStatus", "SUCCESS");
        assertThat(System.nanoTime() - startNs).isLessThan(TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void waitForTaskAnswersWhenTheStatusChanges() throws Exception {
        Task task = create(TaskType.GIVE_MONEY);
        CompletableFuture<Map<String, String>> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return waitFor(task.id(), "PREPARATION", 25);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(answer).isNotDone();
        node.engine().advance(task.id(), TaskStatus.SEARCHING, 0, null,
            System.currentTimeMillis());
        assertThat(answer.get(20, TimeUnit.SECONDS)).containsEntry("status", "SEARCHING");
    }

    @Test
    void waitForTaskIgnoresProgressOnlyChangesAndTimesOut() throws Exception {
        Task task = create(TaskType.GIVE_MONEY);
        node.engine().advance(task.id(), TaskStatus.TRANSFERRING, 10, null,
            System.currentTimeMillis());
        CompletableFuture<Map<String, String>> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return waitFor(task.id(), "TRANSFERRING", 1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        node.engine().advance(task.id(), TaskStatus.TRANSFERRING, 50, null,
            System.currentTimeMillis());
        Map<String, String> fields = answer.get(20, TimeUnit.SECONDS);
        assertThat(fields).containsEntry("status", "TRANSFERRING")
            .containsEntry("progressPercent", "50");
    }

    @Test
    void waitForTaskRefusesBadArguments() throws Exception {
        Task task = create(TaskType.GIVE_MONEY);
        assertThat(waitFor(task.id(), "PREPARATION", 26).get("requestStatus"))
            .isEqualTo("ERR_INVALID_TIMEOUT");
        assertThat(waitFor(task.id(), "RUNNING", 1).get("requestStatus"))
            .isEqualTo("ERR_INVALID_TASK_STATUS");
        assertThat(waitFor("", "", 1).get("requestStatus")).isEqualTo("ERR_INVALID_TASK_ID");
        assertThat(waitFor("QF4KJMNG3ESEG2245J7901KD", "", 1).get("requestStatus"))
            .isEqualTo("ERR_TASK_DOES_NOT_EXIST");
    }
}
