package cnode.soap;

/**
 * The bounds a {@link SoapCodec} puts on one request body, fixed when the codec is built.
 *
 * <p>Invariant: every bound is positive; a bad value refuses to build rather than being
 * "corrected", so a wrong flag stops start-up. Immutable, so any thread may read it.
 *
 * <p>{@code bodyBytesMax} counts raw bytes before decoding. {@code depthMax} counts element
 * nesting from the Envelope (depth 1). {@code elementCountMax} counts elements in the whole
 * document and, separately, in the operation after multiRef references are resolved, so a
 * reference used many times cannot multiply the tree. {@code textBytesMax} bounds the text of
 * one element or attribute; the parser counts decoded characters, and every character arrived
 * as at least one byte, so a body within this count of characters may still hold more bytes
 * of text, never fewer.
 *
 * @param bodyBytesMax largest request body, in bytes
 * @param depthMax deepest element nesting, the Envelope being depth 1
 * @param elementCountMax most elements in one request
 * @param textBytesMax longest text of one element or attribute
 */
public record SoapLimits(int bodyBytesMax, int depthMax, int elementCountMax, int textBytesMax) {

    /** Validates each bound; a non-positive one is a configuration error. */
    public SoapLimits {
        positive("bodyBytesMax", bodyBytesMax);
        positive("depthMax", depthMax);
        positive("elementCountMax", elementCountMax);
        positive("textBytesMax", textBytesMax);
    }

    /** The contract's defaults: 256 KiB body, depth 32, 10 000 elements, 64 KiB of text. */
    public static SoapLimits defaults() {
        return new SoapLimits(256 * 1024, 32, 10_000, 64 * 1024);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
