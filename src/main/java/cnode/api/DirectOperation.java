package cnode.api;

import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An operation that answers at once, on the thread that received the call: every operation
 * but the ones that wait. A subclass gives its schema and computes its reply in
 * {@link #answer}.
 */
abstract class DirectOperation implements Operation {
    private final OperationSchema schema;

    DirectOperation(OperationSchema schema) {
        this.schema = schema;
    }

    @Override
    public final OperationSchema schema() {
        return schema;
    }

    @Override
    public final CompletionStage<SoapStruct> call(SoapNode params) {
        return CompletableFuture.completedFuture(answer(params));
    }

    /** The reply to one call: a success, or an {@code ERR_*} reply from a guard clause. */
    abstract SoapStruct answer(SoapNode params);
}
