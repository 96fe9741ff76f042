package cnode.soap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks the StAX events of one SOAP 1.1 envelope and builds the call it carries.
 *
 * <p>Shape accepted: an Envelope in the SOAP 1.1 namespace (any other Envelope namespace is a
 * VersionMismatch); an optional Header first, whose entries are skipped unless one is marked
 * {@code mustUnderstand} "1" or "true", a MustUnderstand fault whatever the entry's actor,
 * since this server is the ultimate receiver and understands no header entry; a Body holding
 * exactly one element without an {@code id}, the operation, in the namespace URI {@code ns1}
 * whatever its prefix, plus any number of sibling elements with an {@code id} (multiRef
 * targets); trailing Envelope children after the Body, which SOAP 1.1 allows, are skipped.
 * Any element in the Body may carry an {@code id} that an {@code href="#id"} names. Text
 * beside child elements is dropped, and an element marked {@code xsi:nil} is left out of its
 * parent. A DTD is refused at its first event, before any entity could be declared or
 * expanded. The parser itself refuses content after the Envelope and enforces the depth,
 * count and text limits; this class adds the text check the parser skips when CDATA is
 * coalesced with text.
 *
 * <p>One instance per request, confined to the decoding thread; the frame stack is reused
 * element to element so that a parse allocates little beyond the nodes it returns.
 */
final class EnvelopeReader {

    static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SERVICE_NAMESPACE = "ns1";
    /** The operation element's depth: Envelope 1, Body 2, operation 3. */
    static final int OPERATION_DEPTH = 3;

    private final XMLStreamReader in;
    private final SoapLimits limits;
    private final List<Frame> frames = new ArrayList<>();
    /** Elements carrying an id, by id; null until the first one. */
    private Map<String, SoapNode> ids;
    private boolean sawHref;

