package cnode.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/** Responses and faults: exact shape, escaping, and a round trip through a plain parser. */
final class SoapWriterTest {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:ns1=\"ns1\">";

    static SoapStruct taskStatus() {
        return new SoapStruct("vuiSoapGetTaskStatusResponse")
                .string("type", "GIVE_MONEY")
                .uint("progressPercent", 0)
                .string("status", "PREPARATION")
                .string("additionalInfo", "{}")
                .string("taskId", "7W3A0N1N9I2E7N1TKLS54A9PTR")
                .string("requestStatus", "SUCCESS")
                .string("requestStatusDescription", "Request succeeded.");
    }

    @Test
    void getTaskStatusResponseHasTheDocumentedShape() {
        byte[] bytes = SoapWriter.response("getTaskStatus", taskStatus());

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(HEAD
                + "<SOAP-ENV:Body"
                + " SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"
                + "<ns1:getTaskStatusResponse>"
                + "<return xsi:type=\"ns1:vuiSoapGetTaskStatusResponse\">"
                + "<type>GIVE_MONEY</type><progressPercent>0</progressPercent>"
                + "<status>PREPARATION</status><additionalInfo>{}</additionalInfo>"
                + "<taskId>7W3A0N1N9I2E7N1TKLS54A9PTR</taskId>"
                + "<requestStatus>SUCCESS</requestStatus>"
                + "<requestStatusDescription>Request succeeded.</requestStatusDescription>"
                + "</return></ns1:getTaskStatusResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>");
    }

    @Test
    void untypedReturnHasNoXsiType() {
        String xml = text(
                SoapWriter.response("hello", new SoapStruct(null).string("status", "ok")));

        assertThat(xml).contains("<ns1:helloResponse><return><status>ok</status></return>");
    }

    @Test
    void everyKindRoundTripsThroughAPlainParser() throws XMLStreamException {
        SoapStruct amount = new SoapStruct("billonAmount")
                .ulong("amount", 12_000).string("currency", "PLN").ulong("colour", 0);
        SoapStruct slave = new SoapStruct("slaveLocation").struct("soapAddress",
                new SoapStruct("ipLocation").string("ip", "10.0.0.1").uint("port", 9600));
        SoapStruct ret = new SoapStruct(null)
                .struct("freeBalance", amount)
                .ulong("huge", -1L)
                .uint("max", 0xFFFF_FFFFL)
                .integer("negative", Long.MIN_VALUE)
                .bool("yes", true)
                .bool("no", false)
                .string("nothing", null)
                .list("slaves", "slaveLocationList", List.of(slave, new SoapStruct(null)))
                .stringList("users", java.util.Arrays.asList("alice", null, "b&b"));

        List<String> leaves = leaves(SoapWriter.response("getMoneyStatus", ret));

        assertThat(leaves).containsExactly(
                "freeBalance/amount=12000",
                "freeBalance/currency=PLN",
                "freeBalance/colour=0",
                "huge=18446744073709551615",
                "max=4294967295",
                "negative=-9223372036854775808",
                "yes=true",
                "no=false",
                "nothing=",
                "slaves/item/soapAddress/ip=10.0.0.1",
                "slaves/item/soapAddress/port=9600",
                "slaves/item=",
                "users/item=alice",
                "users/item=",
                "users/item=b&b");
        String xml = text(SoapWriter.response("getMoneyStatus", ret));
        assertThat(xml)
                .contains("<freeBalance xsi:type=\"ns1:billonAmount\"><amount>12000</amount>")
                .contains("<slaves xsi:type=\"ns1:slaveLocationList\">"
                        + "<item xsi:type=\"ns1:slaveLocation\">"
                        + "<soapAddress xsi:type=\"ns1:ipLocation\">")
                .contains("<item></item></slaves>")
                .contains("<users><item>alice</item><item></item><item>b&amp;b</item></users>");
    }

    @Test
    void responsesDecodeBackThroughTheCodec() throws SoapFault {
        byte[] bytes = SoapWriter.response("getTaskStatus", taskStatus());
        SoapCall call = new SoapCodec(SoapLimits.defaults()).decode(bytes, bytes.length, null);

        assertThat(call.operation()).isEqualTo("getTaskStatusResponse");
        assertThat(call.params().child("return").xsiType())
                .isEqualTo("vuiSoapGetTaskStatusResponse");
        assertThat(call.params().child("return").text("taskId"))
                .isEqualTo("7W3A0N1N9I2E7N1TKLS54A9PTR");
    }

