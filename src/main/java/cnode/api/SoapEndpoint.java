package cnode.api;

import cnode.soap.SoapCall;
import cnode.soap.SoapCodec;
import cnode.soap.SoapFault;
import cnode.soap.SoapWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one SOAP request body into one response: decode, route to the operation by name, encode
 * its reply. Faults only for what is not a valid call (contract §3); a handler's own failure is
 * logged here with its detail and answered with a {@code Server} fault that reveals none.
 * Immutable after construction; safe from any thread.
 */
public final class SoapEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SoapEndpoint.class);

    /** An HTTP answer: 200 with a response, or 500 with a fault. */
    public record Reply(int httpStatus, byte[] body) {}

    private final SoapCodec codec;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    public SoapEndpoint(SoapCodec codec, List<Operation> operations) {
        this.codec = codec;
        for (Operation operation : operations) {
            String name = operation.schema().name();
            if (!DocumentedOperations.NAMES.contains(name)) {
                throw new IllegalArgumentException(name + " is not a documented operation");
            }
            if (this.operations.put(name, operation) != null) {
                throw new IllegalArgumentException(name + " is registered twice");
            }
        }
    }

    /** The operations this node serves, in registration order. */
    public List<Operation> operations() {
        return List.copyOf(operations.values());
    }

    public CompletionStage<Reply> handle(byte[] body, int length, String contentType) {
        SoapCall call;
        try {
            call = codec.decode(body, length, contentType);
        } catch (SoapFault fault) {
            return CompletableFuture.completedFuture(fault(fault));
        }
        Operation operation = operations.get(call.operation());
        if (operation == null) {
            String why = DocumentedOperations.NAMES.contains(call.operation())
                ? " is not implemented by this node yet." : " is not an operation of this API.";
            return CompletableFuture.completedFuture(fault(new SoapFault(SoapFault.Code.CLIENT,
                "The operation " + call.operation() + why)));
        }
        try {
            return operation.call(call.params())
                .thenApply(reply -> new Reply(200, SoapWriter.response(call.operation(), reply)))
                .exceptionally(failure -> serverFault(call.operation(), failure));
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(serverFault(call.operation(), failure));
        }
    }

    /** The reply for a body refused before decoding (e.g. over the size limit). */
    public static Reply fault(SoapFault fault) {
        return new Reply(500, SoapWriter.fault(fault));
    }

    private static Reply serverFault(String operation, Throwable failure) {
        LOG.error("operation {} failed inside the node", operation, failure);
        return fault(new SoapFault(SoapFault.Code.SERVER,
            "The node failed to complete " + operation + "; the failure is in its log."));
    }
}
