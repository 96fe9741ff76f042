package cnode.compat;

import cnode.task.NewTask;
import cnode.task.TaskEngine;
import cnode.task.TaskStatus;
import cnode.task.TaskType;

/**
 * The tasks a client script checks, prepared through the engine before the clients run, and
 * written for them as JSON. Shared tasks are only read by the clients; each client gets its own
 * task to cancel and its own task to wait on, so the clients can run in any order. Immutable.
 *
 * @param giveMoneyCount  every GIVE_MONEY task on the node, for listTasks' paging check
 */
record Facts(
    long pid,
    String finishedId,
    String finishedTransferId,
    String transferringId,
    String rejectedId,
    String singleId,
    int giveMoneyCount) {

    /** A task type with exactly one task ({@link #singleId}), and one with none. */
    static final TaskType SINGLE_TYPE = TaskType.LOGIN;
    static final TaskType EMPTY_TYPE = TaskType.MONEY_REDEMPTION;
    /** Well-formed, and never issued: ids are 26 characters, this one has 24. */
    static final String UNKNOWN_TASK_ID = "QF4KJMNG3ESEG2245J7901KD";
    /** GIVE_MONEY tasks created per client: one to cancel, one to wait on. */
    static final int GIVE_MONEY_PER_CLIENT = 2;

    /**
     * Creates the shared tasks, in the states the clients expect to read; each of the
     * {@code clients} then gets its own tasks from {@link #createOwn}, counted here already.
     */
    static Facts prepare(TaskEngine engine, int clients, long nowMs) {
        String finished = create(engine, TaskType.GIVE_MONEY, "compat-order-1", nowMs);
        engine.advance(finished, TaskStatus.SEARCHING, 0, null, nowMs);
        engine.advance(finished, TaskStatus.TRANSFERRING, 50, "{\"coinCount\":3}", nowMs);
        engine.advance(finished, TaskStatus.FINISHED_OK, 100, null, nowMs);
        String transferring = create(engine, TaskType.GIVE_MONEY, null, nowMs);
        engine.advance(transferring, TaskStatus.TRANSFERRING, 40, null, nowMs);
        String rejected = create(engine, TaskType.GIVE_MONEY, null, nowMs);
        engine.fail(rejected, TaskStatus.FINISHED_ERR_USER_REJECTED, "The user said no.", nowMs);
        String single = create(engine, SINGLE_TYPE, null, nowMs);
        return new Facts(ProcessHandle.current().pid(), finished, "compat-order-1",
            transferring, rejected, single, 3 + clients * GIVE_MONEY_PER_CLIENT);
    }

    /** One client's own tasks: one it cancels, one it waits on while the test moves it. */
    record Own(String cancellable, String waitee) {}

    /** Creates one client's own tasks ({@link #GIVE_MONEY_PER_CLIENT} GIVE_MONEY tasks). */
    static Own createOwn(TaskEngine engine, long nowMs) {
        return new Own(create(engine, TaskType.GIVE_MONEY, null, nowMs),
            create(engine, TaskType.GIVE_MONEY, null, nowMs));
    }

    /** Creates a task of {@code type} in PREPARATION and returns its id. */
    static String create(TaskEngine engine, TaskType type, String transferId, long nowMs) {
        TaskEngine.Created created = engine.create(
            new NewTask(type, transferId, "compat", "{}", null, false), nowMs);
        if (created.outcome() != TaskEngine.Outcome.CREATED) {
            throw new IllegalStateException("the engine refused a test task: " + created);
        }
        return created.task().id();
    }

    /** The JSON a client reads; ids are {@code [0-9A-Z]} and need no escaping. */
    String json(Own own) {
        return "{\n"
            + "  \"pid\": " + pid + ",\n"
            + "  \"finished\": {\"taskId\": \"" + finishedId + "\", \"uniqueTransferId\": \""
            + finishedTransferId + "\"},\n"
            + "  \"transferring\": {\"taskId\": \"" + transferringId + "\"},\n"
            + "  \"rejected\": {\"taskId\": \"" + rejectedId + "\"},\n"
            + "  \"single\": {\"type\": \"" + SINGLE_TYPE.name() + "\", \"taskId\": \""
            + singleId + "\"},\n"
            + "  \"emptyType\": \"" + EMPTY_TYPE.name() + "\",\n"
            + "  \"unknownTaskId\": \"" + UNKNOWN_TASK_ID + "\",\n"
            + "  \"giveMoneyCount\": " + giveMoneyCount + ",\n"
            + "  \"cancellable\": \"" + own.cancellable() + "\",\n"
            + "  \"waitee\": \"" + own.waitee() + "\"\n"
            + "}\n";
    }
}