    @Test
    void specialAndInvalidCharactersAreEscaped() throws XMLStreamException {
        String nasty = "a&b<c>d\"e'f\tg\nh\ri\u0000j\u0001k\u001Fl\u007Fm\u0085n\uFFFEo\uFFFF"
                + "p\uD800q\uDC00r\uD834\uDD1Es€t]]>u";

        byte[] bytes = SoapWriter.response("op", new SoapStruct(null).string("s", nasty));
        String xml = text(bytes);

        assertThat(xml).contains("<s>a&amp;b&lt;c&gt;d&quot;e'f\tg\nh&#13;i\uFFFDj\uFFFDk\uFFFDl"
                + "&#127;m"
                + "&#133;n\uFFFDo\uFFFDp\uFFFDq\uFFFDr\uD834\uDD1Es€t]]&gt;u</s>");
        assertThat(leaves(bytes)).containsExactly("s=a&b<c>d\"e'f\tg\nh\ri\uFFFDj\uFFFDk\uFFFDl"
                + "\u007Fm"
                + "\u0085n\uFFFDo\uFFFDp\uFFFDq\uFFFDr\uD834\uDD1Es€t]]>u");
    }

    @Test
    void longAndNonAsciiStringsGrowTheBuffer() throws XMLStreamException {
        String big = "zażółć gęślą jaźń 𝄞 <&> ".repeat(2_000);

        byte[] bytes = SoapWriter.response("op", new SoapStruct(null).string("s", big));

        assertThat(leaves(bytes)).containsExactly("s=" + big);
    }

    @Test
    void faultEnvelopeShape() {
        byte[] bytes = SoapWriter.fault(new SoapFault(SoapFault.Code.CLIENT,
                "The operation <x> & \"y\" is unknown."));

        assertThat(text(bytes)).isEqualTo(HEAD + "<SOAP-ENV:Body><SOAP-ENV:Fault>"
                + "<faultcode>SOAP-ENV:Client</faultcode>"
                + "<faultstring>The operation &lt;x&gt; &amp; &quot;y&quot; is unknown."
                + "</faultstring>"
                + "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>");
    }

    @Test
    void everyFaultCodeHasItsWireName() {
        assertThat(text(SoapWriter.fault(new SoapFault(SoapFault.Code.VERSION_MISMATCH, "v."))))
                .contains("<faultcode>SOAP-ENV:VersionMismatch</faultcode>");
        assertThat(text(SoapWriter.fault(new SoapFault(SoapFault.Code.MUST_UNDERSTAND, "m."))))
                .contains("<faultcode>SOAP-ENV:MustUnderstand</faultcode>");
        assertThat(text(SoapWriter.fault(new SoapFault(SoapFault.Code.SERVER, "s."))))
                .contains("<faultcode>SOAP-ENV:Server</faultcode>");
    }

    @Test
    void namesThatAreNotPlainXmlNamesAreProgrammingErrors() {
        SoapStruct struct = new SoapStruct(null);

        assertThatThrownBy(() -> struct.string("a b", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> struct.string("<x>", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SoapStruct("ns1:type"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoapWriter.response("op\"", struct))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> struct.uint("n", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> struct.uint("n", 1L << 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> struct.struct("self", struct))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCycleOfStructsFailsLoudly() {
        SoapStruct a = new SoapStruct(null);
        SoapStruct b = new SoapStruct(null).struct("a", a);
        a.struct("b", b);

        assertThatThrownBy(() -> SoapWriter.response("op", a))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leafKindsAreRecordedForATypedWriter() {
        SoapStruct struct = new SoapStruct(null).string("s", "x").uint("u", 1).ulong("l", 2)
                .integer("i", -3).bool("b", true).stringList("sl", List.of());

        assertThat(List.of(struct.kind(0), struct.kind(1), struct.kind(2), struct.kind(3),
                struct.kind(4), struct.kind(5))).containsExactly(SoapStruct.Kind.STRING,
                SoapStruct.Kind.UNSIGNED_INT, SoapStruct.Kind.UNSIGNED_LONG, SoapStruct.Kind.LONG,
                SoapStruct.Kind.BOOLEAN, SoapStruct.Kind.STRING_LIST);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Leaves below {@code return} as "path=text", in order, read with a plain StAX parser. */
    private static List<String> leaves(byte[] bytes) throws XMLStreamException {
        XMLStreamReader in = XMLInputFactory.newFactory()
                .createXMLStreamReader(new ByteArrayInputStream(bytes));
        List<String> leaves = new ArrayList<>();
        List<String> path = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean leaf = false;
        boolean below = false;
        while (in.hasNext()) {
            int event = in.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (below) {
                    path.add(in.getLocalName());
                }
                below |= in.getLocalName().equals("return");
                leaf = true;
                text.setLength(0);
            } else if (event == XMLStreamConstants.CHARACTERS) {
                text.append(in.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT && below) {
                if (path.isEmpty()) {
                    below = false;
                    continue;
                }
                if (leaf) {
                    leaves.add(String.join("/", path) + "=" + text);
                }
                leaf = false;
                path.remove(path.size() - 1);
            }
        }
        return leaves;
    }
}
