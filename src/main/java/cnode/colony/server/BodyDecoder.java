package cnode.colony.server;

import cnode.colony.client.EdgeRefusal;
import cnode.colony.client.Outcome;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a request body into an endpoint's request record under the colony's strict JSON rules
 * ({@link cnode.colony.client.WireJson#strict}), and turns every way a body can be wrong into
 * {@code 400 MALFORMED_JSON} with one sentence that names the field and the position, never a
 * Java class. The body must be UTF-8 (no byte-order mark) holding exactly one JSON object.
 * Stateless apart from the thread-safe mapper; any thread.
 */
final class BodyDecoder {
    private static final int MESSAGE_CHARS_MAX = 300;
    private static final Pattern MISSING =
        Pattern.compile("Missing required creator property '([^']*)'");

    private final JsonMapper mapper;

    BodyDecoder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    <Q> Outcome<Q> decode(byte[] body, Class<Q> type) {
        if (body.length == 0) {
            return malformed("The body is empty; this endpoint takes a JSON object.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return malformed("The body is not valid UTF-8.");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            return malformed("The body starts with a byte-order mark; send plain UTF-8 JSON.");
        }
        try {
            Q request = mapper.readValue(text, type);
            if (request == null) {
                return malformed("The body is null; this endpoint takes a JSON object.");
            }
            return Outcome.ok(request);
        } catch (JsonProcessingException wrong) {
            return malformed("The body is not accepted: " + explain(wrong) + ".");
        }
    }

    private static <Q> Outcome<Q> malformed(String message) {
        String text = message.length() > MESSAGE_CHARS_MAX
            ? message.substring(0, MESSAGE_CHARS_MAX - 3) + "..." : message;
        return Outcome.refused(EdgeRefusal.MALFORMED_JSON.refusal(text));
    }

    /** One clause saying what is wrong and where, from most to least specific. */
    static String explain(JsonProcessingException wrong) {
        String where = where(wrong.getLocation());
        String field = wrong instanceof JsonMappingException mapping ? path(mapping) : "";
        StreamConstraintsException limit = cause(wrong, StreamConstraintsException.class);
        if (limit != null) {
            return "a limit is exceeded: " + limitText(limit.getOriginalMessage()) + where;
        }
        if (cause(wrong, InputCoercionException.class) != null) {
            return named(field) + "is a number outside the 64-bit range" + where;
        }
        if (wrong instanceof UnrecognizedPropertyException unknown) {
            return "unknown field \"" + unknown.getPropertyName() + "\"" + where;
        }
        if (wrong instanceof InvalidNullException) {
            return named(field) + "must not be null" + where;
        }
        if (wrong instanceof MismatchedInputException mismatch) {
            return mismatch(mismatch, field) + where;
        }
        if (wrong instanceof JsonParseException) {
            return "not valid JSON (" + firstLine(wrong.getOriginalMessage()) + ")" + where;
        }
        return firstLine(wrong.getOriginalMessage()) + where;
    }

    private static String mismatch(MismatchedInputException mismatch, String field) {
        String original = mismatch.getOriginalMessage();
        Matcher missing = MISSING.matcher(original == null ? "" : original);
        if (missing.find()) {
            String name = missing.group(1);
            boolean named = field.equals(name) || field.endsWith("." + name);
            String full = named ? field : field.isEmpty() ? name : field + "." + name;
            return "field \"" + full + "\" is missing";
        }
        if (original != null && original.startsWith("Trailing token")) {
            return "there is content after the JSON object";
        }
        if (original != null && original.startsWith("No content")) {
            return "there is no JSON value";
        }
        Class<?> target = mismatch.getTargetType();
        if (field.isEmpty()) {
            return "a JSON object is expected";
        }
        return named(field) + "must be " + kind(target);
    }

    private static String kind(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == long.class || target == Long.class || target == int.class
            || target == Integer.class) {
            return "a whole number";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        if (target.isEnum()) {
            return "one of the documented names";
        }
        return "an object";
    }

    private static String named(String field) {
        return field.isEmpty() ? "the value " : "field \"" + field + "\" ";
    }

    /** {@code coins[2].id} from the mapping exception's reference chain. */
    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's constraint text without the name of its setting. */
    private static String limitText(String original) {
        return firstLine(original).replaceAll(", from `[^`]*`\\)", ")");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "malformed";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable at = failure; at != null; at = at.getCause()) {
            if (type.isInstance(at)) {
                return type.cast(at);
            }
            if (at.getCause() == at) {
                return null;
            }
        }
        return null;
    }
}
