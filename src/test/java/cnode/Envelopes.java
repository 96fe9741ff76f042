package cnode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Test-side SOAP: builds request envelopes in the newer documented style (prefix {@code ns},
 * untyped parameters) and reads responses with the JDK's own DOM parser, independent of the
 * node's codec, so a codec bug cannot hide itself.
 */
public final class Envelopes {
    private Envelopes() {}

    /** A request for {@code operation} with {@code params} (raw XML of the parameters). */
    public static String call(String operation, String params) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:ns=\"ns1\">"
            + "<SOAP-ENV:Body SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"
            + "<ns:" + operation + ">" + params + "</ns:" + operation + ">"
            + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    public static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The leaf children of the response's {@code return} element, by name, in order. */
    public static Map<String, String> returnFields(String xml) throws Exception {
        Element ret = returnElement(xml);
        Map<String, String> fields = new LinkedHashMap<>();
        NodeList children = ret.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                fields.put(child.getLocalName(), child.getTextContent());
            }
        }
        return fields;
    }

    public static Element returnElement(String xml) throws Exception {
        Document doc = parse(xml);
        Element body = (Element) doc.getDocumentElement()
            .getElementsByTagNameNS("http://schemas.xmlsoap.org/soap/envelope/", "Body").item(0);
        Element response = firstElement(body);
        if (!"ns1".equals(response.getNamespaceURI())) {
            throw new AssertionError("response element not in ns1: " + xml);
        }
        return firstElement(response);
    }

    /** The fault code and string, or null when the body holds no Fault. */
    public static String[] fault(String xml) throws Exception {
        Document doc = parse(xml);
        NodeList faults = doc.getElementsByTagNameNS(
            "http://schemas.xmlsoap.org/soap/envelope/", "Fault");
        if (faults.getLength() == 0) {
            return null;
        }
        Element fault = (Element) faults.item(0);
        return new String[] {
            fault.getElementsByTagName("faultcode").item(0).getTextContent(),
            fault.getElementsByTagName("faultstring").item(0).getTextContent()};
    }

    private static Element firstElement(Node parent) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                return element;
            }
        }
        throw new AssertionError("no element inside " + parent.getNodeName());
    }
}
