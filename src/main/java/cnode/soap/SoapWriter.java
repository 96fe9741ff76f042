package cnode.soap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes SOAP 1.1 RPC/encoded responses and faults as UTF-8 bytes, by hand, with no DOM.
 *
 * <p>A response is the gSOAP-style shape the documented examples show, on one line after the
 * XML declaration: the Envelope declaring {@code SOAP-ENV}, {@code SOAP-ENC}, {@code xsi},
 * {@code xsd} and {@code ns1="ns1"}; a Body with the SOAP encodingStyle; the element
 * {@code ns1:<operation>Response}; inside it one unqualified {@code return} element (typed
 * {@code ns1:<type>} when the struct has a type) holding the struct's fields in order. Leaves
 * are untyped; lists are repeated {@code item} elements. A fault is a Body holding
 * {@code SOAP-ENV:Fault} with {@code faultcode} and {@code faultstring}. All character data
 * is escaped by {@link XmlBuffer}.
 *
 * <p>Stateless: static methods, each building its own buffer, safe on any thread. A struct
 * nested deeper than {@value #NESTING_MAX} levels is taken for a cycle, a programming error.
 */
public final class SoapWriter {

    /** The Content-Type of every response and fault this class writes. */
    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private static final int NESTING_MAX = 64;
    private static final int CAPACITY_INITIAL = 1024;
    private static final byte[] ENVELOPE_START = bytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<SOAP-ENV:Envelope"
            + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
            + " xmlns:ns1=\"ns1\">");
    private static final byte[] ENCODED_BODY_START = bytes("<SOAP-ENV:Body"
            + " SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">");
    private static final byte[] FAULT_START = bytes("<SOAP-ENV:Body><SOAP-ENV:Fault>"
            + "<faultcode>SOAP-ENV:");
    private static final byte[] FAULT_STRING = bytes("</faultcode><faultstring>");
    private static final byte[] FAULT_END = bytes("</faultstring></SOAP-ENV:Fault>");
    private static final byte[] ENVELOPE_END = bytes("</SOAP-ENV:Body></SOAP-ENV:Envelope>");
    private static final byte[] RETURN_START = bytes("<return");
    private static final byte[] RETURN_END = bytes("</return>");
    private static final byte[] TYPE_START = bytes(" xsi:type=\"ns1:");
    private static final byte[] ITEM_START = bytes("<item>");
    private static final byte[] ITEM_END = bytes("</item>");

    private SoapWriter() {}

    /**
     * A response envelope.
     *
     * @param operation the operation's name; the element written is
     *     {@code ns1:<operation>Response}
     * @param ret the {@code return} element's fields and type
     */
    public static byte[] response(String operation, SoapStruct ret) {
        SoapStruct.checkName(operation);
        Objects.requireNonNull(ret, "ret");
        XmlBuffer out = new XmlBuffer(CAPACITY_INITIAL);
        out.raw(ENVELOPE_START).raw(ENCODED_BODY_START);
        out.ascii("<ns1:").ascii(operation).ascii("Response>");
        out.raw(RETURN_START);
        type(out, ret.xsiType());
        fields(out, ret, 0);
        out.raw(RETURN_END);
        out.ascii("</ns1:").ascii(operation).ascii("Response>");
        out.raw(ENVELOPE_END);
        return out.toByteArray();
    }

    /** A SOAP 1.1 Fault envelope carrying the fault's code and sentence. */
    public static byte[] fault(SoapFault fault) {
        XmlBuffer out = new XmlBuffer(CAPACITY_INITIAL);
        out.raw(ENVELOPE_START).raw(FAULT_START).ascii(fault.code().wireName());
        out.raw(FAULT_STRING).text(fault.faultString()).raw(FAULT_END);
        out.raw(ENVELOPE_END);
        return out.toByteArray();
    }

    private static void fields(XmlBuffer out, SoapStruct struct, int nesting) {
        if (nesting > NESTING_MAX) {
            throw new IllegalStateException("structs nested deeper than " + NESTING_MAX
                    + " levels; a struct probably contains itself");
        }
        for (int i = 0, n = struct.size(); i < n; i++) {
            String name = struct.name(i);
            switch (struct.kind(i)) {
                case STRING -> {
                    open(out, name);
                    String value = (String) struct.value(i);
                    if (value != null) {
                        out.text(value);
                    }
                }
                case UNSIGNED_INT, LONG -> open(out, name).digits(struct.number(i));
                case UNSIGNED_LONG -> open(out, name).unsignedDigits(struct.number(i));
                case BOOLEAN -> open(out, name).ascii(struct.number(i) != 0 ? "true" : "false");
                case STRUCT -> {
                    SoapStruct value = (SoapStruct) struct.value(i);
                    out.ascii('<').ascii(name);
                    type(out, value.xsiType());
                    fields(out, value, nesting + 1);
                }
                case LIST -> list(out, name, (SoapStruct.StructList) struct.value(i), nesting);
                case STRING_LIST -> stringList(out, name, (String[]) struct.value(i));
            }
            out.ascii("</").ascii(name).ascii('>');
        }
    }

    private static void list(
            XmlBuffer out, String name, SoapStruct.StructList list, int nesting) {
        out.ascii('<').ascii(name);
        type(out, list.xsiType());
        List<SoapStruct> items = list.items();
        for (int i = 0, n = items.size(); i < n; i++) {
            SoapStruct item = items.get(i);
            out.ascii("<item");
            type(out, item.xsiType());
            fields(out, item, nesting + 1);
            out.raw(ITEM_END);
        }
    }

    private static void stringList(XmlBuffer out, String name, String[] items) {
        open(out, name);
        for (String item : items) {
            out.raw(ITEM_START);
            if (item != null) {
                out.text(item);
            }
            out.raw(ITEM_END);
        }
    }

    private static XmlBuffer open(XmlBuffer out, String name) {
        return out.ascii('<').ascii(name).ascii('>');
    }

    /** Ends a start tag, with {@code xsi:type="ns1:<type>"} first when there is a type. */
    private static void type(XmlBuffer out, String xsiType) {
        if (xsiType != null) {
            out.raw(TYPE_START).ascii(xsiType).ascii('"');
        }
        out.ascii('>');
    }

    private static byte[] bytes(String markup) {
        return markup.getBytes(StandardCharsets.UTF_8);
    }
}
