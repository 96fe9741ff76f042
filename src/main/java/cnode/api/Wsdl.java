package cnode.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The WSDL 1.1 (rpc/encoded) document of this node, generated once from the schemas of the
 * operations it serves, so it always declares exactly what the endpoint answers. Only the
 * {@code soap:address} differs between requests: it is taken from the request's Host header
 * when that is a plain host[:port], else from the node's own address. Immutable.
 */
public final class Wsdl {
    private static final String ENCODING = "http://schemas.xmlsoap.org/soap/encoding/";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?"
        + "|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

    private final String head;
    private final String tail;
    private final String fallbackHost;

    public Wsdl(List<Operation> operations, String fallbackHost) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<definitions name=\"cnode\" targetNamespace=\"ns1\" xmlns:tns=\"ns1\" ")
            .append("xmlns:ns1=\"ns1\" xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\" ")
            .append("xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" ")
            .append("xmlns:SOAP-ENC=\"").append(ENCODING).append("\" ")
            .append("xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" ")
            .append("xmlns=\"http://schemas.xmlsoap.org/wsdl/\">\n");
        types(out, operations);
        messages(out, operations);
        portType(out, operations);
        binding(out, operations);
        out.append(" <service name=\"cnode\">\n  <port name=\"cnodePort\" ")
            .append("binding=\"tns:cnodeBinding\">\n   <soap:address location=\"http://");
        this.head = out.toString();
        this.tail = "/\"/>\n  </port>\n </service>\n</definitions>\n";
        this.fallbackHost = fallbackHost;
    }

    /** The document, addressed to {@code hostHeader} when it is a plain host[:port]. */
    public byte[] render(String hostHeader) {
        String host = hostHeader != null && HOST.matcher(hostHeader).matches()
            ? hostHeader : fallbackHost;
        return (head + host + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static void types(StringBuilder out, List<Operation> operations) {
        Map<String, WireType> types = new LinkedHashMap<>();
        for (Operation operation : operations) {
            for (WireType type : operation.schema().types()) {
                WireType earlier = types.putIfAbsent(type.name(), type);
                if (earlier != null && !earlier.equals(type)) {
                    throw new IllegalStateException("two definitions of " + type.name());
                }
            }
        }
        out.append(" <types>\n  <schema targetNamespace=\"ns1\" ")
            .append("xmlns=\"http://www.w3.org/2001/XMLSchema\">\n")
            .append("   <import namespace=\"").append(ENCODING).append("\"/>\n");
        for (WireType type : types.values()) {
            out.append("   <complexType name=\"").append(type.name()).append("\">\n")
                .append("    <sequence>\n");
            for (WireType.Field field : type.fields()) {
                out.append("     <element name=\"").append(field.name())
                    .append("\" type=\"").append(field.type()).append('"');
                out.append(type.list() ? " minOccurs=\"0\" maxOccurs=\"unbounded\"/>\n"
                    : " minOccurs=\"0\"/>\n");
            }
            out.append("    </sequence>\n   </complexType>\n");
        }
        out.append("  </schema>\n </types>\n");
    }

    private static void messages(StringBuilder out, List<Operation> operations) {
        for (Operation operation : operations) {
            OperationSchema schema = operation.schema();
            out.append(" <message name=\"").append(schema.name()).append("Request\">\n");
            for (WireType.Field param : schema.params()) {
                out.append("  <part name=\"").append(param.name()).append("\" type=\"")
                    .append(param.type()).append("\"/>\n");
            }
            out.append(" </message>\n <message name=\"").append(schema.name())
                .append("Response\">\n  <part name=\"return\" type=\"")
                .append(schema.returnType().ref()).append("\"/>\n </message>\n");
        }
    }

    private static void portType(StringBuilder out, List<Operation> operations) {
        out.append(" <portType name=\"cnodePortType\">\n");
        for (Operation operation : operations) {
            String name = operation.schema().name();
            out.append("  <operation name=\"").append(name).append("\">\n")
                .append("   <input message=\"tns:").append(name).append("Request\"/>\n")
                .append("   <output message=\"tns:").append(name).append("Response\"/>\n")
                .append("  </operation>\n");
        }
        out.append(" </portType>\n");
    }

    private static void binding(StringBuilder out, List<Operation> operations) {
        String body = "<soap:body use=\"encoded\" namespace=\"ns1\" encodingStyle=\""
            + ENCODING + "\"/>";
        out.append(" <binding name=\"cnodeBinding\" type=\"tns:cnodePortType\">\n")
            .append("  <soap:binding style=\"rpc\" ")
            .append("transport=\"http://schemas.xmlsoap.org/soap/http\"/>\n");
        for (Operation operation : operations) {
            out.append("  <operation name=\"").append(operation.schema().name()).append("\">\n")
                .append("   <soap:operation soapAction=\"\" style=\"rpc\"/>\n")
                .append("   <input>").append(body).append("</input>\n")
                .append("   <output>").append(body).append("</output>\n")
                .append("  </operation>\n");
        }
        out.append(" </binding>\n");
    }
}
