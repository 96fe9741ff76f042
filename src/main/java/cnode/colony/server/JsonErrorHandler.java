package cnode.colony.server;

import cnode.colony.client.EdgeRefusal;
import cnode.colony.client.Refusal;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself (a request that is not valid HTTP, headers or target
 * too long, a failure outside any endpoint) in the colony's error shape, so that a client
 * always reads {@code {"error":"NAME","message":"..."}}: 400 {@code BAD_REQUEST}, 413
 * {@code BODY_TOO_LARGE}, 414 {@code URI_TOO_LONG}, 431 {@code HEADERS_TOO_LARGE}, 500
 * {@code INTERNAL_ERROR}, any other status {@code HTTP_ERROR}. Reveals no stack or cause.
 * Immutable; any Jetty thread.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final JsonMapper json;

    JsonErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Object cause = request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
        }
        if (status < 400 || status > 599 || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        ColonyHttpHandler.send(response, callback, status,
            ColonyHttpHandler.errorBody(json, refusal(status)));
        return true;
    }

    private static Refusal refusal(int status) {
        String reason = HttpStatus.getMessage(status);
        return switch (status) {
            case 400 -> EdgeRefusal.BAD_REQUEST.refusal("The request is not valid HTTP.");
            case 413 -> EdgeRefusal.BODY_TOO_LARGE.refusal("The request is too large.");
            case 414 -> EdgeRefusal.URI_TOO_LONG.refusal("The request target is too long.");
            case 431 -> EdgeRefusal.HEADERS_TOO_LARGE.refusal("The request headers are too"
                + " large.");
            case 500 -> EdgeRefusal.INTERNAL_ERROR.refusal("The colony failed to answer; the"
                + " failure is in its log.");
            default -> new Refusal(status, "HTTP_ERROR", "HTTP " + status + " " + reason + ".");
        };
    }
}
