package cnode.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the shops served by this node are ({@code setGeolocationInfo}): one JSON object per
 * shop id, kept in {@code shops.json} in the data folder (written to a draft and renamed, so a
 * crash leaves the old or the new file, never half of one). At most {@link #SHOPS_MAX} shops,
 * each location at most {@link #INFO_CHARS_MAX} characters. Thread-safe: changes are
 * serialised by this object's monitor.
 */
public final class ShopLocations {
    private static final Logger LOG = LoggerFactory.getLogger(ShopLocations.class);
    public static final int SHOPS_MAX = 1_000;
    public static final int INFO_CHARS_MAX = 4_096;
    static final String FILE = "shops.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a change ended. */
    public enum Outcome { SET, NOT_JSON, TOO_MANY_SHOPS, NOT_STORED }

    private final Path file;
    private final ObjectNode shops;

    private ShopLocations(Path file, ObjectNode shops) {
        this.file = file;
        this.shops = shops;
    }

    /** The locations kept in {@code data}, or none; a file that does not parse is refused. */
    public static ShopLocations load(Path data) throws IOException {
        Path file = data.resolve(FILE);
        if (!Files.exists(file)) {
            return new ShopLocations(file, JSON.createObjectNode());
        }
        JsonNode stored = JSON.readTree(file.toFile());
        if (!(stored instanceof ObjectNode object) || object.size() > SHOPS_MAX) {
            throw new IOException(file + " does not hold shop locations; remove it");
        }
        return new ShopLocations(file, object);
    }

    /** Sets {@code shopId}'s location to {@code info}, a JSON object. */
    public synchronized Outcome set(String shopId, String info) {
        JsonNode parsed;
        try {
            parsed = info.length() > INFO_CHARS_MAX ? null : JSON.readTree(info);
        } catch (JsonProcessingException malformed) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            return Outcome.NOT_JSON;
        }
        if (!shops.has(shopId) && shops.size() >= SHOPS_MAX) {
            return Outcome.TOO_MANY_SHOPS;
        }
        JsonNode before = shops.get(shopId);
        shops.set(shopId, parsed);
        try {
            Path draft = file.resolveSibling(FILE + ".new");
            JSON.writeValue(draft.toFile(), shops);
            Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException unwritable) {
            LOG.error("shop locations could not be written to {}: {}", file,
                unwritable.getMessage());
            if (before == null) {
                shops.remove(shopId);
            } else {
                shops.set(shopId, before);
            }
            return Outcome.NOT_STORED;
        }
        return Outcome.SET;
    }

    /** A copy of every shop's location. */
    public synchronized ObjectNode json() {
        ObjectNode copy = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : shops.properties()) {
            copy.set(entry.getKey(), entry.getValue().deepCopy());
        }
        return copy;
    }
}
