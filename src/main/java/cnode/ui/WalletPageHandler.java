package cnode.ui;

import cnode.wallet.Decisions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything under {@code /ui/} on the node's SOAP port (contract §3): the wallet page, its
 * stylesheet, and the form POSTs that accept or reject a pending request
 * (docs/WALLET-PAGE.md). The port has no login on loopback, so every request is checked in
 * this order, each refusal a value answered at once:
 * <ol>
 * <li>the Host must name this node (a loopback name, the bind address or the address the
 *     connection came in on), else 403: this stops DNS rebinding, which would otherwise let a
 *     foreign site read the page and its token;</li>
 * <li>the path must be a route (404) and the method one it takes (405);</li>
 * <li>a POST whose Origin (or, without one, Referer) is present and not this host: 403;</li>
 * <li>a POST that is not {@code application/x-www-form-urlencoded} in UTF-8: 415;</li>
 * <li>a POST body over {@link PageLimits#formBytesMax()}: 413;</li>
 * <li>a POST without the signed double-submit token ({@link CsrfGuard}) in cookie and form:
 *     403; a verdict other than accept or reject: 400;</li>
 * </ol>
 * then the verdict goes to {@link Decisions} and the browser is sent back to {@code /ui/}
 * with 303. Every answer carries the security headers (CSP, nosniff, no-store,
 * same-origin referrers, no framing). Stateless apart from the CSRF key; any Jetty thread.
 */
public final class WalletPageHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(WalletPageHandler.class);
    private static final Pattern DECISION = Pattern.compile("/ui/decisions/([0-9A-Z]{26})");
    private static final Pattern SERIES = Pattern.compile("/ui/series/([0-9A-Z]{26})");
    private static final String HTML = "text/html; charset=utf-8";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CSP = "default-src 'none'; style-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Set<String> LOOPBACK =
        Set.of("127.0.0.1", "localhost", "::1", "0:0:0:0:0:0:0:1");

    private final Supplier<PageView> view;
    private final Decisions decisions;
    private final String bindAddress;
    private final PageLimits limits;
    private final CsrfGuard csrf;
    private final Predicate<String> revoke;

    /**
     * The page over {@code view} (read on every GET) and {@code decisions} (where verdicts
     * go), for a port bound to {@code bindAddress}, with {@code limits}.
     */
    public WalletPageHandler(Supplier<PageView> view, Decisions decisions, String bindAddress,
                             PageLimits limits) {
        this(view, decisions, bindAddress, limits, id -> false);
    }

    /**
     * The page as above, where a person may also revoke an accepted series: {@code revoke}
     * gets its id and answers whether there was such a series.
     */
    public WalletPageHandler(Supplier<PageView> view, Decisions decisions, String bindAddress,
                             PageLimits limits, Predicate<String> revoke) {
        if (view == null || decisions == null || bindAddress == null || limits == null) {
            throw new IllegalArgumentException("the wallet page needs a view, a desk, an "
                + "address and limits");
        }
        this.view = view;
        this.decisions = decisions;
        this.bindAddress = bare(bindAddress);
        this.limits = limits;
        this.csrf = new CsrfGuard(new SecureRandom());
        this.revoke = revoke;
    }

    /** The page with {@link PageLimits#defaults()}. */
    public WalletPageHandler(Supplier<PageView> view, Decisions decisions,
                             String bindAddress) {
        this(view, decisions, bindAddress, PageLimits.defaults());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        secure(response);
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        Matcher decision = path == null ? null : DECISION.matcher(path);
        Matcher series = path == null ? null : SERIES.matcher(path);
        if (!ownHost(request)) {
            refuse(response, callback, HttpStatus.FORBIDDEN_403, "This page answers only at "
                + "the node's own address (127.0.0.1 or localhost).", request);
        } else if ("/ui".equals(path)) {
            if (read) {
                redirect(response, callback, HttpStatus.MOVED_PERMANENTLY_301, "/ui/");
            } else {
                notAllowed(response, callback, "GET, HEAD", request);
            }
        } else if ("/ui/".equals(path)) {
            if (read) {
                page(request, response, callback);
            } else {
                notAllowed(response, callback, "GET, HEAD", request);
            }
        } else if ("/ui/style.css".equals(path)) {
            if (read) {
                send(response, callback, 200, "text/css; charset=utf-8",
                    bytes(WalletPage.STYLE));
            } else {
                notAllowed(response, callback, "GET, HEAD", request);
            }
        } else if (decision != null && decision.matches()) {
            if ("POST".equals(method)) {
                decide(request, response, callback, decision.group(1), false);
            } else {
                notAllowed(response, callback, "POST", request);
            }
        } else if (series != null && series.matches()) {
            if ("POST".equals(method)) {
                decide(request, response, callback, series.group(1), true);
            } else {
                notAllowed(response, callback, "POST", request);
            }
        } else {
            refuse(response, callback, HttpStatus.NOT_FOUND_404, "There is no such page.",
                request);
        }
        return true;
    }

    private void page(Request request, Response response, Callback callback) {
        String token = cookies(request).stream().filter(csrf::signed).findFirst().orElse(null);
        if (token == null) {
            token = csrf.issue();
            Response.addCookie(response, HttpCookie.build(CsrfGuard.COOKIE, token).path("/ui/")
                .httpOnly(true).sameSite(HttpCookie.SameSite.STRICT).build());
        }
        WalletPage.Notice notice = WalletPage.Notice.fromQuery(request.getHttpURI().getQuery());
        send(response, callback, 200, HTML,
            bytes(WalletPage.render(view.get(), token, notice, limits)));
    }

    private void decide(Request request, Response response, Callback callback, String id,
                        boolean series) {
        if (!sameOrigin(request)) {
            refuse(response, callback, HttpStatus.FORBIDDEN_403, "This form was sent from "
                + "another site; decide on the wallet page itself.", request);
            return;
        }
        if (!formContent(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            refuse(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "The page takes "
                + "only forms (application/x-www-form-urlencoded, UTF-8).", request);
            return;
        }
        long declared = request.getLength();
        byte[] body = declared > limits.formBytesMax() ? null : read(request, declared);
        if (body == null) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            refuse(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "The form is larger "
                + "than " + limits.formBytesMax() + " bytes.", request);
            return;
        }
        Fields form = form(body);
        String verdict = form == null ? null : single(form, "verdict");
        if (form == null || !genuine(request, single(form, "csrf"))) {
            refuse(response, callback, HttpStatus.FORBIDDEN_403, "The form's security token is "
                + "missing or stale; reload the page and decide again.", request);
        } else if (series) {
            if (!"revoke".equals(verdict)) {
                refuse(response, callback, HttpStatus.BAD_REQUEST_400, "A series can only be "
                    + "revoked.", request);
            } else {
                redirect(response, callback, HttpStatus.SEE_OTHER_303, "/ui/?done="
                    + (revoke.test(id) ? WalletPage.Notice.REVOKED
                        : WalletPage.Notice.NO_SERIES).slug());
            }
        } else if (!"accept".equals(verdict) && !"reject".equals(verdict)) {
            refuse(response, callback, HttpStatus.BAD_REQUEST_400, "Choose accept or reject.",
                request);
        } else {
            Decisions.Verdict chosen = "accept".equals(verdict)
                ? Decisions.Verdict.ACCEPT : Decisions.Verdict.REJECT;
            Decisions.Outcome outcome = decisions.decide(id, chosen);
            redirect(response, callback, HttpStatus.SEE_OTHER_303,
                "/ui/?done=" + notice(chosen, outcome).slug());
        }
    }

    private static WalletPage.Notice notice(Decisions.Verdict chosen, Decisions.Outcome outcome) {
        return switch (outcome) {
            case DECIDED -> chosen == Decisions.Verdict.ACCEPT
                ? WalletPage.Notice.ACCEPTED : WalletPage.Notice.REJECTED;
            case ALREADY_DECIDED -> WalletPage.Notice.ALREADY_DECIDED;
            case WITHDRAWN -> WalletPage.Notice.WITHDRAWN;
            case UNKNOWN -> WalletPage.Notice.UNKNOWN;
        };
    }

    /** Whether the Host names this node, so the page is not served to a rebound DNS name. */
    private boolean ownHost(Request request) {
        String host = request.getHttpURI().getHost();
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = bare(host);
        return LOOPBACK.contains(name) || name.equals(bindAddress)
            || name.equals(bare(Request.getLocalAddr(request)));
    }

    /**
     * Whether the POST comes from this page: its Origin, or its Referer when there is no
     * Origin, names this scheme, host and port. Neither header (some privacy tools strip
     * both) leaves the decision to the CSRF token.
     */
    private static boolean sameOrigin(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String source = origin != null ? origin : request.getHeaders().get(HttpHeader.REFERER);
        if (source == null) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(source.strip());
        } catch (URISyntaxException malformed) {
            return false;
        }
        HttpURI self = request.getHttpURI();
        String scheme = self.getScheme() == null ? "http" : self.getScheme();
        return uri.getScheme() != null && uri.getHost() != null
            && scheme.equalsIgnoreCase(uri.getScheme())
            && bare(uri.getHost()).equals(bare(self.getHost()))
            && port(scheme, uri.getPort()) == port(scheme, self.getPort());
    }

    private static int port(String scheme, int port) {
        if (port > 0) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** Whether the Content-Type is a URL-encoded form with no charset or UTF-8. */
    static boolean formContent(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(FORM)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            if (pair[0].strip().equalsIgnoreCase("charset") && (pair.length < 2
                || !pair[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    private boolean genuine(Request request, String field) {
        for (String cookie : cookies(request)) {
            if (csrf.genuine(cookie, field)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> cookies(Request request) {
        return Request.getCookies(request).stream()
            .filter(cookie -> CsrfGuard.COOKIE.equals(cookie.getName()))
            .map(HttpCookie::getValue).toList();
    }

    /** The decoded form, or null when it is not valid URL-encoded UTF-8. */
    private static Fields form(byte[] body) {
        Fields fields = new Fields(true);
        try {
            UrlEncoded.decodeUtf8To(new String(body, StandardCharsets.ISO_8859_1), fields);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        return fields;
    }

    /** The one value of {@code name}, or null when it is absent or repeated. */
    private static String single(Fields form, String name) {
        Fields.Field field = form.get(name);
        return field == null || field.hasMultipleValues() ? null : field.getValue();
    }

    /**
     * The whole body, or null when it is larger than the limit: a declared length is read
     * exactly (Jetty holds the client to it), a chunked body up to one byte past the limit.
     * A broken connection yields what arrived, which then fails the token check.
     */
    private byte[] read(Request request, long declared) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared >= 0) {
                return in.readNBytes((int) declared);
            }
            byte[] body = in.readNBytes(limits.formBytesMax() + 1);
            return body.length > limits.formBytesMax() ? null : body;
        } catch (IOException broken) {
            return new byte[0];
        }
    }

    /** Host names compared without IPv6 brackets and case. */
    private static String bare(String host) {
        if (host == null) {
            return "";
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]")
            ? lower.substring(1, lower.length() - 1) : lower;
    }

    private static void secure(Response response) {
        response.getHeaders().put("Content-Security-Policy", CSP);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Referrer-Policy", "same-origin");
        response.getHeaders().put("X-Frame-Options", "DENY");
    }

    private static void notAllowed(Response response, Callback callback, String allow,
                                   Request request) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        refuse(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "This address takes "
            + allow + " only.", request);
    }

    private static void refuse(Response response, Callback callback, int status,
                               String message, Request request) {
        LOG.info("wallet page refused {} {}: {} {}", request.getMethod(),
            request.getHttpURI().getPath(), status, message);
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<title>" + status + "</title>\n<link rel=\"stylesheet\" href=\"/ui/style.css\">"
            + "\n</head>\n<body>\n<p>" + Html.text(message) + "</p>\n"
            + "<p><a href=\"/ui/\">Back to the wallet</a></p>\n</body>\n</html>\n";
        send(response, callback, status, HTML, bytes(html));
    }

    private static void redirect(Response response, Callback callback, int status,
                                 String location) {
        response.getHeaders().put(HttpHeader.LOCATION, location);
        send(response, callback, status, "text/plain; charset=utf-8",
            bytes("See " + location + "\n"));
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
