package cnode.ui;

/**
 * Escaping for the wallet page, after the OWASP XSS prevention rules: {@link #text} for
 * element content (rule 1: the five significant characters as entities) and
 * {@link #attribute} for attribute values (rule 2: every character below 256 that is not a
 * letter or digit as {@code &#xHH;}, safe even if a value ever lost its quotes). Both replace
 * control characters, which HTML forbids, with U+FFFD. Pure functions; any thread.
 */
final class Html {
    private static final char REPLACEMENT = '\uFFFD';

    private Html() {}

    /** {@code value} made safe as the content of an element. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(forbidden(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /** {@code value} made safe inside a quoted attribute value. */
    static String attribute(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (forbidden(c)) {
                out.append(REPLACEMENT);
            } else if (c < 256 && !Character.isLetterOrDigit(c)) {
                out.append("&#x").append(Integer.toHexString(c)).append(';');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Control characters other than tab, line feed and carriage return, and DEL..U+009F. */
    private static boolean forbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }
}
