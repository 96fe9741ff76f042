package cnode.soap;

import java.util.Objects;

/**
 * One decoded SOAP call: the operation's local name and its element, whose children are the
 * parameters.
 *
 * <p>Invariant: {@code params.name()} equals {@code operation}; every multiRef reference in
 * {@code params} is already resolved. Immutable, so any thread may read it.
 *
 * @param operation the operation element's local name, e.g. {@code getTaskStatus}
 * @param params the operation element; its children are the parameters, matched by name
 */
public record SoapCall(String operation, SoapNode params) {

    /** Checks that the operation names its own element. */
    public SoapCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(params, "params");
        if (!operation.equals(params.name())) {
            throw new IllegalArgumentException(
                    "operation " + operation + " differs from its element " + params.name());
        }
    }
}
