package cnode.colony.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

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
 * ignored. Thread-safe; share one per colony. Owns its JDK {@link HttpClient}; close it.
 */
public final class ColonyClient implements AutoCloseable {
    private static final String JSON = "application/json";

    private final URI base;
    private final ClientLimits limits;
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
        this.http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(limits.connectTimeoutMs()))
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        this.json = WireJson.tolerant(JsonLimits.defaults());
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
        return send(builder(path, null).GET(), "GET " + path, replyType);
    }

    /** {@code GET path} with the admin token. */
    public <R> Outcome<R> get(String path, Class<R> replyType, BearerToken token)
        throws IOException, InterruptedException {
        return send(builder(path, token).GET(), "GET " + path, replyType);
    }

    /** {@code POST path} with {@code request} as its JSON body. */
    public <R> Outcome<R> post(String path, Object request, Class<R> replyType)
        throws IOException, InterruptedException {
        return send(builder(path, null).header("Content-Type", JSON).POST(body(request)),
            "POST " + path, replyType);
    }

    /** {@code POST path} with {@code request} as its JSON body and the admin token. */
    public <R> Outcome<R> post(String path, Object request, Class<R> replyType,
                               BearerToken token) throws IOException, InterruptedException {
        return send(builder(path, token).header("Content-Type", JSON).POST(body(request)),
            "POST " + path, replyType);
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
        HttpRequest.Builder builder = builder(path, null)
            .header("Authorization", session.header());
        if (request == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", JSON).method(method, body(request));
        }
        return send(builder, method + " " + path, replyType);
    }

    /** {@code GET /health}. */
    public Outcome<HealthReply> health() throws IOException, InterruptedException {
        return get("/health", HealthReply.class);
    }

    /** {@code GET /v1/currencies}: the rated currencies and the face values. */
    public Outcome<CurrenciesReply> currencies() throws IOException, InterruptedException {
        return get("/v1/currencies", CurrenciesReply.class);
    }

    private HttpRequest.Builder builder(String path, BearerToken token) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a colony path starts with /: " + path);
        }
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(prefix + path))
            .timeout(Duration.ofMillis(limits.requestTimeoutMs()))
            .header("Accept", JSON);
        if (token != null) {
            request.header("Authorization", token.header());
        }
        return request;
    }

    private HttpRequest.BodyPublisher body(Object request) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request));
        } catch (JsonProcessingException bug) {
            throw new IllegalArgumentException("request cannot be written as JSON", bug);
        }
    }

    private <R> Outcome<R> send(HttpRequest.Builder builder, String call, Class<R> replyType)
        throws IOException, InterruptedException {
        HttpRequest request = builder.build();
        HttpResponse<InputStream> response =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(limits.replyBytesMax() + 1);
        }
        if (body.length > limits.replyBytesMax()) {
            throw new IOException("the colony's answer to " + call + " is larger than "
                + limits.replyBytesMax() + " bytes");
        }
        int status = response.statusCode();
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

    /** Closes the underlying HTTP client; calls in flight are abandoned. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
