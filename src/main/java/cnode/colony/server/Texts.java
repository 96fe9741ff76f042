package cnode.colony.server;

import cnode.colony.client.EdgeRefusal;
import cnode.colony.client.Outcome;
import cnode.crypto.CanonicalWriter;
import java.util.Base64;
import java.util.List;

/**
 * Small rules the endpoints share about texts from outside: a text quoted back in a message is
 * cut short; a text that goes into signed bytes must have an exact UTF-8 form (JSON can carry a
 * lone surrogate as {@code \ud800}, which no signature can cover); bytes go out as base64url
 * without padding, the colony's text form of keys and blobs (docs/SIGNATURES.md). Stateless.
 */
final class Texts {
    private static final int SHOWN_MAX = 64;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Texts() {}

    /** {@code text} for a message: at most 64 characters. */
    static String shown(String text) {
        return text.length() > SHOWN_MAX ? text.substring(0, SHOWN_MAX) + "..." : text;
    }

    /** The bytes as base64url without padding. */
    static String base64url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }

    /**
     * Null when every named text is well-formed Unicode (an absent one is); else
     * {@code 400 MALFORMED_JSON} naming the first field that is not. {@code fields} alternates
     * names and values (a text, a list of texts, or null).
     */
    static <R> Outcome<R> unwritable(Object... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            boolean ok = switch (fields[i + 1]) {
                case null -> true;
                case String text -> CanonicalWriter.wellFormed(text);
                case List<?> texts -> texts.stream()
                    .allMatch(text -> CanonicalWriter.wellFormed((String) text));
                default -> throw new IllegalArgumentException("not a text field: " + fields[i]);
            };
            if (!ok) {
                return Outcome.refused(EdgeRefusal.MALFORMED_JSON.refusal("The body is not"
                    + " accepted: field \"" + fields[i] + "\" holds text that is not"
                    + " well-formed Unicode (a lone surrogate)."));
            }
        }
        return null;
    }
}
