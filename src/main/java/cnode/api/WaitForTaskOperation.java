package cnode.api;

import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.stdx.Clock;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@code waitForTask(taskId, lastStatus, timeoutSeconds)} (a contract addition): answers as
 * soon as the task's status differs from {@code lastStatus} (at once if it already does), else
 * after the timeout, always in the shape of getTaskStatus. The wait holds no thread: the reply
 * completes from the engine's change listener.
 */
public final class WaitForTaskOperation implements Operation {
    /** The longest wait a client may ask for. */
    static final int TIMEOUT_SECONDS_MAX = 25;

    private static final OperationSchema SCHEMA = new OperationSchema("waitForTask",
        WireType.fields("taskId", "xsd:string", "lastStatus", "xsd:string",
            "timeoutSeconds", "xsd:unsignedInt"),
        TaskStatusReply.TYPE, true, List.of(TaskStatusReply.TYPE));

    /** Where answers to waits are made: a virtual thread each. */
    private static final Executor ANSWERS = answer -> Thread.ofVirtual().name("task-wait")
        .start(answer);

    private final TaskEngine engine;
    private final TaskWaits waits;
    private final Clock clock;

    public WaitForTaskOperation(TaskEngine engine, TaskWaits waits, Clock clock) {
        this.engine = engine;
        this.waits = waits;
        this.clock = clock;
    }

    @Override
    public OperationSchema schema() {
        return SCHEMA;
    }

    @Override
    public CompletionStage<SoapStruct> call(SoapNode params) {
        Long timeoutSeconds = Params.unsigned(params, "timeoutSeconds", TIMEOUT_SECONDS_MAX,
            TIMEOUT_SECONDS_MAX);
        if (timeoutSeconds == null) {
            return done(TaskStatusReply.error(RequestStatus.ERR_INVALID_TIMEOUT,
                RequestStatus.ERR_INVALID_TIMEOUT.description()));
        }
        String last = Params.text(params, "lastStatus");
        TaskStatus lastStatus = TaskStatus.parse(last);
        if (!last.isEmpty() && lastStatus == null) {
            return done(TaskStatusReply.error(RequestStatus.ERR_INVALID_TASK_STATUS,
                "lastStatus must be one of the task statuses, or empty."));
        }
        TaskLookup.Found found = TaskLookup.find(engine, Params.text(params, "taskId"), "",
            clock.nowMs());
        if (found.error() != null) {
            return done(found.error());
        }
        Task task = found.task();
        if (task.status() != lastStatus || timeoutSeconds == 0) {
            return done(TaskStatusReply.of(task, RequestStatus.SUCCESS.description()));
        }
        return waitForChange(task, clock.nowMs() + timeoutSeconds * 1000);
    }

    private CompletionStage<SoapStruct> waitForChange(Task seen, long deadlineMs) {
        long leftMs = deadlineMs - clock.nowMs();
        CompletableFuture<Task> next = leftMs <= 0 ? null : waits.next(seen.id(), leftMs);
        if (next == null) {
            String description = leftMs <= 0 ? RequestStatus.SUCCESS.description()
                : "Request succeeded. Too many clients are waiting; this answer did not wait.";
            return done(TaskStatusReply.of(latest(seen), description));
        }
        // A change committed between the lookup and the registration would not reach the
        // waiter; reading again after registering closes that gap.
        engine.find(seen.id(), clock.nowMs())
            .filter(now -> now.status() != seen.status())
            .ifPresent(next::complete);
        // The answer is made on a thread of its own, not on the thread that committed the
        // change (for a change committed in the background, the store's writer), and from
        // the task as it is now, so an answer never shows a status older than one shown.
        return next.thenComposeAsync(changed -> {
            Task now = latest(changed != null ? changed : seen);
            if (changed != null && now.status() == seen.status()) {
                return waitForChange(now, deadlineMs);
            }
            return done(TaskStatusReply.of(now, RequestStatus.SUCCESS.description()));
        }, ANSWERS);
    }

    private Task latest(Task seen) {
        return engine.find(seen.id(), clock.nowMs()).orElse(seen);
    }

    private static CompletionStage<SoapStruct> done(SoapStruct reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
