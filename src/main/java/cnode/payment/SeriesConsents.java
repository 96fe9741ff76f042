package cnode.payment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series this wallet's user accepted (the payer's side of contract §5): requests naming
 * one, from the merchant that opened it, are accepted without asking again, until the user
 * revokes it on the wallet's page. At most {@link #CONSENTS_MAX}; a revoked or ended one is
 * dropped. Thread-safe.
 */
public final class SeriesConsents {
    public static final int CONSENTS_MAX = 10_000;

    /** One accepted series, as the wallet's page lists it. */
    public record Consent(String seriesId, String merchant, String title, long totalMax,
                          String currency, long acceptedMs) {}

    private final Map<String, Consent> consents = new ConcurrentHashMap<>();

    /** Records a series the user accepted; false when the book is full. */
    boolean accept(Consent consent) {
        if (consents.size() >= CONSENTS_MAX && !consents.containsKey(consent.seriesId())) {
            return false;
        }
        consents.put(consent.seriesId(), consent);
        return true;
    }

    /** Whether a request of {@code merchant} in {@code seriesId} runs without asking. */
    boolean covers(String seriesId, String merchant) {
        Consent consent = seriesId.isEmpty() ? null : consents.get(seriesId);
        return consent != null && consent.merchant().equals(merchant);
    }

    /** Revokes a series; the consent, or null when there is none. */
    public Consent revoke(String seriesId) {
        return consents.remove(seriesId);
    }

    /** The series accepted, oldest first. */
    public List<Consent> list() {
        List<Consent> all = new ArrayList<>(consents.values());
        all.sort(Comparator.comparingLong(Consent::acceptedMs).thenComparing(Consent::seriesId));
        return all;
    }
}
