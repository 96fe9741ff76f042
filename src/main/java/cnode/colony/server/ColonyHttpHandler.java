package cnode.colony.server;

import cnode.colony.client.EdgeRefusal;
import cnode.colony.client.ErrorReply;
import cnode.colony.client.Outcome;
import cnode.colony.client.Refusal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The colony's HTTP/JSON edge on Jetty 12 core: finds the route, then checks in this order
 * (docs/COLONY-API.md, "Order of checks") — admin token, query, body size, media type, strict
 * JSON — and hands a typed request to the route's {@link Endpoint}; writes its reply or its
 * refusal as JSON. Every answer, success or refusal, is {@code application/json} and
 * {@code Cache-Control: no-store}. An endpoint's exception is logged here with its route and
 * answered {@code 500 INTERNAL_ERROR} without detail. Immutable; any Jetty thread (the body is
 * read blocking, as the node's port does; the endpoint's answer may arrive on another thread).
 */
final class ColonyHttpHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ColonyHttpHandler.class);
    private static final int PATH_SHOWN_MAX = 120;

    private final RouteTable routes;
    private final AdminToken token;
    private final BodyDecoder decoder;
    private final JsonMapper json;
    private final int bodyBytesMax;
    private final long answerTimeoutMs;

    ColonyHttpHandler(RouteTable routes, AdminToken token, JsonMapper json, int bodyBytesMax,
                      long answerTimeoutMs) {
        this.routes = routes;
        this.token = token;
        this.decoder = new BodyDecoder(json);
        this.json = json;
        this.bodyBytesMax = bodyBytesMax;
        this.answerTimeoutMs = answerTimeoutMs;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        switch (routes.match(method, path)) {
            case RouteTable.Found found -> serve(found.route().endpoint(), found, request,
                response, callback);
            case RouteTable.WrongMethod wrong -> {
                response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", wrong.allowed()));
                refuse(response, callback, EdgeRefusal.METHOD_NOT_ALLOWED.refusal(shown(path)
                    + " does not take " + method + "; it takes " + String.join(", ",
                    wrong.allowed()) + "."));
            }
            case RouteTable.Missing missing -> refuse(response, callback,
                EdgeRefusal.NOT_FOUND.refusal("No endpoint " + method + " " + shown(path)
                    + " on this colony; see docs/COLONY-API.md."));
        }
        return true;
    }

    private <Q, R> void serve(Endpoint<Q, R> endpoint, RouteTable.Found found, Request request,
                              Response response, Callback callback) {
        Route route = found.route();
        String label = route.method() + " " + route.pattern();
        Refusal denied = route.access() == Access.ADMIN ? admission(request) : null;
        if (denied != null) {
            refuse(response, callback, denied);
            return;
        }
        Map<String, String> query;
        switch (QueryString.parse(request.getHttpURI().getQuery(), endpoint.queryNames())) {
            case Outcome.Refused<Map<String, String>>(Refusal refusal) -> {
                refuse(response, callback, refusal);
                return;
            }
            case Outcome.Ok<Map<String, String>>(Map<String, String> values) -> query = values;
        }
        switch (body(endpoint.requestType(), label, request, response)) {
            case Outcome.Refused<Q>(Refusal refusal) -> refuse(response, callback, refusal);
            case Outcome.Ok<Q>(Q typed) -> invoke(endpoint, typed, new Call(route.method(),
                Request.getPathInContext(request), found.pathParams(), query,
                route.access() == Access.ADMIN ? List.of()
                    : request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION)),
                label, response, callback);
        }
    }

    /** Null when the request carries this colony's admin token; the refusal otherwise. */
    private Refusal admission(Request request) {
        List<String> values = request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION);
        if (values.isEmpty()) {
            return EdgeRefusal.ADMIN_TOKEN_REQUIRED.refusal("This endpoint needs the admin token:"
                + " send Authorization: Bearer <token>, the token being the content of"
                + " admin.token in the colony's data folder.");
        }
        if (values.size() > 1) {
            return EdgeRefusal.ADMIN_TOKEN_INVALID.refusal("Send one Authorization header.");
        }
        String value = values.get(0);
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return EdgeRefusal.ADMIN_TOKEN_REQUIRED.refusal("The admin token is sent with the"
                + " Bearer scheme: Authorization: Bearer <token>.");
        }
        if (!token.matches(value.substring(7).strip())) {
            return EdgeRefusal.ADMIN_TOKEN_INVALID.refusal("The admin token is not this"
                + " colony's.");
        }
        return null;
    }

    private <Q> Outcome<Q> body(Class<Q> type, String label, Request request,
                                Response response) {
        long declared = request.getLength();
        boolean sent = declared > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (type == NoBody.class) {
            if (sent) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                return Outcome.refused(EdgeRefusal.UNEXPECTED_BODY.refusal(label
                    + " takes no body."));
            }
            return Outcome.ok(type.cast(NoBody.INSTANCE));
        }
        if (declared > bodyBytesMax) {
            return tooLarge(response);
        }
        if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            return Outcome.refused(EdgeRefusal.UNSUPPORTED_MEDIA_TYPE.refusal("Send the body as"
                + " Content-Type: application/json (UTF-8)."));
        }
        byte[] bytes = read(request, declared);
        return bytes == null ? tooLarge(response) : decoder.decode(bytes, type);
    }

    private <Q> Outcome<Q> tooLarge(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        return Outcome.refused(EdgeRefusal.BODY_TOO_LARGE.refusal("The body is larger than the"
            + " limit of " + bodyBytesMax + " bytes."));
    }

    /**
     * The whole body, or null when it is larger than the limit. A declared length is read
     * exactly (Jetty holds the client to it); a chunked body is read to one byte past the
     * limit, enough to know it is too large. A broken connection yields what arrived, which
     * the decoder then refuses.
     */
    private byte[] read(Request request, long declared) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared >= 0) {
                return in.readNBytes((int) declared);
            }
            byte[] body = in.readNBytes(bodyBytesMax + 1);
            return body.length > bodyBytesMax ? null : body;
        } catch (IOException broken) {
            return new byte[0];
        }
    }

    /** {@code application/json}, with no charset or {@code charset=utf-8}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            boolean charset = pair[0].strip().equalsIgnoreCase("charset");
            if (charset && (pair.length < 2
                || !pair[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    private <Q, R> void invoke(Endpoint<Q, R> endpoint, Q request, Call call, String label,
                               Response response, Callback callback) {
        CompletableFuture<Outcome<R>> answer = new CompletableFuture<>();
        try {
            CompletionStage<Outcome<R>> stage = endpoint.handle(request, call);
            stage.whenComplete((outcome, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(failure);
                } else {
                    answer.complete(outcome);
                }
            });
        } catch (RuntimeException failure) {
            answer.completeExceptionally(failure);
        }
        answer.orTimeout(answerTimeoutMs, TimeUnit.MILLISECONDS).whenComplete(
            (outcome, failure) -> finish(label, outcome, failure, response, callback));
    }

    private <R> void finish(String label, Outcome<R> outcome, Throwable failure,
                            Response response, Callback callback) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            LOG.warn("{} gave no answer within {} ms", label, answerTimeoutMs);
            refuse(response, callback, EdgeRefusal.ANSWER_TIMEOUT.refusal("The colony did not"
                + " answer in time; whether it acted is unknown, so ask again by id."));
            return;
        }
        if (cause != null || outcome == null) {
            LOG.error("{} failed inside the colony", label, cause);
            internal(label, response, callback);
            return;
        }
        switch (outcome) {
            case Outcome.Refused<R>(Refusal refusal) -> refuse(response, callback, refusal);
            case Outcome.Ok<R>(R reply) -> {
                try {
                    send(response, callback, 200, json.writeValueAsBytes(reply));
                } catch (JsonProcessingException bug) {
                    LOG.error("{} answered a reply that cannot be written as JSON", label, bug);
                    internal(label, response, callback);
                }
            }
        }
    }

    private void internal(String label, Response response, Callback callback) {
        refuse(response, callback, EdgeRefusal.INTERNAL_ERROR.refusal("The colony failed to"
            + " complete " + label + "; the failure is in its log."));
    }

    private void refuse(Response response, Callback callback, Refusal refusal) {
        if (refusal.is(EdgeRefusal.ADMIN_TOKEN_REQUIRED)) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"cnode-colony\"");
        }
        send(response, callback, refusal.status(), errorBody(json, refusal));
    }

    /** The wire body of a refusal: {@code {"error":"NAME","message":"..."}}. */
    static byte[] errorBody(JsonMapper json, Refusal refusal) {
        try {
            return json.writeValueAsBytes(ErrorReply.of(refusal));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("two strings always write as JSON", impossible);
        }
    }

    static void send(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String shown(String path) {
        String text = path == null ? "" : path;
        return text.length() > PATH_SHOWN_MAX ? text.substring(0, PATH_SHOWN_MAX) + "..." : text;
    }
}
