package cnode.colony;

import cnode.money.Currency;
import java.util.Comparator;
import java.util.Objects;

/**
 * Whose daily counters: a user and a currency (every colour of the currency counts together,
 * as the user's limits are per currency). Ordered by username, then currency. Immutable.
 *
 * @param username the user
 * @param currency the currency
 */
public record DailyKey(String username, Currency currency) implements Comparable<DailyKey> {
    private static final Comparator<DailyKey> ORDER = Comparator.comparing(DailyKey::username)
        .thenComparing(key -> key.currency().code());

    public DailyKey {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(currency, "currency");
    }

    @Override
    public int compareTo(DailyKey other) {
        return ORDER.compare(this, other);
    }
}
