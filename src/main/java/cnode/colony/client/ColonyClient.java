package cnode.colony.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one colony over HTTP/JSON: sends a request record, returns an
 * {@link Outcome} with the typed reply or the colony's named {@link Refusal}. Exceptions are
 * only for what is not an answer of the colony: {@link IOException} when it cannot be reached,
 * does not answer within {@link ClientLimits#requestTimeoutMs()}, sends more than
 * {@link ClientLimits#replyBytesMax()} bytes, or answers something that is not its JSON; and
 * {@link InterruptedException}.
 *
 * <p>There is no retry here, on purpose: whether a call may be repeated depends on the call
 * (a swap is repeated by its transfer id, a mint is not idempotent), so the caller decides.
 * Replies are read tolerantly ({@link WireJson#tolerant}): fields a newer colony adds are
 * ignored. Thread-safe; share one per colony. Owns a Jetty {@link HttpClient} (HTTP/1.1, no
 * redirects, no cookies, kept-alive connections, at most {@value #CONNECTIONS_MAX} of them with
 * at most {@value #QUEUED_MAX} calls waiting beyond) and its few daemon threads
 * ({@code colony-client-N}); close it.
 *
 * <p>Callers block in their own thread (virtual or platform) until the answer is complete; the
 * answer is parsed and collected on the client's selector thread, which never blocks, so a
 * call costs no hand-off to another thread.
 */
public final class ColonyClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ColonyClient.class);
    private static final String JSON = "application/json";
    /** Concurrent connections to the colony; calls beyond wait in the client's queue. */
    static final int CONNECTIONS_MAX = 64;
    /** Calls waiting for a connection; one more is refused as an {@link IOException}. */
    static final int QUEUED_MAX = 1_024;
    /** The selector plus a few for connection set-up; answers are handled on the selector. */
    private static final int THREADS_MAX = 8;
    private static final int THREAD_IDLE_MS = 30_000;
    /** Idle kept-alive connections close before the colony's own 30 s idle timeout would. */
    private static final long CONNECTION_IDLE_MS = 20_000;
    /** Past the request's own total timeout, which normally ends a call first. */
    private static final long AWAIT_MARGIN_MS = 5_000;

    private final URI base;
    private final ClientLimits limits;
    private final QueuedThreadPool threads;
    private final HttpClient http;
    private final JsonMapper json;

    /**
     * A client of the colony at {@code base} ({@code http://host:port}, optionally with a path
     * prefix when the colony sits behind a proxy).
     *
     * @throws IllegalArgumentException when {@code base} is not an http(s) URL without query
     */
    public ColonyClient(URI base, ClientLimits limits) {
        this.base = checkBase(base);
        this.limits = limits;
        this.threads = new QueuedThreadPool(THREADS_MAX, 1, THREAD_IDLE_MS);
        threads.setName("colony-client");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        this.http = newHttp(limits, threads);
        try {
            http.start();
        } catch (Exception failed) {
            close();
            throw new IllegalStateException("the colony client did not start", failed);
        }
        // Installed by start: redirects, authentication challenges, 100-continue, upgrades and
        // gzip. The colony needs none; its answers are read as they are, like the JDK client.
        http.getProtocolHandlers().clear();
        http.getContentDecoderFactories().clear();
        this.json = WireJson.tolerant(JsonLimits.defaults());
    }

    private static HttpClient newHttp(ClientLimits limits, QueuedThreadPool threads) {
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(threads);
        connector.setConnectTimeout(Duration.ofMillis(limits.connectTimeoutMs()));
        connector.setIdleTimeout(Duration.ofMillis(CONNECTION_IDLE_MS));
        // The JVM's default trust store and host name check, as the JDK client had.
        connector.setSslContextFactory(new SslContextFactory.Client());
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        // BoundedAnswer never blocks, so answers are handled where they are read.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient http = new HttpClient(transport);
        http.setExecutor(threads);
        http.setScheduler(new ScheduledExecutorScheduler("colony-client-timer", true));
        http.setFollowRedirects(false);
        http.setHttpCookieStore(new HttpCookieStore.Empty());
        http.setMaxConnectionsPerDestination(CONNECTIONS_MAX);
        http.setMaxRequestsQueuedPerDestination(QUEUED_MAX);
        return http;
    }

    /** Whether {@code url} is a colony base URL this client accepts; a reason if not. */
    public static Optional<String> problemWith(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must start with http:// or https://");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            return Optional.of("must name a host (and no user or password)");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            return Optional.of("must not have a query or fragment");
        }
        return Optional.empty();
    }

    public URI base() {
        return base;
    }

    /** {@code GET path} (path may carry a query, already encoded). */
    public <R> Outcome<R> get(String path, Class<R> replyType)
        throws IOException, InterruptedException {
        return send(request("GET", path, null, null), "GET " + path, replyType);
    }

    /** {@code GET path} with the admin token. */
    public <R> Outcome<R> get(String path, Class<R> replyType, BearerToken token)
        throws IOException, InterruptedException {
        return send(request("GET", path, header(token), null), "GET " + path, replyType);
    }

    /** {@code POST path} with {@code request} as its JSON body. */
    public <R> Outcome<R> post(String path, Object request, Class<R> replyType)
        throws IOException, InterruptedException {
        return send(request("POST", path, null, request), "POST " + path, replyType);
    }

    /** {@code POST path} with {@code request} as its JSON body and the admin token. */
    public <R> Outcome<R> post(String path, Object request, Class<R> replyType,
                               BearerToken token) throws IOException, InterruptedException {
        return send(request("POST", path, header(token), request), "POST " + path, replyType);
    }

    /**
     * {@code METHOD path} on behalf of a logged-in user: {@code Authorization: Session <token>},
     * with {@code request} as the JSON body, or no body when it is null. {@code method} is
     * {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}.
     */
    public <R> Outcome<R> call(String method, String path, Object request, Class<R> replyType,
                               SessionToken session) throws IOException, InterruptedException {
        if (!method.equals("GET") && !method.equals("POST") && !method.equals("PUT")
            && !method.equals("DELETE")) {
            throw new IllegalArgumentException("not a colony method: " + method);
        }
        return send(request(method, path, session.header(), request), method + " " + path,
            replyType);
    }

    /** {@code GET /health}. */
    public Outcome<HealthReply> health() throws IOException, InterruptedException {
        return get("/health", HealthReply.class);
    }

    /** {@code GET /v1/currencies}: the rated currencies and the face values. */
    public Outcome<CurrenciesReply> currencies() throws IOException, InterruptedException {
        return get("/v1/currencies", CurrenciesReply.class);
    }

    private static String header(BearerToken token) {
        return token == null ? null : token.header();
    }

    /** The request, bounded in time; {@code authorization} and {@code body} may be null. */
    private Request request(String method, String path, String authorization, Object body) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a colony path starts with /: " + path);
        }
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        Request request = http.newRequest(base.resolve(prefix + path))
            .method(method)
            .timeout(limits.requestTimeoutMs(), TimeUnit.MILLISECONDS)
            // While a call is in flight only its whole-answer bound applies, as before.
            .idleTimeout(limits.requestTimeoutMs(), TimeUnit.MILLISECONDS)
            .headers(headers -> {
                headers.put(HttpHeader.ACCEPT, JSON);
                if (authorization != null) {
                    headers.put(HttpHeader.AUTHORIZATION, authorization);
                }
            });
        if (body != null) {
            request.body(new BytesRequestContent(JSON, json(body)));
        }
        return request;
    }

    private byte[] json(Object request) {
        try {
            return json.writeValueAsBytes(request);
        } catch (JsonProcessingException bug) {
            throw new IllegalArgumentException("request cannot be written as JSON", bug);
        }
    }

    private <R> Outcome<R> send(Request request, String call, Class<R> replyType)
        throws IOException, InterruptedException {
        BoundedAnswer answer = new BoundedAnswer(limits.replyBytesMax());
        request.send(answer);
        Result result;
        try {
            result = answer.await(request, limits.requestTimeoutMs() + AWAIT_MARGIN_MS);
        } catch (TimeoutException late) {
            throw failure(call, late);
        }
        if (answer.tooLarge()) {
            throw new IOException("the colony's answer to " + call + " is larger than "
                + limits.replyBytesMax() + " bytes");
        }
        if (result.isFailed()) {
            throw failure(call, result.getFailure());
        }
        byte[] body = answer.body();
        int status = result.getResponse().getStatus();
        if (status == 200) {
            return Outcome.ok(read(body, replyType, call, status));
        }
        ErrorReply error = read(body, ErrorReply.class, call, status);
        if (status < 400 || status > 599 || !Refusal.isName(error.error())) {
            throw new IOException("the colony answered " + call + " with HTTP " + status
                + " and an error body that is not its error shape");
        }
        return Outcome.refused(status, error.error(), error.message());
    }

    /**
     * Why no answer came, as an {@link IOException} of the kind the JDK client threw:
     * {@link HttpTimeoutException} past the whole-answer bound, {@link ConnectException} when
     * nothing listens, {@link HttpConnectTimeoutException} when the connection is not accepted
     * in time.
     */
    private IOException failure(String call, Throwable cause) {
        IOException failure;
        if (cause instanceof TimeoutException) {
            failure = new HttpTimeoutException("the colony did not answer " + call + " within "
                + limits.requestTimeoutMs() + " ms");
        } else if (cause instanceof SocketTimeoutException) {
            failure = new HttpConnectTimeoutException("the colony at " + base
                + " accepted no connection within " + limits.connectTimeoutMs() + " ms for "
                + call);
        } else if (cause instanceof ConnectException) {
            failure = new ConnectException("cannot connect to the colony at " + base + " for "
                + call + ": " + cause.getMessage());
        } else {
            return new IOException(call + " to the colony at " + base + " failed: " + cause,
                cause);
        }
        failure.initCause(cause);
        return failure;
    }

    private <T> T read(byte[] body, Class<T> type, String call, int status) throws IOException {
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw new IOException("the colony answered " + call + " with a null body");
            }
            return value;
        } catch (JsonProcessingException notOurs) {
            throw new IOException("the colony's answer to " + call + " (HTTP " + status
                + ") is not the expected JSON: " + notOurs.getOriginalMessage(), notOurs);
        }
    }

    private static URI checkBase(URI base) {
        Optional<String> problem = problemWith(base);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("colony URL " + base + " " + problem.get());
        }
        return base;
    }

    /** Stops the HTTP client and its threads; calls in flight fail with an IOException. */
    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception failed) {
            LOG.warn("colony client for {} did not stop cleanly: {}", base, failed.toString());
        }
        try {
            threads.stop();
        } catch (Exception failed) {
            LOG.warn("colony client threads for {} did not stop cleanly: {}", base,
                failed.toString());
        }
    }
}
