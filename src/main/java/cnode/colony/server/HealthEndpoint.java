package cnode.colony.server;

import cnode.colony.client.HealthReply;
import cnode.colony.client.Outcome;
import java.util.concurrent.CompletionStage;

/** {@code GET /health}: {@code {"status":"UP"}} while the colony serves. Stateless. */
final class HealthEndpoint implements Endpoint<NoBody, HealthReply> {
    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<HealthReply>> handle(NoBody request, Call call) {
        return Endpoint.reply(HealthReply.UP);
    }
}
