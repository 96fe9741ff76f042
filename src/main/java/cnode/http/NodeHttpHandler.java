package cnode.http;

import cnode.api.SoapEndpoint;
import cnode.api.Wsdl;
import cnode.soap.SoapFault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes the SOAP port as contract §3 orders it: {@code GET /health}, {@code GET /metrics},
 * {@code GET /wsdl} or any GET with the query {@code wsdl}, everything under {@code /ui/} (the
 * wallet page, given as a handler; without one the path is reserved and answers 404), then
 * every other POST is a SOAP call whatever its path; anything else is 404 or 405. Bodies are
 * read up to the limit; a larger one (declared or chunked) is a Client fault and the
 * connection is closed. Stateless; any Jetty thread.
 */
public final class NodeHttpHandler extends Handler.Abstract {
    private static final String XML = "text/xml; charset=utf-8";

    private final SoapEndpoint endpoint;
    private final Wsdl wsdl;
    private final Supplier<String> health;
    private final int bodyBytesMax;
    private final Request.Handler page;

    /** {@code health} gives the JSON body of {@code GET /health}; {@code /ui/} answers 404. */
    public NodeHttpHandler(SoapEndpoint endpoint, Wsdl wsdl, Supplier<String> health,
                           int bodyBytesMax) {
        this(endpoint, wsdl, health, bodyBytesMax, null);
    }

    /**
     * As above, with {@code page} answering everything under {@code /ui/} (the wallet page,
     * {@code cnode.ui.WalletPageHandler}); null keeps the path reserved (404).
     */
    public NodeHttpHandler(SoapEndpoint endpoint, Wsdl wsdl, Supplier<String> health,
                           int bodyBytesMax, Request.Handler page) {
        this.endpoint = endpoint;
        this.wsdl = wsdl;
        this.health = health;
        this.bodyBytesMax = bodyBytesMax;
        this.page = page;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
        throws Exception {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        boolean get = "GET".equals(method) || "HEAD".equals(method);
        boolean ui = "/ui".equals(path) || (path != null && path.startsWith("/ui/"));
        if (get && "/health".equals(path)) {
            send(response, callback, 200, "application/json", bytes(health.get()));
        } else if (get && "/metrics".equals(path)) {
            send(response, callback, 404, "text/plain; charset=utf-8",
                bytes("Metrics arrive with the metrics issue; this node serves none yet.\n"));
        } else if (get && ("/wsdl".equals(path) || wsdlQuery(request))) {
            send(response, callback, 200, XML,
                wsdl.render(request.getHeaders().get(HttpHeader.HOST)));
        } else if (ui && page != null) {
            return page.handle(request, response, callback);
        } else if (ui) {
            send(response, callback, 404, "text/plain; charset=utf-8",
                bytes("The web page is not built yet.\n"));
        } else if ("POST".equals(method)) {
            soap(request, response, callback);
        } else if (get) {
            send(response, callback, 404, "text/plain; charset=utf-8", bytes("Not found.\n"));
        } else {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST");
            send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                "text/plain; charset=utf-8", bytes("Use POST for SOAP calls, GET otherwise.\n"));
        }
        return true;
    }

    private static boolean wsdlQuery(Request request) {
        String query = request.getHttpURI().getQuery();
        return query != null && query.equalsIgnoreCase("wsdl");
    }

    private void soap(Request request, Response response, Callback callback) {
        long declared = request.getLength();
        byte[] body = declared > bodyBytesMax ? null : read(request, declared);
        if (body == null) {
            tooLarge(response, callback);
            return;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        endpoint.handle(body, body.length, contentType).whenComplete((reply, failure) -> {
            if (failure != null) {
                callback.failed(failure);
            } else {
                send(response, callback, reply.httpStatus(), XML, reply.body());
            }
        });
    }

    /**
     * The whole body, or null when it is larger than the limit. A declared length is read
     * exactly (Jetty holds the client to it); a chunked body grows up to one byte past the
     * limit, which is enough to know it is too large. A broken connection yields what arrived,
     * which the codec then refuses as malformed.
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

    private void tooLarge(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        SoapEndpoint.Reply reply = SoapEndpoint.fault(new SoapFault(SoapFault.Code.CLIENT,
            "The request body is larger than the limit of " + bodyBytesMax + " bytes."));
        send(response, callback, reply.httpStatus(), XML, reply.body());
    }

    private static void send(Response response, Callback callback, int status,
                             String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
