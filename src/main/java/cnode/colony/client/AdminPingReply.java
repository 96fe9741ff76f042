package cnode.colony.client;

/**
 * The answer of {@code GET /v1/admin/ping}: {@code {"status":"OK"}} when the admin token was
 * accepted. It changes nothing; it lets an operator check a token file against a colony.
 *
 * @param status {@code OK}
 */
public record AdminPingReply(String status) {
    public static final AdminPingReply OK = new AdminPingReply("OK");
}
