package cnode.money;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A currency code, three upper-case letters ({@code PLN}, {@code EUR}...). Money of different
 * currencies never mixes: every sum, balance and conservation check is per currency (and per
 * colour). Immutable.
 *
 * @param code the ISO-4217-like code, validated on construction
 */
public record Currency(String code) {
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    /** The currencies whose ratio {@code getCurrencyRatio} knows: 1 unit is 1 000 billons. */
    private static final Set<String> RATED = Set.of("PLN", "EUR", "GBP", "JPY", "USD");

    /** Billons in one unit of a rated currency (1 billon = 0.001 PLN). */
    public static final long BILLONS_PER_UNIT = 1000;

    public static final Currency PLN = new Currency("PLN");

    public Currency {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not a currency code: " + code);
        }
    }

    /** Whether {@code text} is a well-formed code, for guard clauses that answer by name. */
    public static boolean isCode(String text) {
        return text != null && CODE.matcher(text).matches();
    }

    /** Whether the ratio of this currency is known (1/1000); unknown ones answer 0/0. */
    public boolean rated() {
        return RATED.contains(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
