package cnode.payment;

import cnode.peer.PeerAddress;
import java.util.Optional;

/**
 * What a series is ({@code startSeriesPayment}'s seriesData): whose, its limits (count, total
 * in billons of {@code currency}, duration in seconds; 0 for no limit) and what the payer is
 * shown when asked to accept it.
 */
public record SeriesTerms(String payer, long paymentsMax, long totalMax, String currency,
                          long durationS, String title, String description,
                          Optional<PeerAddress> hint) {
    public SeriesTerms {
        if (payer == null || currency == null || paymentsMax < 0 || totalMax < 0
            || durationS < 0) {
            throw new IllegalArgumentException("not series terms");
        }
    }
}
