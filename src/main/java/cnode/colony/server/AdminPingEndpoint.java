package cnode.colony.server;

import cnode.colony.client.AdminPingReply;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/admin/ping} (admin): {@code {"status":"OK"}}. Changes nothing; the edge has
 * already checked the token, so an answer means the token is right. Stateless.
 */
final class AdminPingEndpoint implements Endpoint<NoBody, AdminPingReply> {
    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<AdminPingReply>> handle(NoBody request, Call call) {
        return Endpoint.reply(AdminPingReply.OK);
    }
}
