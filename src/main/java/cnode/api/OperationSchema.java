package cnode.api;

import java.util.List;

/**
 * What one operation looks like on the wire: its name, its parameters in the order of the
 * documentation's request table (the WSDL's message parts follow it), and the type of its
 * {@code return} element. The WSDL is generated from these, so it cannot drift from the
 * handlers that declare them.
 *
 * @param returnTyped  true when {@code return} carries {@code xsi:type} on the wire (the
 *                     documentation names a type for it), false when it is written untyped
 * @param types        every complex type the parameters and the return refer to, nested first
 */
public record OperationSchema(
    String name,
    List<WireType.Field> params,
    WireType returnType,
    boolean returnTyped,
    List<WireType> types) {

    public OperationSchema {
        params = List.copyOf(params);
        types = List.copyOf(types);
        if (!types.contains(returnType)) {
            throw new IllegalArgumentException(name + " must list its return type");
        }
    }
}
