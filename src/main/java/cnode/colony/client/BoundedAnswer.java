package cnode.colony.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

/**
 * One colony answer being received by Jetty's client: its status and at most
 * {@code bytesMax} bytes of body. The exchange is aborted as soon as the answer is known to be
 * larger, from its {@code Content-Length} or from the bytes that arrived, so an oversized
 * answer is never held whole.
 *
 * <p>Never blocks in a callback, so the client may run it on its selector thread. State is
 * written by the client's threads, one event at a time, and read by the caller only after
 * {@link #await} has seen the exchange complete (the future's completion orders the two). One
 * per request.
 */
final class BoundedAnswer implements Response.Listener {
    private final int bytesMax;
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private byte[] body = new byte[0];
    private int length;
    private volatile boolean tooLarge;

    BoundedAnswer(int bytesMax) {
        this.bytesMax = bytesMax;
    }

    @Override
    public void onHeaders(Response response) {
        long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > bytesMax) {
            refuse(response);
        } else if (declared > 0) {
            body = new byte[(int) declared];
        }
    }

    @Override
    public void onContent(Response response, ByteBuffer chunk) {
        int size = chunk.remaining();
        if (tooLarge) {
            return;
        }
        if (size > bytesMax - length) {
            refuse(response);
            return;
        }
        if (length + size > body.length) {
            // Doubling keeps copies amortised; the cap keeps the buffer within the bound.
            long wanted = Math.max(Math.max(length + size, 2L * body.length), 1_024);
            body = Arrays.copyOf(body, (int) Math.min(bytesMax, wanted));
        }
        chunk.get(body, length, size);
        length += size;
    }

    @Override
    public void onComplete(Result result) {
        done.complete(result);
    }

    private void refuse(Response response) {
        tooLarge = true;
        response.abort(new IOException("the answer passed " + bytesMax + " bytes"));
    }

    /**
     * Waits for the end of the exchange; {@code boundMs} is a safety net past the request's
     * own total timeout, which normally ends it first. Aborts the request when interrupted.
     */
    Result await(Request request, long boundMs)
        throws InterruptedException, TimeoutException {
        try {
            return done.get(boundMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            request.abort(interrupted);
            throw interrupted;
        } catch (TimeoutException late) {
            request.abort(late);
            throw late;
        } catch (ExecutionException impossible) {
            throw new IllegalStateException("the answer future is only completed normally",
                impossible);
        }
    }

    /** Whether the exchange was aborted because the answer passed the bound. */
    boolean tooLarge() {
        return tooLarge;
    }

    /** The body received, exactly its length. */
    byte[] body() {
        return length == body.length ? body : Arrays.copyOf(body, length);
    }
}
