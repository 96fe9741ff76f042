package cnode.colony.store;

import cnode.colony.UserBytes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * How the colony's values that are not plain numbers or text are written in a column, the same
 * on SQLite and PostgreSQL (so one portable migration serves both): bytes as standard base64
 * text, lists of text (coin ids, recovery e-mails) as JSON arrays of strings, booleans as 0 or
 * 1. Every encoding is exact: decoding gives back the value that was encoded, whatever its
 * characters. Stateless; any thread.
 */
final class ColumnCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder UNBASE64 = Base64.getDecoder();

    private ColumnCodec() {
    }

    static String bytes(UserBytes bytes) {
        return BASE64.encodeToString(bytes.bytes());
    }

    static UserBytes bytes(String column) {
        return new UserBytes(UNBASE64.decode(column));
    }

    static String texts(List<String> texts) {
        try {
            return JSON.writeValueAsString(texts);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a list of strings is always JSON", impossible);
        }
    }

    /** A JSON array of strings back to its list; anything else is a corrupt store and throws. */
    static List<String> texts(String column) {
        String[] values;
        try {
            values = JSON.readValue(column, String[].class);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalArgumentException("a stored list is not a JSON array", corrupt);
        }
        if (values == null || Arrays.asList(values).contains(null)) {
            throw new IllegalArgumentException("a stored list holds something else than text");
        }
        return List.of(values);
    }

    static int flag(boolean value) {
        return value ? 1 : 0;
    }

    static boolean flag(int column) {
        if (column != 0 && column != 1) {
            throw new IllegalArgumentException("a stored flag is " + column + ", not 0 or 1");
        }
        return column == 1;
    }
}
