package cnode.colony.client;

/**
 * Limits on one JSON document beyond its byte size, enforced by the parser itself (Jackson's
 * {@code StreamReadConstraints}) before any value is built. Validated at start-up.
 *
 * @param depthMax deepest nesting of objects and arrays
 * @param stringCharsMax longest string value
 * @param nameCharsMax longest field name
 * @param numberCharsMax longest number literal; 20 fits every {@code long} with its sign
 */
public record JsonLimits(int depthMax, int stringCharsMax, int nameCharsMax,
                         int numberCharsMax) {
    public JsonLimits {
        if (depthMax < 2 || depthMax > 1_000 || stringCharsMax < 64 || nameCharsMax < 16
            || numberCharsMax < 20 || numberCharsMax > 1_000) {
            throw new IllegalArgumentException("JSON limits out of range");
        }
    }

    /** Depth 32, strings of 256 Ki characters, names of 128, numbers of 20. */
    public static JsonLimits defaults() {
        return new JsonLimits(32, 262_144, 128, 20);
    }

    public JsonLimits withDepthMax(int depth) {
        return new JsonLimits(depth, stringCharsMax, nameCharsMax, numberCharsMax);
    }
}
