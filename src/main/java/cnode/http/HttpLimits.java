package cnode.http;

/**
 * Limits of the SOAP port, validated at start-up.
 *
 * @param bodyBytesMax    largest request body read; a larger one is a Client fault
 * @param headerBytesMax  largest request header block (Jetty answers 431 beyond it)
 * @param idleTimeoutMs   an idle or stalled connection is closed after this
 * @param threadsMax      request threads; requests beyond wait in Jetty's bounded queue
 */
public record HttpLimits(int bodyBytesMax, int headerBytesMax, long idleTimeoutMs,
                         int threadsMax) {
    public HttpLimits {
        if (bodyBytesMax <= 0 || headerBytesMax < 1024 || idleTimeoutMs <= 0 || threadsMax < 8) {
            throw new IllegalArgumentException("HTTP limits out of range");
        }
    }

    public static HttpLimits defaults(int bodyBytesMax) {
        return new HttpLimits(bodyBytesMax, 8 * 1024, 30_000, 128);
    }
}
