package cnode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.money.Currency;
import cnode.wallet.Decisions;
import cnode.wallet.PendingDecision;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wallet page over real HTTP (docs/WALLET-PAGE.md): what it shows, a decision by form
 * POST reaching the requester's future, and every refusal with its status, each of which
 * must leave the request undecided.
 */
class WalletPageTest {
    private PageRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = PageRig.start();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** A form POST to {@code path} as the page's own form sends it, with these headers. */
    private HttpResponse<String> post(String path, String body, String... headers)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(rig.uri(path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return rig.http.send(request.build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The headers a browser sends with the page's form, carrying {@code token}. */
    private String[] formHeaders(String token) {
        return new String[] {"Content-Type", "application/x-www-form-urlencoded",
            "Cookie", CsrfGuard.COOKIE + "=" + token, "Origin", rig.origin()};
    }

    @Test
    void pageShowsUserStateBalancesAndNoPendingRequests() throws Exception {
        rig.balances.set(List.of(new PageView.Balance(Currency.PLN, 500_000, 1_250, 7),
            new PageView.Balance(new Currency("EUR"), 0, 0, 30_000_001)));
        HttpResponse<String> page = rig.get("/ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<span id=\"user\">bruno</span>")
            .contains("<span id=\"state\">VUI_READY</span>")
            .contains("<td class=\"free\">500.000 PLN</td>")
            .contains("<td class=\"locked\">1.250 PLN</td>")
            .contains("<td class=\"vault\">0.007 PLN</td>")
            .contains("<td class=\"vault\">30000.001 EUR</td>")
            .contains("No pending requests")
            .contains("<meta http-equiv=\"refresh\" content=\"3600; url=/ui/\">")
            .doesNotContain("<form").doesNotContain("<script");
        assertSecurityHeaders(page);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(CsrfGuard.COOKIE + "=").contains("Path=/ui/")
            .contains("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    void aBrowserKeepsItsTokenAcrossPageViews() throws Exception {
        String token = rig.token();
        HttpResponse<String> again = rig.http.send(HttpRequest.newBuilder(rig.uri("/ui/"))
            .header("Cookie", CsrfGuard.COOKIE + "=" + token).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> forged = rig.http.send(HttpRequest.newBuilder(rig.uri("/ui/"))
            .header("Cookie", CsrfGuard.COOKIE + "=planted").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(forged.headers().firstValue("Set-Cookie")).isPresent()
            .get().asString().doesNotContain("planted");
    }

    @Test
    void pendingRequestIsListedWithAcceptAndRejectButtons() throws Exception {
        PendingDecision request = PageRig.request(12_500, "Coffee at the shop");
        rig.decisions.offer(request);
        String token = rig.token();
        String body = rig.http.send(HttpRequest.newBuilder(rig.uri("/ui/"))
            .header("Cookie", CsrfGuard.COOKIE + "=" + token).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).doesNotContain("No pending requests")
            .contains("Payment request</strong> from <span class=\"from\">alice</span>")
            .contains("<span class=\"amount\">12.500 PLN</span>")
            .contains("Coffee at the shop").contains("Order 17: two coffees")
            .contains("Received 2023-11-14 22:13:20 UTC")
            .contains("<form method=\"post\" action=\"/ui/decisions/" + request.id() + "\">")
            .contains("<input type=\"hidden\" name=\"csrf\" value=\"" + Html.attribute(token)
                + "\">")
            .contains("name=\"verdict\" value=\"accept\">Accept</button>")
            .contains("name=\"verdict\" value=\"reject\">Reject</button>");
    }

    @Test
    void acceptingByFormCompletesTheRequestersFuture() throws Exception {
        PendingDecision request = PageRig.request(12_500, "Coffee");
        CompletableFuture<Decisions.Verdict> verdict = rig.decisions.offer(request);
        String token = rig.token();
        HttpResponse<String> answer = post("/ui/decisions/" + request.id(),
            "verdict=accept&csrf=" + token, formHeaders(token));
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/ui/?done=accepted");
        assertSecurityHeaders(answer);
        assertThat(verdict.get(5, TimeUnit.SECONDS)).isEqualTo(Decisions.Verdict.ACCEPT);
        assertThat(rig.decisions.pending()).isEmpty();
        assertThat(rig.get("/ui/?done=accepted").body())
            .contains("<p class=\"notice\" id=\"notice\" role=\"status\">You accepted the "
                + "request.</p>").contains("No pending requests");
    }

    @Test
    void rejectingByFormAndLateOrUnknownClicksAreToldWhatHappened() throws Exception {
        PendingDecision request = PageRig.request(99_000, "Tickets");
        CompletableFuture<Decisions.Verdict> verdict = rig.decisions.offer(request);
        String token = rig.token();
        String path = "/ui/decisions/" + request.id();
        assertThat(post(path, "csrf=" + token + "&verdict=reject", formHeaders(token))
            .headers().firstValue("Location")).hasValue("/ui/?done=rejected");
        assertThat(verdict.getNow(null)).isEqualTo(Decisions.Verdict.REJECT);
        assertThat(post(path, "verdict=accept&csrf=" + token, formHeaders(token))
            .headers().firstValue("Location")).hasValue("/ui/?done=already-decided");
        assertThat(verdict.getNow(null)).isEqualTo(Decisions.Verdict.REJECT);
        String unknown = "/ui/decisions/" + PageRig.request(1, "").id();
        assertThat(post(unknown, "verdict=accept&csrf=" + token, formHeaders(token))
            .headers().firstValue("Location")).hasValue("/ui/?done=unknown");
        PendingDecision withdrawn = PageRig.request(5, "Gone");
        rig.decisions.offer(withdrawn);
        rig.decisions.withdraw(withdrawn.id());
        assertThat(post("/ui/decisions/" + withdrawn.id(), "verdict=accept&csrf=" + token,
            formHeaders(token)).headers().firstValue("Location"))
            .hasValue("/ui/?done=withdrawn");
        assertThat(rig.get("/ui/?done=withdrawn").body())
            .contains("The requester withdrew that request before your decision.");
        assertThat(rig.get("/ui/?done=%3Cscript%3E").body()).doesNotContain("class=\"notice\"");
    }

    @Test
    void aPostWithoutAGenuineTokenIsRefusedAndDecidesNothing() throws Exception {
        PendingDecision request = PageRig.request(12_500, "Coffee");
        CompletableFuture<Decisions.Verdict> verdict = rig.decisions.offer(request);
        String path = "/ui/decisions/" + request.id();
        String token = rig.token();
        String other = rig.token();
        String unsigned = "AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        List<HttpResponse<String>> refused = List.of(
            post(path, "verdict=accept&csrf=" + token, "Content-Type",
                "application/x-www-form-urlencoded", "Origin", rig.origin()),
            post(path, "verdict=accept", formHeaders(token)),
            post(path, "verdict=accept&csrf=" + other, formHeaders(token)),
            post(path, "verdict=accept&csrf=" + token + "&csrf=" + token, formHeaders(token)),
            post(path, "verdict=accept&csrf=" + unsigned, formHeaders(unsigned)),
            post(path, "verdict=accept&csrf=" + token.substring(1),
                formHeaders(token.substring(1))),
            post(path, "verdict=accept&csrf=%ZZ", formHeaders(token)));
        for (HttpResponse<String> answer : refused) {
            assertThat(answer.statusCode()).as(answer.request().toString()).isEqualTo(403);
            assertThat(answer.body()).contains("security token");
            assertSecurityHeaders(answer);
        }
        assertThat(verdict).isNotDone();
        assertThat(rig.decisions.pending()).containsExactly(request);
    }

    @Test
    void aPostFromAnotherOriginIsRefused() throws Exception {
        PendingDecision request = PageRig.request(12_500, "Coffee");
        CompletableFuture<Decisions.Verdict> verdict = rig.decisions.offer(request);
        String path = "/ui/decisions/" + request.id();
        String token = rig.token();
        String form = "application/x-www-form-urlencoded";
        String cookie = CsrfGuard.COOKIE + "=" + token;
        String body = "verdict=accept&csrf=" + token;
        String otherPort = "http://127.0.0.1:" + (rig.port() == 1 ? 2 : rig.port() - 1);
        for (String[] headers : List.of(
            new String[] {"Origin", otherPort},
            new String[] {"Origin", "http://evil.example"},
            new String[] {"Origin", "null"},
            new String[] {"Origin", "https://127.0.0.1:" + rig.port()},
            new String[] {"Referer", otherPort + "/ui/"},
            new String[] {"Referer", "::not a uri::"})) {
            HttpResponse<String> answer = post(path, body, "Content-Type", form, "Cookie",
                cookie, headers[0], headers[1]);
            assertThat(answer.statusCode()).as(String.join(": ", headers)).isEqualTo(403);
            assertThat(answer.body()).contains("another site");
        }
        assertThat(verdict).isNotDone();
        HttpResponse<String> sameReferer = post(path, body, "Content-Type", form, "Cookie",
            cookie, "Referer", rig.origin() + "/ui/");
        assertThat(sameReferer.statusCode()).isEqualTo(303);
        assertThat(verdict.getNow(null)).isEqualTo(Decisions.Verdict.ACCEPT);
    }

    @Test
    void aPostThatIsNotAUtf8FormIsRefusedWith415() throws Exception {
        PendingDecision request = PageRig.request(12_500, "Coffee");
        CompletableFuture<Decisions.Verdict> verdict = rig.decisions.offer(request);
        String token = rig.token();
        for (String type : List.of("text/plain", "application/json", "multipart/form-data",
            "application/x-www-form-urlencoded; charset=iso-8859-1")) {
            HttpResponse<String> answer = post("/ui/decisions/" + request.id(),
                "verdict=accept&csrf=" + token, "Content-Type", type,
                "Cookie", CsrfGuard.COOKIE + "=" + token);
            assertThat(answer.statusCode()).as(type).isEqualTo(415);
        }
        HttpResponse<String> none = post("/ui/decisions/" + request.id(), "");
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(verdict).isNotDone();
        assertThat(WalletPageHandler.formContent("Application/X-WWW-Form-Urlencoded; "
            + "charset=\"UTF-8\"")).isTrue();
    }

    @Test
    void aFormOverTheLimitIsRefusedWith413() throws Exception {
        PendingDecision request = PageRig.request(12_500, "Coffee");
        CompletableFuture<Decisions.Verdict> verdict = rig.decisions.offer(request);
        String token = rig.token();
        String padding = "&pad=" + "x".repeat(8 * 1024);
        HttpResponse<String> answer = post("/ui/decisions/" + request.id(),
            "verdict=accept&csrf=" + token + padding, formHeaders(token));
        assertThat(answer.statusCode()).isEqualTo(413);
        String chunked = "POST /ui/decisions/" + request.id() + " HTTP/1.1\r\nHost: 127.0.0.1"
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nCookie: "
            + CsrfGuard.COOKIE + "=" + token + "\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n\r\n" + Integer.toHexString(9000) + "\r\n"
            + "a".repeat(9000) + "\r\n0\r\n\r\n";
        assertThat(rig.raw(chunked)).startsWith("HTTP/1.1 413 ");
        assertThat(verdict).isNotDone();
    }

    @Test
    void aVerdictOtherThanAcceptOrRejectIsABadRequest() throws Exception {
        PendingDecision request = PageRig.request(12_500, "Coffee");
        CompletableFuture<Decisions.Verdict> verdict = rig.decisions.offer(request);
        String token = rig.token();
        for (String body : List.of("verdict=ACCEPT", "verdict=withdrawn", "", "verdict=accept"
            + "&verdict=reject")) {
            HttpResponse<String> answer = post("/ui/decisions/" + request.id(),
                body + "&csrf=" + token, formHeaders(token));
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
        }
        assertThat(verdict).isNotDone();
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        String id = PageRig.request(1, "").id();
        for (String path : List.of("/ui/nothing", "/ui/decisions/", "/ui/decisions/short",
            "/ui/decisions/" + id.toLowerCase(java.util.Locale.ROOT), "/ui/decisions/" + id
            + "/x", "/ui/style.css/x")) {
            HttpResponse<String> answer = rig.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertSecurityHeaders(answer);
        }
        HttpResponse<String> get = rig.get("/ui/decisions/" + id);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> postPage = post("/ui/", "verdict=accept", "Content-Type",
            "application/x-www-form-urlencoded");
        assertThat(postPage.statusCode()).isEqualTo(405);
        assertThat(postPage.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> delete = rig.http.send(HttpRequest.newBuilder(
            rig.uri("/ui/style.css")).method("DELETE", HttpRequest.BodyPublishers.noBody())
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        HttpResponse<String> bare = rig.get("/ui");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue("/ui/");
    }

    @Test
    void stylesheetIsServedAndOtherRoutesOfThePortStillWork() throws Exception {
        HttpResponse<String> css = rig.get("/ui/style.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).contains("button.accept");
        assertThat(rig.get("/health").body()).contains("\"up\"");
        assertThat(rig.get("/nothing").statusCode()).isEqualTo(404);
        assertThat(rig.get("/uix").statusCode()).isEqualTo(404);
    }

    @Test
    void aForeignHostNameIsRefusedAgainstDnsRebinding() throws Exception {
        String head = " HTTP/1.1\r\nConnection: close\r\nHost: ";
        String evil = rig.raw("GET /ui/" + head + "evil.example:" + rig.port() + "\r\n\r\n");
        assertThat(evil).startsWith("HTTP/1.1 403 ").contains("own address")
            .doesNotContain("bruno").doesNotContain("Set-Cookie");
        assertThat(rig.raw("GET /ui/style.css" + head + "rebound.test\r\n\r\n"))
            .startsWith("HTTP/1.1 403 ");
        assertThat(rig.raw("GET /ui/" + head + "localhost:" + rig.port() + "\r\n\r\n"))
            .startsWith("HTTP/1.1 200 ").contains("bruno");
        assertThat(rig.raw("GET /ui/" + head + "127.0.0.1\r\n\r\n"))
            .startsWith("HTTP/1.1 200 ");
        assertThat(rig.raw("HEAD /ui/" + head + "127.0.0.1\r\n\r\n"))
            .startsWith("HTTP/1.1 200 ").doesNotContain("<!DOCTYPE");
    }

    @Test
    void everyValueIsEscaped() throws Exception {
        rig.username.set("bruno\"><img src=x onerror=alert(1)>");
        PendingDecision hostile = new PendingDecision(PageRig.request(1, "").id(),
            "o'brien\"<b>", PendingDecision.Kind.SERIES, 1, Currency.PLN,
            "<script>alert(\"x\")</script>", "</p><iframe src='//evil'>&amp;\u0000", 0);
        rig.decisions.offer(hostile);
        String body = rig.get("/ui/").body();
        assertThat(body).doesNotContain("<script").doesNotContain("<img")
            .doesNotContain("<iframe").doesNotContain("<b>").doesNotContain("\u0000")
            .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
            .contains("o&#x27;brien&quot;&lt;b&gt;")
            .contains("&lt;/p&gt;&lt;iframe src=&#x27;//evil&#x27;&gt;&amp;amp;\uFFFD")
            .contains("bruno&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void longTextsAreCutToTheLimit() throws Exception {
        try (PageRig small = PageRig.start(4, new PageLimits(1024, 5, 16))) {
            small.decisions.offer(PageRig.request(1, "x".repeat(40)));
            String body = small.get("/ui/").body();
            assertThat(body).contains("<p class=\"title\">" + "x".repeat(16) + "…</p>")
                .doesNotContain("x".repeat(17))
                .contains("<meta http-equiv=\"refresh\" content=\"5; url=/ui/\">");
        }
    }

    @Test
    void amountsAreCurrencyUnitsWithThreeDecimals() {
        assertThat(WalletPage.units(0, Currency.PLN)).isEqualTo("0.000 PLN");
        assertThat(WalletPage.units(1, Currency.PLN)).isEqualTo("0.001 PLN");
        assertThat(WalletPage.units(500_000, Currency.PLN)).isEqualTo("500.000 PLN");
        assertThat(WalletPage.units(Long.MAX_VALUE, new Currency("EUR")))
            .isEqualTo("9223372036854775.807 EUR");
    }

    @Test
    void htmlEscapingFollowsTheOwaspRules() {
        assertThat(Html.text("a&b<c>d\"e'f/g")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#x27;f/g");
        assertThat(Html.attribute("a b\"c'd=e`f<g>h&i")).isEqualTo(
            "a&#x20;b&#x22;c&#x27;d&#x3d;e&#x60;f&#x3c;g&#x3e;h&#x26;i");
        assertThat(Html.text("tab\tline\nbell\u0007del\u007f")).isEqualTo(
            "tab\tline\nbell\uFFFDdel\uFFFD");
        assertThat(Html.attribute("żółw\u0001")).isEqualTo("żółw\uFFFD");
    }

    private static void assertSecurityHeaders(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(
            "default-src 'none'; style-src 'self'; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
}
