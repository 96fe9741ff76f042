package cnode.ui;

import cnode.money.Currency;
import cnode.wallet.PendingDecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders the wallet page as one HTML document, on the server, with no script: a header (user
 * and node state), a notice about the last decision (the self-reload goes to the bare
 * {@code /ui/}, so the notice shows once), the balances, and the pending requests,
 * each with an Accept and a Reject button in a form that carries the CSRF token. Sections are
 * separate methods so that later issues (tasks, coins, history, dead letters) add theirs.
 * Every value from the view goes through {@link Html}. Pure; any thread.
 */
final class WalletPage {
    /** The stylesheet, served at {@code /ui/style.css} (the CSP allows only 'self' styles). */
    static final String STYLE = """
        body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 56rem;
               padding: 0 1rem; color: #1b1b1b; background: #fafafa; }
        h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
        h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
        table { border-collapse: collapse; }
        th, td { padding: 0.3rem 0.8rem; text-align: right; border-bottom: 1px solid #e4e4e4; }
        th:first-child { text-align: left; }
        .state { color: #555; margin-top: 0; }
        .notice { background: #eef6ee; border: 1px solid #9c9; padding: 0.5rem; }
        .decision { list-style: none; border: 1px solid #ccc; background: #fff;
                    padding: 0.6rem 0.8rem; margin-bottom: 0.8rem; }
        .decision .description { white-space: pre-wrap; color: #333; }
        .decision .meta { color: #555; font-size: 0.9rem; }
        button { font-size: 1rem; padding: 0.3rem 1.2rem; margin-right: 0.5rem; }
        button.accept { background: #2e7d32; color: #fff; border: 1px solid #1b5e20; }
        button.reject { background: #c62828; color: #fff; border: 1px solid #8e0000; }
        .empty { color: #555; }
        """;

    private static final DateTimeFormatter RECEIVED =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** What the last POST achieved, carried in the redirect as {@code ?done=SLUG}. */
    enum Notice {
        ACCEPTED("accepted", "You accepted the request."),
        REJECTED("rejected", "You rejected the request."),
        ALREADY_DECIDED("already-decided", "That request was already decided."),
        WITHDRAWN("withdrawn", "The requester withdrew that request before your decision."),
        UNKNOWN("unknown", "That request is no longer waiting: it expired or never existed."),
        REVOKED("revoked", "You revoked the series; the merchant was told."),
        NO_SERIES("no-series", "That series is no longer accepted here.");

        private final String slug;
        private final String message;

        Notice(String slug, String message) {
            this.slug = slug;
            this.message = message;
        }

        String slug() {
            return slug;
        }

        /** The notice a query names, or null for none or anything unknown. */
        static Notice fromQuery(String query) {
            if (query == null || !query.startsWith("done=")) {
                return null;
            }
            for (Notice notice : values()) {
                if (query.equals("done=" + notice.slug)) {
                    return notice;
                }
            }
            return null;
        }
    }

    private WalletPage() {}

