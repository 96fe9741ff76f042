package cnode.colony.server;

import cnode.colony.CoinTotalRow;
import cnode.colony.ConservationReport;
import cnode.colony.Registry;
import cnode.colony.client.ColonyAdmin.CheckReply;
import cnode.colony.client.ColonyAdmin.Total;
import cnode.colony.client.Outcome;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/admin/check} (no token, contract §2): the full conservation check
 * ({@link Registry#check()}: live coins equal issued minus redeemed per currency and colour,
 * no coin with two owners, every reservation held by its swap), with the totals. {@code 200}
 * whether it passed or not; at most {@link #FINDINGS_MAX} findings. It recomputes from every
 * row on the writer thread, so it costs time in proportion to the registry: an operator's and
 * a test's tool, not a health probe. Immutable; any thread.
 */
final class AdminCheckEndpoint implements Endpoint<NoBody, CheckReply> {
    /** Most findings in one answer. */
    static final int FINDINGS_MAX = 100;

    private final WriterLink link;

    AdminCheckEndpoint(WriterLink link) {
        this.link = link;
    }

    @Override
    public Class<NoBody> requestType() {
        return NoBody.class;
    }

    @Override
    public CompletionStage<Outcome<CheckReply>> handle(NoBody request, Call call) {
        return link.ask((state, nowMs) -> Outcome.ok(reply(state.registry().check(),
            state.registry().totals())));
    }

    private static CheckReply reply(ConservationReport report, List<CoinTotalRow> rows) {
        List<Total> totals = rows.stream().map(row -> new Total(row.kind().currency().code(),
            row.kind().colour(), row.issuedBillons(), row.redeemedBillons(),
            row.circulatingBillons())).toList();
        List<String> findings = report.violations().stream().limit(FINDINGS_MAX).toList();
        return new CheckReply(report.ok(), totals, findings);
    }
}
