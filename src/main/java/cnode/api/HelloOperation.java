package cnode.api;

import cnode.node.NodeLife;
import cnode.node.NodeMode;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.List;

/**
 * {@code hello()}: the node's state, process id, logged-in user, run mode and version, in the
 * order contract §3 settles. Direct; needs no login; never fails.
 */
public final class HelloOperation extends DirectOperation {
    static final WireType TYPE = WireType.struct("vuiSoapHelloResponse",
        "status", "xsd:string",
        "pid", "xsd:unsignedInt",
        "username", "xsd:string",
        "mode", "xsd:string",
        "version", "xsd:string",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");
    private static final OperationSchema SCHEMA =
        new OperationSchema("hello", List.of(), TYPE, false, List.of(TYPE));

    private final NodeLife life;
    private final NodeMode mode;
    private final String version;
    private final long pid = ProcessHandle.current().pid();

    public HelloOperation(NodeLife life, NodeMode mode, String version) {
        super(SCHEMA);
        this.life = life;
        this.mode = mode;
        this.version = version;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        NodeLife.Snapshot now = life.snapshot();
        return new SoapStruct(null)
            .string("status", now.state().name())
            .uint("pid", pid)
            .string("username", now.username())
            .string("mode", mode.wire())
            .string("version", version)
            .string("requestStatus", RequestStatus.SUCCESS.name())
            .string("requestStatusDescription", RequestStatus.SUCCESS.description());
    }
}
