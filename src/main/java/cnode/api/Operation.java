package cnode.api;

import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.concurrent.CompletionStage;

/**
 * One SOAP operation: its wire schema and its handler. Adding an operation is one class that
 * implements this, registered in the composition root; the endpoint routes to it by name and
 * the WSDL declares it from {@link #schema()}. A real seam: every operation is an
 * implementation.
 *
 * <p>A handler answers business errors as normal replies ({@code requestStatus = ERR_*}); it
 * throws only for bugs and broken I/O, which the endpoint turns into a {@code Server} fault.
 * Most handlers answer at once with a completed stage; {@code waitForTask} completes later
 * without holding a thread.
 */
public interface Operation {
    OperationSchema schema();

    CompletionStage<SoapStruct> call(SoapNode params);
}
