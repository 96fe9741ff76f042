package cnode.soap;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import java.nio.CharBuffer;
import java.util.Objects;
import java.util.ServiceLoader;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.io.Stax2CharArraySource;

/**
 * Decodes a SOAP 1.1 RPC/encoded request body into a {@link SoapCall}, or refuses it with a
 * {@link SoapFault}; the strict, hardened front door of every SOAP operation.
 *
 * <p>Order of work: the body's length against the limit; the charset (byte-order mark, then
 * the Content-Type charset, then the XML declaration, then UTF-8) and a strict decode, so a
 * bad byte is a Client fault; then one pass of the Woodstox parser ({@link EnvelopeReader}
 * says which shapes pass); then multiRef references are resolved ({@link HrefResolver}).
 * Every failure, the parser's included, becomes a SoapFault whose sentence names the problem
 * without echoing more than a short excerpt of the input.
 *
 * <p>Hardening: no DTD support and a DTD refused at its first event, so no entity is ever
 * declared, expanded or fetched (billion laughs, XXE and undeclared entities are all Client
 * faults); external entities off and any resolver call refused as a second line; Woodstox's
 * own limits for depth, element count, children per element, attributes per element,
 * attribute and text length, and document characters, all taken from {@link SoapLimits}.
 *
 * <p>Thread-safe: the parser factory is configured once in the constructor and only read
 * afterwards; each call builds its own reader.
 */
public final class SoapCodec {

    /** SOAP elements carry a handful of attributes; more than this is not a SOAP client. */
    private static final int ATTRIBUTES_PER_ELEMENT_MAX = 64;

    private static final String WOODSTOX_FACTORY = "com.ctc.wstx.stax.WstxInputFactory";

    private final SoapLimits limits;
    private final XMLInputFactory factory;

    /** A codec enforcing these limits. */
    public SoapCodec(SoapLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = hardenedFactory(limits);
    }

    /**
     * Decodes one request.
     *
     * @param body the request bytes; only the first {@code length} are read
     * @param length how many bytes of {@code body} are the request
     * @param contentTypeHeader the HTTP Content-Type, or null if absent
     * @return the operation and its parameters, references resolved
     * @throws SoapFault for anything that is not a valid SOAP 1.1 call
     */
    public SoapCall decode(byte[] body, int length, String contentTypeHeader) throws SoapFault {
        Objects.checkFromIndexSize(0, length, body.length);
        if (length == 0) {
            throw SoapFault.client("The request body is empty.");
        }
        if (length > limits.bodyBytesMax()) {
            throw SoapFault.client("The request body of " + length + " bytes exceeds the limit"
                    + " of " + limits.bodyBytesMax() + " bytes.");
        }
        CharBuffer text = BodyCharset.decode(body, length, contentTypeHeader);
        XMLStreamReader in = null;
        try {
            in = factory.createXMLStreamReader(new Stax2CharArraySource(
                    text.array(), text.arrayOffset() + text.position(), text.remaining()));
            return new EnvelopeReader(in, limits).read();
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        } catch (WstxLazyException e) {
            // Woodstox parses text lazily and reports what it finds there unchecked.
            throw notWellFormed(e.getCause() instanceof XMLStreamException cause
                    ? cause
                    : new XMLStreamException(e.getMessage()));
        } finally {
            close(in);
        }
    }

    private static XMLInputFactory hardenedFactory(SoapLimits limits) {
        XMLInputFactory factory = woodstox();
        XMLResolver refuse = (publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("External resources are not allowed.");
        };
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.RESOLVER, refuse);
        factory.setProperty(WstxInputProperties.P_DTD_RESOLVER, refuse);
        factory.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, refuse);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.depthMax());
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT,
                (long) limits.elementCountMax());
        factory.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT,
                limits.elementCountMax());
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT,
                ATTRIBUTES_PER_ELEMENT_MAX);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.textBytesMax());
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.textBytesMax());
        factory.setProperty(WstxInputProperties.P_MAX_CHARACTERS,
                (long) limits.bodyBytesMax());
        return factory;
    }

    /**
     * A new Woodstox factory. It is found through the service loader rather than named in
     * code because its class carries an OSGi annotation that is not on the class path, which
     * the compiler would report; the limits above are Woodstox properties, so any other
     * parser is refused.
     */
    private static XMLInputFactory woodstox() {
        return ServiceLoader.load(XMLInputFactory.class, SoapCodec.class.getClassLoader())
                .stream()
                .filter(provider -> provider.type().getName().equals(WOODSTOX_FACTORY))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(WOODSTOX_FACTORY + " not found"))
                .get();
    }

    /**
     * A Client fault from a parser error: the parser's own first line, cut short, with the
     * position. The parser's messages name the problem ("Unexpected close tag"), never a
     * Java class; a message that looks like one is replaced rather than trusted.
     */
    static SoapFault notWellFormed(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int newline = message.indexOf('\n');
        String detail = (newline < 0 ? message : message.substring(0, newline)).trim();
        while (detail.endsWith(".")) {
            detail = detail.substring(0, detail.length() - 1);
        }
        if (detail.isEmpty() || detail.contains("Exception") || detail.contains("java.")) {
            detail = "the parser gave no reason";
        }
        detail = SoapFault.quote(detail);
        if (detail.contains("limit (")) {
            return SoapFault.client("The request exceeds a limit: " + detail + ".");
        }
        Location where = e.getLocation();
        String position = where == null || where.getLineNumber() < 0 ? ""
                : " at line " + where.getLineNumber() + ", column " + where.getColumnNumber();
        return SoapFault.client("The request is not well-formed XML" + position + ": "
                + detail + ".");
    }

    private static void close(XMLStreamReader in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (XMLStreamException e) {
            // Closing only hands buffers back for reuse; the input is an array that cannot
            // fail, and the call's outcome is already decided.
        }
    }
}
