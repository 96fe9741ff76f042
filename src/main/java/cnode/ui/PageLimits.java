package cnode.ui;

/**
 * Limits of the wallet page, validated at start-up.
 *
 * @param formBytesMax    largest form body a POST may carry; a larger one is refused with 413
 * @param refreshSeconds  how often the page reloads itself, so new requests show up
 * @param textCharsMax    longest title or description shown; longer ones are cut with "…"
 */
public record PageLimits(int formBytesMax, int refreshSeconds, int textCharsMax) {
    public PageLimits {
        if (formBytesMax < 256 || formBytesMax > 1 << 20 || refreshSeconds < 1
            || refreshSeconds > 3_600 || textCharsMax < 16 || textCharsMax > 100_000) {
            throw new IllegalArgumentException("wallet page limits out of range: form "
                + formBytesMax + " bytes, refresh " + refreshSeconds + " s, text "
                + textCharsMax + " chars");
        }
    }

    /** 8 KiB forms, a reload every 5 s, 2 000 characters of text per field. */
    public static PageLimits defaults() {
        return new PageLimits(8 * 1024, 5, 2_000);
    }
}