    EnvelopeReader(XMLStreamReader in, SoapLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Reads the whole document, through its end, and returns the resolved call. */
    SoapCall read() throws XMLStreamException, SoapFault {
        int event = nextStructural();
        if (event != XMLStreamConstants.START_ELEMENT) {
            throw SoapFault.client("The request holds no XML element.");
        }
        checkEnvelope();
        event = nextStructural();
        if (isSoapElement(event, "Header")) {
            readHeader();
            event = nextStructural();
        }
        if (!isSoapElement(event, "Body")) {
            throw SoapFault.client("The Envelope must hold a Body" + found(event) + ".");
        }
        SoapNode operation = readBody();
        skipToEnvelopeEnd();
        while (in.next() != XMLStreamConstants.END_DOCUMENT) {
            // The parser itself refuses elements and text after the root; comments and
            // processing instructions there are harmless and skipped.
        }
        if (sawHref) {
            operation = new HrefResolver(ids, limits).resolve(operation, OPERATION_DEPTH);
        }
        return new SoapCall(operation.name(), operation);
    }

    private void checkEnvelope() throws SoapFault {
        String namespace = in.getNamespaceURI();
        if (!in.getLocalName().equals("Envelope")) {
            throw SoapFault.client("The root element <" + SoapFault.quote(in.getLocalName())
                    + "> is not a SOAP Envelope.");
        }
        if (!SOAP_11.equals(namespace)) {
            throw new SoapFault(SoapFault.Code.VERSION_MISMATCH, "The Envelope namespace \""
                    + SoapFault.quote(namespace == null ? "" : namespace)
                    + "\" is not SOAP 1.1 (" + SOAP_11 + ").");
        }
    }

    private void readHeader() throws XMLStreamException, SoapFault {
        while (nextStructural() == XMLStreamConstants.START_ELEMENT) {
            String mustUnderstand = in.getAttributeValue(SOAP_11, "mustUnderstand");
            if (mustUnderstand != null) {
                String flag = mustUnderstand.trim();
                if (flag.equals("1") || flag.equals("true")) {
                    throw new SoapFault(SoapFault.Code.MUST_UNDERSTAND, "The header entry <"
                            + SoapFault.quote(in.getLocalName()) + "> must be understood, and"
                            + " this server understands no header entries.");
                }
            }
            skipElement();
        }
    }

    private SoapNode readBody() throws XMLStreamException, SoapFault {
        SoapNode operation = null;
        String operationName = null;
        while (nextStructural() == XMLStreamConstants.START_ELEMENT) {
            if (hasUnqualifiedId()) {
                readElement();
                continue;
            }
            String name = in.getLocalName();
            if (operationName != null) {
                throw SoapFault.client("The Body holds more than one operation: <"
                        + SoapFault.quote(operationName) + "> and <" + SoapFault.quote(name)
                        + ">.");
            }
            String namespace = in.getNamespaceURI();
            if (!SERVICE_NAMESPACE.equals(namespace)) {
                throw SoapFault.client("The operation <" + SoapFault.quote(name) + "> is in "
                        + (namespace == null || namespace.isEmpty() ? "no namespace"
                                : "namespace \"" + SoapFault.quote(namespace) + "\"")
                        + "; operations are in namespace \"ns1\".");
            }
            operationName = name;
            operation = readElement();
            if (operation == null) {
                throw SoapFault.client("The operation <" + SoapFault.quote(name)
                        + "> is marked xsi:nil.");
            }
        }
        if (operation == null) {
            throw SoapFault.client("The Body holds no operation.");
        }
        return operation;
    }

    /** After the Body: skips the trailing elements SOAP 1.1 allows, up to the Envelope's end. */
    private void skipToEnvelopeEnd() throws XMLStreamException, SoapFault {
        while (nextStructural() == XMLStreamConstants.START_ELEMENT) {
            skipElement();
        }
    }

    /**
     * The next start tag, end tag or document end, skipping comments, processing
     * instructions and whitespace; any other text, a DTD or an entity reference is a fault.
     */
    private int nextStructural() throws XMLStreamException, SoapFault {
        while (true) {
            int event = in.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT,
                        XMLStreamConstants.END_DOCUMENT -> {
                    return event;
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION,
                        XMLStreamConstants.SPACE -> {
                    // Neither carries data.
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!in.isWhiteSpace()) {
                        throw SoapFault.client("The request has text where SOAP allows only"
                                + " elements: \"" + SoapFault.quote(in.getText().trim())
                                + "\".");
                    }
                }
                case XMLStreamConstants.DTD -> throw SoapFault.client(
                        "The request carries a DTD (<!DOCTYPE>), which is not allowed.");
                default -> throw SoapFault.client(
                        "The request holds an entity reference or other XML construct that is"
                                + " not allowed.");
            }
        }
    }

