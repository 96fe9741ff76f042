package cnode.api;

import cnode.soap.SoapNode;

/**
 * Reads typed parameters from a decoded call the way the contract asks: by name, absent or
 * empty meaning "not given", typed or untyped alike. A malformed value reads as null so that
 * the handler answers it with its own {@code ERR_*} guard; nothing here throws on client input.
 */
final class Params {
    private Params() {}

    /** The parameter's text, trimmed of surrounding whitespace; "" when absent. */
    static String text(SoapNode params, String name) {
        String text = params.text(name);
        return text == null ? "" : text.strip();
    }

    /** {@code true/false/1/0} (xsd:boolean); absent or empty is {@code fallback}; else null. */
    static Boolean bool(SoapNode params, String name, boolean fallback) {
        return switch (text(params, name)) {
            case "" -> fallback;
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * A non-negative whole number up to {@code max}; absent or empty is {@code fallback};
     * anything else (a sign, a fraction, too many digits, above max) is null.
     */
    static Long unsigned(SoapNode params, String name, long fallback, long max) {
        String text = text(params, name);
        if (text.isEmpty()) {
            return fallback;
        }
        if (text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            return value <= max ? value : null;
        } catch (NumberFormatException aboveLongRange) {
            return null;
        }
    }

    /** True for a task id of 1–64 characters of {@code [0-9A-Za-z]} (contract §4). */
    static boolean wellFormedTaskId(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!digit && !letter) {
                return false;
            }
        }
        return true;
    }

    /** True for a uniqueTransferId of 1–64 printable characters (contract §4). */
    static boolean wellFormedTransferId(String id) {
        return !id.isEmpty() && id.length() <= 64
            && id.codePoints().noneMatch(Character::isISOControl);
    }
}