    /** The whole page for {@code view}, with {@code csrf} in every form. */
    static String render(PageView view, String csrf, Notice notice, PageLimits limits) {
        StringBuilder html = new StringBuilder(4096);
        String who = view.username().isEmpty() ? "nobody logged in" : view.username();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"refresh\" content=\"").append(limits.refreshSeconds())
            .append("; url=/ui/\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>cnode wallet: ").append(Html.text(who)).append("</title>\n")
            .append("<link rel=\"stylesheet\" href=\"/ui/style.css\">\n</head>\n<body>\n");
        header(html, view, who);
        html.append("<main>\n");
        if (notice != null) {
            html.append("<p class=\"notice\" id=\"notice\" role=\"status\">")
                .append(Html.text(notice.message)).append("</p>\n");
        }
        balances(html, view);
        decisions(html, view, csrf, limits);
        series(html, view, csrf);
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, PageView view, String who) {
        html.append("<header>\n<h1>Wallet of <span id=\"user\">").append(Html.text(who))
            .append("</span></h1>\n<p class=\"state\">Node state: <span id=\"state\">")
            .append(Html.text(view.state().name())).append("</span></p>\n</header>\n");
    }

    private static void balances(StringBuilder html, PageView view) {
        html.append("<section id=\"balances\">\n<h2>Balances</h2>\n");
        if (view.balances().isEmpty()) {
            html.append("<p class=\"empty\">No balances to show yet.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<thead><tr><th scope=\"col\">Currency</th><th scope=\"col\">Free"
            + "</th><th scope=\"col\">Locked</th><th scope=\"col\">Vault</th></tr></thead>\n"
            + "<tbody>\n");
        for (PageView.Balance balance : view.balances()) {
            String code = balance.currency().code();
            html.append("<tr id=\"balance-").append(Html.attribute(code)).append("\">")
                .append("<th scope=\"row\">").append(Html.text(code)).append("</th>")
                .append("<td class=\"free\">")
                .append(Html.text(units(balance.freeBillons(), balance.currency())))
                .append("</td><td class=\"locked\">")
                .append(Html.text(units(balance.lockedBillons(), balance.currency())))
                .append("</td><td class=\"vault\">")
                .append(Html.text(units(balance.vaultBillons(), balance.currency())))
                .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void decisions(StringBuilder html, PageView view, String csrf,
                                  PageLimits limits) {
        html.append("<section id=\"decisions\">\n<h2>Pending requests</h2>\n");
        if (view.pending().isEmpty()) {
            html.append("<p class=\"empty\">No pending requests</p>\n</section>\n");
            return;
        }
        html.append("<ul>\n");
        for (PendingDecision request : view.pending()) {
            decision(html, request, csrf, limits);
        }
        html.append("</ul>\n</section>\n");
    }

    private static void series(StringBuilder html, PageView view, String csrf) {
        if (view.series().isEmpty()) {
            return;
        }
        html.append("<section id=\"series\">\n<h2>Series you accepted</h2>\n<ul>\n");
        for (PageView.Series series : view.series()) {
            html.append("<li id=\"series-").append(Html.attribute(series.id())).append("\">")
                .append(Html.text(series.merchant())).append(": ")
                .append(Html.text(series.title())).append(" (at most ")
                .append(series.totalMaxBillons() == 0 ? "no limit"
                    : Html.text(units(series.totalMaxBillons(), series.currency())))
                .append(")\n<form method=\"post\" action=\"/ui/series/")
                .append(Html.attribute(series.id())).append("\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"")
                .append(Html.attribute(csrf)).append("\">")
                .append("<button class=\"revoke\" name=\"verdict\" value=\"revoke\">Revoke"
                    + "</button>\n</form>\n</li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    private static void decision(StringBuilder html, PendingDecision request, String csrf,
                                 PageLimits limits) {
        html.append("<li class=\"decision\" id=\"decision-").append(Html.attribute(request.id()))
            .append("\">\n<p><strong>").append(Html.text(request.kind().label()))
            .append("</strong> from <span class=\"from\">").append(Html.text(request.from()))
            .append("</span>: <span class=\"amount\">")
            .append(Html.text(units(request.amountBillons(), request.currency())))
            .append("</span></p>\n");
        if (!request.title().isEmpty()) {
            html.append("<p class=\"title\">")
                .append(Html.text(cut(request.title(), limits.textCharsMax()))).append("</p>\n");
        }
        if (!request.description().isEmpty()) {
            html.append("<p class=\"description\">")
                .append(Html.text(cut(request.description(), limits.textCharsMax())))
                .append("</p>\n");
        }
        html.append("<p class=\"meta\">Received ")
            .append(Html.text(RECEIVED.format(Instant.ofEpochMilli(request.receivedMs()))))
            .append(", id ").append(Html.text(request.id())).append("</p>\n")
            .append("<form method=\"post\" action=\"/ui/decisions/")
            .append(Html.attribute(request.id())).append("\">\n")
            .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.attribute(csrf))
            .append("\">\n")
            .append("<button type=\"submit\" class=\"accept\" name=\"verdict\" value=\"accept\">"
                + "Accept</button>\n")
            .append("<button type=\"submit\" class=\"reject\" name=\"verdict\" value=\"reject\">"
                + "Reject</button>\n</form>\n</li>\n");
    }

    /** {@code billons} in currency units with three decimals, as cnode-api §1.7 prints them. */
    static String units(long billons, Currency currency) {
        return BigDecimal.valueOf(billons, 3).toPlainString() + " " + currency.code();
    }

    /** At most {@code max} code points of {@code text}, marked with "…" when cut. */
    private static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
    }
}