    /** Skips the current element, which has just started, through its end tag. */
    private void skipElement() throws XMLStreamException {
        int open = 1;
        while (open > 0) {
            int event = in.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                open++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                open--;
            }
        }
    }

    /**
     * Reads the current element, which has just started, through its end tag, and returns
     * its tree, or null when it is marked {@code xsi:nil}. Elements with an id are recorded
     * as multiRef targets.
     */
    private SoapNode readElement() throws XMLStreamException, SoapFault {
        int top = 0;
        frame(top).start(in);
        while (true) {
            switch (in.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    frames.get(top).childStarted();
                    top++;
                    frame(top).start(in);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
                        XMLStreamConstants.SPACE -> frames.get(top).text(in, limits);
                case XMLStreamConstants.END_ELEMENT -> {
                    SoapNode node = finish(frames.get(top));
                    if (top == 0) {
                        return node;
                    }
                    top--;
                    if (node != null) {
                        frames.get(top).children.add(node);
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // Neither carries data.
                }
                default -> throw SoapFault.client(
                        "The request holds an entity reference or other XML construct that is"
                                + " not allowed.");
            }
        }
    }

    private Frame frame(int index) {
        if (index == frames.size()) {
            frames.add(new Frame());
        }
        return frames.get(index);
    }

    private SoapNode finish(Frame frame) throws SoapFault {
        if (frame.href != null) {
            if (frame.id != null) {
                throw SoapFault.client("The element <" + SoapFault.quote(frame.name)
                        + "> carries both an id and an href.");
            }
            if (frame.hasChildElements || !frame.text.toString().isBlank()) {
                throw SoapFault.client("The element <" + SoapFault.quote(frame.name)
                        + "> carries an href and content of its own.");
            }
            sawHref = true;
        }
        SoapNode node = frame.nil ? null : frame.build();
        if (frame.id != null && node != null) {
            if (ids == null) {
                ids = new HashMap<>();
            }
            if (ids.putIfAbsent(frame.id, node) != null) {
                throw SoapFault.client(
                        "The id \"" + SoapFault.quote(frame.id) + "\" is used twice.");
            }
        }
        return node;
    }

    private boolean hasUnqualifiedId() {
        for (int i = 0, n = in.getAttributeCount(); i < n; i++) {
            String namespace = in.getAttributeNamespace(i);
            if ((namespace == null || namespace.isEmpty())
                    && in.getAttributeLocalName(i).equals("id")) {
                return true;
            }
        }
        return false;
    }

    private boolean isSoapElement(int event, String localName) {
        return event == XMLStreamConstants.START_ELEMENT
                && in.getLocalName().equals(localName)
                && SOAP_11.equals(in.getNamespaceURI());
    }

    private String found(int event) {
        return event == XMLStreamConstants.START_ELEMENT
                ? ", found <" + SoapFault.quote(in.getLocalName()) + ">"
                : "";
    }

    /** One open element: what its start tag said, its text so far and its finished children. */
    private static final class Frame {
        private static final String[] XSI_NAMESPACES = {
            "http://www.w3.org/2001/XMLSchema-instance",
            "http://www.w3.org/2000/10/XMLSchema-instance",
            "http://www.w3.org/1999/XMLSchema-instance",
        };

        final List<SoapNode> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        String name;
        String xsiType;
        String href;
        String id;
        boolean nil;
        boolean hasChildElements;

        void start(XMLStreamReader in) throws SoapFault {
            name = in.getLocalName();
            xsiType = null;
            href = null;
            id = null;
            nil = false;
            hasChildElements = false;
            text.setLength(0);
            children.clear();
            for (int i = 0, n = in.getAttributeCount(); i < n; i++) {
                attribute(in.getAttributeNamespace(i), in.getAttributeLocalName(i),
                        in.getAttributeValue(i));
            }
        }

        private void attribute(String namespace, String localName, String value)
                throws SoapFault {
            if (namespace == null || namespace.isEmpty()) {
                if (localName.equals("href")) {
                    if (!value.startsWith("#")) {
                        throw SoapFault.client("Only local references (href=\"#id\") are"
                                + " supported, not \"" + SoapFault.quote(value) + "\".");
                    }
                    href = value.substring(1);
                } else if (localName.equals("id")) {
                    id = value;
                }
            } else if (isXsi(namespace)) {
                if (localName.equals("type")) {
                    xsiType = value.substring(value.indexOf(':') + 1).trim();
                } else if (localName.equals("nil")) {
                    String flag = value.trim();
                    nil = flag.equals("true") || flag.equals("1");
                }
            }
        }

        private static boolean isXsi(String namespace) {
            for (String xsi : XSI_NAMESPACES) {
                if (xsi.equals(namespace)) {
                    return true;
                }
            }
            return false;
        }

        void childStarted() {
            hasChildElements = true;
            text.setLength(0);
        }

        void text(XMLStreamReader in, SoapLimits limits) throws SoapFault {
            if (hasChildElements) {
                // Text beside child elements is indentation or stray mixed content: no value.
                return;
            }
            text.append(in.getTextCharacters(), in.getTextStart(), in.getTextLength());
            if (text.length() > limits.textBytesMax()) {
                throw SoapFault.client("The text of <" + SoapFault.quote(name) + "> exceeds the"
                        + " limit of " + limits.textBytesMax() + " characters.");
            }
        }

        SoapNode build() {
            String value = hasChildElements || text.isEmpty() ? "" : text.toString();
            List<SoapNode> list = children.isEmpty() ? List.of() : List.copyOf(children);
            return new SoapNode(name, xsiType, value, list, href);
        }
    }
}
