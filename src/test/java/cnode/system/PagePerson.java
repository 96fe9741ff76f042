package cnode.system;

import cnode.NodeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person at a wallet node's web page, as a browser would act: reads the page (and its CSRF
 * cookie and form token), lists the pending requests, and accepts or rejects one with the
 * page's form POST.
 */
final class PagePerson {
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern DECISION =
        Pattern.compile("action=\"/ui/decisions/([0-9A-Z]{26})\"");
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String origin;
    private String cookie = "";
    private String page = "";

    PagePerson(NodeHarness node) {
        this.origin = "http://127.0.0.1:" + node.port();
    }

    /** Loads the page; answers the ids of the requests it lists, oldest first. */
    List<String> pending() throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(origin + "/ui/"))
            .timeout(Duration.ofSeconds(10)).GET();
        if (!cookie.isEmpty()) {
            get.header("Cookie", cookie);
        }
        HttpResponse<String> response = HTTP.send(get.build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        response.headers().firstValue("Set-Cookie")
            .ifPresent(set -> cookie = set.substring(0, set.indexOf(';')));
        page = response.body();
        List<String> ids = new ArrayList<>();
        Matcher matcher = DECISION.matcher(page);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Clicks Revoke on accepted series {@code id}; answers the HTTP status. */
    int revoke(String id) throws Exception {
        return post("/ui/series/" + id, "revoke");
    }

    /** Clicks Accept (or Reject) on request {@code id}; answers the HTTP status. */
    int decide(String id, boolean accept) throws Exception {
        return post("/ui/decisions/" + id, accept ? "accept" : "reject");
    }

    private int post(String path, String verdict) throws Exception {
        if (!TOKEN.matcher(page).find() || cookie.isEmpty()) {
            throw new AssertionError("the page has no form token: " + page);
        }
        // The form carries the same token as the cookie (double submit); the page writes it
        // HTML-escaped, so a browser would send the cookie's value.
        String token = cookie.substring(cookie.indexOf('=') + 1);
        String form = "verdict=" + verdict + "&csrf="
            + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpRequest post = HttpRequest.newBuilder(URI.create(origin + path))
            .timeout(Duration.ofSeconds(10)).header("Cookie", cookie)
            .header("Origin", origin)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits until the page lists a request; answers its id. */
    String awaitRequest() throws Exception {
        long giveUpAt = System.currentTimeMillis() + Network.WAIT_MS;
        while (System.currentTimeMillis() < giveUpAt) {
            List<String> ids = pending();
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no request appeared on " + origin + "/ui/");
    }
}
