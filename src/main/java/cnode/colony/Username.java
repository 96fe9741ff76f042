package cnode.colony;

/**
 * The rule for usernames (contract §5): 4 to 32 characters of {@code [a-z0-9._-]}, the first a
 * letter (the vendor documentation only says "longer than 3"). A name gets the first verdict
 * that applies, in this order: {@link Verdict#MISSING}, {@link Verdict#TOO_SHORT},
 * {@link Verdict#TOO_LONG}, {@link Verdict#BAD_CHARACTER}, {@link Verdict#FIRST_NOT_A_LETTER}.
 * So {@code "Alice"} is a bad character (capitals are outside the set), not a bad first letter.
 * Stateless; any thread.
 */
public final class Username {
    /** The fewest characters a name may have. */
    public static final int LENGTH_MIN = 4;
    /** The most characters a name may have. */
    public static final int LENGTH_MAX = 32;

    /** What the rule says of one name. */
    public enum Verdict {
        /** The name follows the rule. */
        VALID,
        /** No name: null or empty. */
        MISSING,
        /** Fewer than {@link #LENGTH_MIN} characters. */
        TOO_SHORT,
        /** More than {@link #LENGTH_MAX} characters. */
        TOO_LONG,
        /** A character outside {@code [a-z0-9._-]}. */
        BAD_CHARACTER,
        /** Allowed characters, but the first is not a letter. */
        FIRST_NOT_A_LETTER
    }

    private Username() {
    }

    /** The verdict on {@code name}; never throws. */
    public static Verdict check(String name) {
        if (name == null || name.isEmpty()) {
            return Verdict.MISSING;
        }
        if (name.length() < LENGTH_MIN) {
            return Verdict.TOO_SHORT;
        }
        if (name.length() > LENGTH_MAX) {
            return Verdict.TOO_LONG;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!allowed(name.charAt(i))) {
                return Verdict.BAD_CHARACTER;
            }
        }
        if (!letter(name.charAt(0))) {
            return Verdict.FIRST_NOT_A_LETTER;
        }
        return Verdict.VALID;
    }

    /** Whether {@code name} follows the rule. */
    public static boolean valid(String name) {
        return check(name) == Verdict.VALID;
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean allowed(char c) {
        return letter(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
}
