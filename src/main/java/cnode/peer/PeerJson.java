package cnode.peer;

import cnode.colony.client.JsonLimits;
import cnode.colony.client.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Base64;
import java.util.Optional;

/**
 * The JSON of the P2P port: the colony's strict rules ({@link WireJson#strict}: every field
 * required, no unknown fields, no duplicate keys, no coercions, depth 32), which a frame's
 * size bounds further. Byte fields travel as base64url without padding and are read back only
 * in their one canonical text. Stateless; the mapper is thread-safe.
 */
final class PeerJson {
    private static final JsonMapper MAPPER = WireJson.strict(JsonLimits.defaults());
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PeerJson() {}

    static JsonMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as JSON bytes; a value that cannot be written is a bug. */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException bug) {
            throw new IllegalArgumentException("not writable as JSON: " + value, bug);
        }
    }

    /** The JSON object in {@code bytes}, or empty if they are not one. */
    static Optional<JsonNode> object(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException notJson) {
            return Optional.empty();
        }
    }

    /** {@code node} read as {@code type} under the strict rules, or empty if it is not one. */
    static <T> Optional<T> as(JsonNode node, Class<T> type) {
        try {
            return Optional.ofNullable(MAPPER.treeToValue(node, type));
        } catch (JsonProcessingException | IllegalArgumentException notThat) {
            return Optional.empty();
        }
    }

    /** The text of a top-level text field, or empty. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.textValue())
            : Optional.empty();
    }

    static String bytes(byte[] value) {
        return ENCODER.encodeToString(value);
    }

    /** The bytes of {@code text} if it is the canonical text of exactly {@code length} bytes. */
    static Optional<byte[]> bytes(String text, int length) {
        if (text == null || text.length() != (length * 4 + 2) / 3) {
            return Optional.empty();
        }
        try {
            byte[] bytes = DECODER.decode(text);
            return bytes.length == length && ENCODER.encodeToString(bytes).equals(text)
                ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
