package cnode.wallet;

import cnode.cli.UsageError;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The personal data a wallet may share when a merchant asks ({@code --personal-data FILE},
 * contract §2): a JSON object with an optional {@code invoiceData} and an optional
 * {@code deliveryData}, each itself a JSON object whose keys are the user's business. Loaded
 * once at start-up by {@link #load}, which refuses anything else with one line naming the file
 * and the problem, as a {@link UsageError} (so the node stops with exit code 2). Immutable.
 *
 * @param invoiceData  the invoice data as compact JSON text, or null when the file has none
 * @param deliveryData the delivery data as compact JSON text, or null when the file has none
 */
public record PersonalDetails(String invoiceData, String deliveryData) {
    /** Largest file accepted. */
    public static final int FILE_BYTES_MAX = 64 * 1024;
    /** Deepest nesting of objects and arrays accepted in the file. */
    static final int DEPTH_MAX = 16;
    /** No personal data: what a node without {@code --personal-data} shares. */
    public static final PersonalDetails NONE = new PersonalDetails(null, null);

    private static final Set<String> KEYS = Set.of("invoiceData", "deliveryData");
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(DEPTH_MAX).build())
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    /**
     * Reads and checks {@code file}.
     *
     * @throws UsageError the file cannot be read, is over {@link #FILE_BYTES_MAX}, is not one
     *     JSON object, or holds a key other than the two, or a value of theirs that is not an
     *     object
     */
    public static PersonalDetails load(Path file) throws UsageError {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(FILE_BYTES_MAX + 1);
        } catch (IOException unreadable) {
            throw refused(file, "cannot be read (" + unreadable.getClass().getSimpleName()
                + ")");
        }
        if (bytes.length > FILE_BYTES_MAX) {
            throw refused(file, "is larger than " + FILE_BYTES_MAX + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException malformed) {
            throw refused(file, "is not valid JSON: " + firstLine(malformed.getOriginalMessage()));
        } catch (IOException unreadable) {
            throw refused(file, "cannot be read as JSON");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw refused(file, "must hold one JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw refused(file, "has the key \"" + name
                    + "\"; only invoiceData and deliveryData are allowed");
            }
            if (!root.get(name).isObject()) {
                throw refused(file, name + " must be a JSON object");
            }
        }
        return new PersonalDetails(text(root.get("invoiceData")),
            text(root.get("deliveryData")));
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static UsageError refused(Path file, String problem) {
        return new UsageError("cnode node: --personal-data " + file + " " + problem + ".");
    }
}
