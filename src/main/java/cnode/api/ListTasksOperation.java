package cnode.api;

import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.stdx.Clock;
import cnode.task.Task;
import cnode.task.TaskEngine;
import cnode.task.TaskQuery;
import cnode.task.TaskStatus;
import cnode.task.TaskType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code listTasks(type, status, fromDate, toDate, pageSize, pageToken)} (a contract addition):
 * the node's tasks in creation order, filtered, one page at a time. Dates are
 * {@code YYYY-MM-DD hh:mm:ss} in UTC and bound the creation time, both ends included. The page
 * token is an opaque cursor (the last task of the previous page); {@code nextPageToken} is
 * empty on the last page.
 */
public final class ListTasksOperation extends DirectOperation {
    static final int PAGE_SIZE_MAX = 500;
    static final int PAGE_SIZE_DEFAULT = 100;
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    static final WireType LIST = WireType.listOf("vuiSoapTaskList", TaskStatusReply.TYPE.ref());
    static final WireType TYPE = WireType.struct("vuiSoapListTasksResponse",
        "tasks", LIST.ref(),
        "nextPageToken", "xsd:string",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");
    private static final OperationSchema SCHEMA = new OperationSchema("listTasks",
        WireType.fields("type", "xsd:string", "status", "xsd:string", "fromDate", "xsd:string",
            "toDate", "xsd:string", "pageSize", "xsd:unsignedInt", "pageToken", "xsd:string"),
        TYPE, false, List.of(TaskStatusReply.TYPE, LIST, TYPE));

    private final TaskEngine engine;
    private final Clock clock;

    public ListTasksOperation(TaskEngine engine, Clock clock) {
        super(SCHEMA);
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        String typeText = Params.text(params, "type");
        TaskType type = TaskType.parse(typeText);
        if (!typeText.isEmpty() && type == null) {
            return error(RequestStatus.ERR_INVALID_TASK_TYPE);
        }
        String statusText = Params.text(params, "status");
        TaskStatus status = TaskStatus.parse(statusText);
        if (!statusText.isEmpty() && status == null) {
            return error(RequestStatus.ERR_INVALID_TASK_STATUS);
        }
        Long fromMs = date(Params.text(params, "fromDate"), 0);
        Long toMs = date(Params.text(params, "toDate"), Long.MAX_VALUE);
        if (fromMs == null || toMs == null) {
            return error(RequestStatus.ERR_INVALID_DATE);
        }
        Long pageSize = Params.unsigned(params, "pageSize", 0, Long.MAX_VALUE);
        if (pageSize == null || pageSize > PAGE_SIZE_MAX) {
            return error(RequestStatus.ERR_INVALID_PAGE_SIZE);
        }
        int limit = pageSize == 0 ? PAGE_SIZE_DEFAULT : pageSize.intValue();
        Cursor after = Cursor.parse(Params.text(params, "pageToken"));
        if (after == null) {
            return error(RequestStatus.ERR_INVALID_PAGE_TOKEN);
        }
        TaskQuery query = new TaskQuery(type, status, fromMs, toMs, after.createdMs(),
            after.id(), limit + 1);
        return page(engine.list(query, clock.nowMs()), limit);
    }

    private static SoapStruct page(List<Task> found, int limit) {
        List<Task> tasks = found.size() > limit ? found.subList(0, limit) : found;
        List<SoapStruct> items = new ArrayList<>(tasks.size());
        tasks.forEach(task -> items.add(TaskStatusReply.item(task)));
        String next = found.size() > limit ? Cursor.of(tasks.get(limit - 1)).token() : "";
        return new SoapStruct(null)
            .list("tasks", LIST.name(), items)
            .string("nextPageToken", next)
            .string("requestStatus", RequestStatus.SUCCESS.name())
            .string("requestStatusDescription", RequestStatus.SUCCESS.description());
    }

    private static Long date(String text, long fallback) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(text, DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException malformed) {
            return null;
        }
    }

    private static SoapStruct error(RequestStatus code) {
        return new SoapStruct(null)
            .list("tasks", LIST.name(), List.of())
            .string("nextPageToken", "")
            .string("requestStatus", code.name())
            .string("requestStatusDescription", code.description());
    }

    /** The position after one task, written as an opaque token. */
    record Cursor(long createdMs, String id) {
        static final Cursor START = new Cursor(Long.MIN_VALUE, "");

        static Cursor of(Task task) {
            return new Cursor(task.createdMs(), task.id());
        }

        String token() {
            byte[] raw = (createdMs + "." + id).getBytes(StandardCharsets.US_ASCII);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        }

        /** The cursor a token stands for, START for an empty token, null for a bad one. */
        static Cursor parse(String token) {
            if (token.isEmpty()) {
                return START;
            }
            try {
                String raw = new String(Base64.getUrlDecoder().decode(token),
                    StandardCharsets.US_ASCII);
                int dot = raw.indexOf('.');
                String id = raw.substring(dot + 1);
                if (dot <= 0 || !Params.wellFormedTaskId(id)) {
                    return null;
                }
                return new Cursor(Long.parseLong(raw.substring(0, dot)), id);
            } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
                return null;
            }
        }
    }
}
