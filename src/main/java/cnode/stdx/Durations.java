package cnode.stdx;

/**
 * Parses the durations the command line accepts: a whole number followed by {@code ms},
 * {@code s}, {@code m}, {@code h} or {@code d} ({@code 500ms}, {@code 30s}, {@code 24h},
 * {@code 730d}). Anything else is refused with a message naming the accepted forms; nothing is
 * guessed or corrected.
 */
public final class Durations {
    private Durations() {}

    /** Returns milliseconds, or throws {@link IllegalArgumentException} with a clear message. */
    public static long parseMs(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                "a duration is empty; write e.g. 500ms, 30s, 10m, 24h, 730d");
        }
        int split = 0;
        while (split < text.length() && Character.isDigit(text.charAt(split))) {
            split++;
        }
        if (split == 0 || split > 12) {
            throw invalid(text);
        }
        long amount = Long.parseLong(text.substring(0, split));
        long unitMs = switch (text.substring(split)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> throw invalid(text);
        };
        try {
            return Math.multiplyExact(amount, unitMs);
        } catch (ArithmeticException overflow) {
            throw invalid(text);
        }
    }

    /** The shortest exact text for a duration, as {@link #parseMs} reads it back. */
    public static String format(long ms) {
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms != 0 && ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
            "'" + text + "' is not a duration; write a whole number and a unit: "
                + "500ms, 30s, 10m, 24h, 730d");
    }
}
