package cnode.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The envelope shapes the documentation shows, and the ones generated clients send. */
final class SoapCodecTest {

    private static final String ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String ENC = "http://schemas.xmlsoap.org/soap/encoding/";
    private static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private final SoapCodec codec = new SoapCodec(SoapLimits.defaults());

    private SoapCall decode(byte[] body) throws SoapFault {
        return codec.decode(body, body.length, CONTENT_TYPE);
    }

    private SoapCall decode(String xml) throws SoapFault {
        return decode(Envelopes.utf8(xml));
    }

    @Test
    void seedRequestDecodesByteForByte() throws SoapFault {
        byte[] seed = Envelopes.resource(Envelopes.SEED);
        assertThat(new String(seed, StandardCharsets.UTF_8))
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope\n")
                .endsWith(" </SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n");

        SoapCall call = codec.decode(seed, seed.length, null);

        assertThat(call.operation()).isEqualTo("getTaskStatus");
        assertThat(call.params().text("taskId")).isEqualTo("QF4KJMNG3ESEG2245J7901KD");
        assertThat(call.params().text("uniqueTransferId")).isEqualTo("11-42225-49853-A");
        assertThat(call.params().text("callback")).isEqualTo("false");
        assertThat(call.params().children()).extracting(SoapNode::name)
                .containsExactly("taskId", "uniqueTransferId", "callback");
        assertThat(call.params().text()).isEmpty();
    }

    @Test
    void bodyLongerThanLengthIsReadOnlyUpToLength() throws SoapFault {
        byte[] seed = Envelopes.resource(Envelopes.SEED);
        byte[] padded = Arrays.copyOf(seed, seed.length + 50);
        padded[seed.length] = '<';

        SoapCall call = codec.decode(padded, seed.length, CONTENT_TYPE);

        assertThat(call.operation()).isEqualTo("getTaskStatus");
    }

    @Test
    void olderTypedStyleWithSoapenvPrefixAndHeader() throws SoapFault {
        SoapCall call = decode(Envelopes.resource(Envelopes.TYPED_VAULT));

        assertThat(call.operation()).isEqualTo("sendMoneyToVault");
        SoapNode amount = call.params().child("amount");
        assertThat(amount.xsiType()).isEqualTo("billonAmount");
        assertThat(amount.text()).isEmpty();
        assertThat(amount.text("amount")).isEqualTo("100");
        assertThat(amount.child("amount").xsiType()).isEqualTo("unsignedLong");
        assertThat(amount.text("currency")).isEqualTo("PLN");
        assertThat(amount.text("colour")).isEqualTo("0");
    }

    @Test
    void itemListsOfNestedStructs() throws SoapFault {
        SoapCall call = decode(Envelopes.resource(Envelopes.TYPED_ADD_SLAVES));

        SoapNode slaves = call.params().child("newSlaves");
        assertThat(slaves.xsiType()).isEqualTo("slaveLocationList");
        assertThat(slaves.items()).hasSize(2);
        SoapNode second = slaves.items().get(1);
        assertThat(second.xsiType()).isEqualTo("slaveLocation");
        assertThat(second.child("soapAddress").text("ip")).isEqualTo("192.168.1.11");
        assertThat(second.child("soapAddress").text("port")).isEqualTo("9601");
        assertThat(second.child("applicationAddress").text("port")).isEqualTo("30201");
    }

    @Test
    void multiRefReferencesAreResolved() throws SoapFault {
        SoapCall call = decode(Envelopes.resource(Envelopes.MULTIREF_GIVE_MONEY));

        assertThat(call.operation()).isEqualTo("giveMoneyRequest");
        SoapNode amount = call.params().child("amount");
        assertThat(amount.name()).isEqualTo("amount");
        assertThat(amount.xsiType()).isEqualTo("billonAmount");
        assertThat(amount.text("amount")).isEqualTo("12000");
        assertThat(amount.text("currency")).isEqualTo("PLN");
        assertThat(amount.text("colour")).isEqualTo("0");
        assertThat(amount.child("colour").xsiType()).isEqualTo("unsignedLong");
        assertThat(call.params().text("username")).isEqualTo("alice");
        assertThat(call.params().text("description")).isEmpty();
    }

    @Test
    void sharedMultiRefMayBeReferencedTwice() throws SoapFault {
        SoapCall call = decode(Envelopes.untyped("<ns:op><a href=\"#x\"/><b href=\"#x\"/></ns:op>"
                + "<multiRef id=\"x\"><v>7</v></multiRef>"));

        assertThat(call.params().child("a").text("v")).isEqualTo("7");
        assertThat(call.params().child("b").text("v")).isEqualTo("7");
        assertThat(call.params().child("b").name()).isEqualTo("b");
    }

    @Test
    void multiRefBeforeTheOperationAndIdInsideTheOperation() throws SoapFault {
        SoapCall call = decode(Envelopes.untyped("<m id=\"first\">one</m>"
                + "<ns:op><a href=\"#first\"/><b id=\"inner\">two</b><c href=\"#inner\"/>"
                + "</ns:op>"));

        assertThat(call.params().text("a")).isEqualTo("one");
        assertThat(call.params().text("b")).isEqualTo("two");
        assertThat(call.params().text("c")).isEqualTo("two");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ns1", "ns", "Bsa", "x", "p0"})
    void theNamespaceUriMattersNotThePrefix(String prefix) throws SoapFault {
        SoapCall call = decode("<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:" + prefix + "=\"ns1\"><e:Body><" + prefix + ":getCurrencyRatio>"
                + "<currency>PLN</currency></" + prefix + ":getCurrencyRatio></e:Body>"
                + "</e:Envelope>");

        assertThat(call.operation()).isEqualTo("getCurrencyRatio");
        assertThat(call.params().text("currency")).isEqualTo("PLN");
    }

    @Test
    void defaultNamespaceOperation() throws SoapFault {
        SoapCall call = decode("<soap:Envelope xmlns:soap=\"" + ENV + "\">"
                + "<soap:Body><hello xmlns=\"ns1\"/></soap:Body></soap:Envelope>");

        assertThat(call.operation()).isEqualTo("hello");
        assertThat(call.params().children()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"envelope", "body", "operation", "nowhere"})
    void encodingStyleAnywhereOrNowhere(String where) throws SoapFault {
        String style = " SOAP-ENV:encodingStyle=\"" + ENC + "\"";
        String xml = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + ENV + "\""
                + " xmlns:ns1=\"ns1\"" + (where.equals("envelope") ? style : "") + ">"
                + "<SOAP-ENV:Body" + (where.equals("body") ? style : "") + ">"
                + "<ns1:hello" + (where.equals("operation") ? style : "") + "/>"
                + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";

        assertThat(decode(xml).operation()).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<?xml version=\"1.0\"?>\n",
        "<?xml version='1.0' encoding='utf-8'?>", "<!-- a comment -->\n", "\n  "})
    void withAndWithoutXmlDeclaration(String prolog) throws SoapFault {
        SoapCall call = decode(prolog + Envelopes.untyped("<ns:hello/>"));

        assertThat(call.operation()).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<SOAP-ENV:Header/>", "<SOAP-ENV:Header></SOAP-ENV:Header>",
        "<SOAP-ENV:Header><t:Trace xmlns:t=\"urn:t\">x</t:Trace></SOAP-ENV:Header>",
        "<SOAP-ENV:Header><t:T xmlns:t=\"urn:t\" SOAP-ENV:mustUnderstand=\"0\"/>"
            + "</SOAP-ENV:Header>"})
    void headersWeNeedNotUnderstandAreIgnored(String header) throws SoapFault {
        String xml = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + ENV + "\">"
                + header + "<SOAP-ENV:Body><ns:hello xmlns:ns=\"ns1\"/></SOAP-ENV:Body>"
                + "</SOAP-ENV:Envelope>";

        assertThat(decode(xml).operation()).isEqualTo("hello");
    }

    @Test
    void childrenInAnyOrderAndUnknownChildrenKept() throws SoapFault {
        SoapCall call = decode(Envelopes.untyped("<ns:getTaskStatus><callback>true</callback>"
                + "<futureField>1</futureField><taskId>T1</taskId></ns:getTaskStatus>"));

        assertThat(call.params().text("taskId")).isEqualTo("T1");
        assertThat(call.params().text("callback")).isEqualTo("true");
        assertThat(call.params().text("uniqueTransferId")).isNull();
        assertThat(call.params().child("futureField").text()).isEqualTo("1");
    }

    @Test
    void untypedNestedStructAndTypedSiblingMix() throws SoapFault {
        SoapCall call = decode(Envelopes.untyped("<ns:expectPaymentRequest"
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<username xsi:type=\"xsd:string\">bob</username>"
                + "<amount><amount>12000</amount><currency>PLN</currency><colour>0</colour>"
                + "</amount>"
                + "<timeout>600</timeout></ns:expectPaymentRequest>"));

        assertThat(call.params().child("username").xsiType()).isEqualTo("string");
        assertThat(call.params().child("amount").xsiType()).isNull();
        assertThat(call.params().child("amount").text("amount")).isEqualTo("12000");
        assertThat(call.params().text("timeout")).isEqualTo("600");
    }

    @Test
    void nilParametersReadAsAbsent() throws SoapFault {
        SoapCall call = decode(Envelopes.untyped("<ns:giveMoneyRequest"
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<seriesId xsi:nil=\"true\"/><peerLocation xsi:nil=\"1\"/>"
                + "<username xsi:nil=\"false\">bob</username></ns:giveMoneyRequest>"));

        assertThat(call.params().child("seriesId")).isNull();
        assertThat(call.params().text("peerLocation")).isNull();
        assertThat(call.params().text("username")).isEqualTo("bob");
    }

    @Test
    void textIsKeptExactlyWithEntitiesCdataAndCharacterReferences() throws SoapFault {
        SoapCall call = decode(Envelopes.untyped("<ns:op><d>  a &amp; b &lt;c&gt; &#x17C;"
                + "<![CDATA[<raw> & ]]>{\"k\":\"v\"}\n</d><empty/><blank>  </blank></ns:op>"));

        assertThat(call.params().text("d")).isEqualTo("  a & b <c> \u017C<raw> & {\"k\":\"v\"}\n");
        assertThat(call.params().text("empty")).isEmpty();
        assertThat(call.params().text("blank")).isEqualTo("  ");
    }

    @Test
    void stringItemsAndItemsAmongOtherChildren() throws SoapFault {
        SoapCall call = decode(Envelopes.untyped("<ns:addAllowedUsers><newAllowedUsers>"
                + "<item>alice</item><note>x</note><item>bob</item></newAllowedUsers>"
                + "<plain><item>1</item></plain></ns:addAllowedUsers>"));

        assertThat(call.params().child("newAllowedUsers").items())
                .extracting(SoapNode::text).containsExactly("alice", "bob");
        assertThat(call.params().child("plain").items()).hasSize(1);
        assertThat(call.params().child("taskId")).isNull();
    }

    @Test
    void commentsAndProcessingInstructionsAnywhereAreHarmless() throws SoapFault {
        SoapCall call = decode("<!-- before --><SOAP-ENV:Envelope"
                + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><!-- c -->"
                + "<SOAP-ENV:Body><?pi x?><ns:op xmlns:ns=\"ns1\"><a>1<!-- in text -->2</a></ns:op>"
                + "</SOAP-ENV:Body></SOAP-ENV:Envelope><!-- after -->\n<?after?>\n");

        assertThat(call.params().text("a")).isEqualTo("12");
    }

    @Test
    void trailingEnvelopeChildrenAfterTheBodyAreSkipped() throws SoapFault {
        SoapCall call = decode("<SOAP-ENV:Envelope"
                + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<SOAP-ENV:Body><ns:op xmlns:ns=\"ns1\"/></SOAP-ENV:Body>"
                + "<t:trailer xmlns:t=\"urn:t\"><x/></t:trailer></SOAP-ENV:Envelope>");

        assertThat(call.operation()).isEqualTo("op");
    }

    @Test
    void latin1DeclaredInContentType() throws SoapFault {
        byte[] body = Envelopes.untyped("<ns:op><t>café</t></ns:op>")
                .getBytes(StandardCharsets.ISO_8859_1);

        SoapCall call = codec.decode(body, body.length, "text/xml; charset=ISO-8859-1");

        assertThat(call.params().text("t")).isEqualTo("café");
    }

    @Test
    void latin1DeclaredOnlyInTheXmlDeclaration() throws SoapFault {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                + Envelopes.untyped("<ns:op><t>crème brûlée</t></ns:op>"))
                .getBytes(StandardCharsets.ISO_8859_1);

        SoapCall call = codec.decode(body, body.length, "text/xml");

        assertThat(call.params().text("t")).isEqualTo("crème brûlée");
    }

    @Test
    void contentTypeCharsetWinsOverTheXmlDeclaration() throws SoapFault {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + Envelopes.untyped("<ns:op><t>café</t></ns:op>"))
                .getBytes(StandardCharsets.ISO_8859_1);

        SoapCall call = codec.decode(body, body.length, "text/xml;Charset=\"iso-8859-1\"");

        assertThat(call.params().text("t")).isEqualTo("café");
    }

    @Test
    void utf16WithByteOrderMarkDecodes() throws SoapFault {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                + Envelopes.untyped("<ns:op><t>zażółć 𝄞</t></ns:op>");
        byte[] big = withBom(new byte[] {(byte) 0xFE, (byte) 0xFF},
                xml.getBytes(StandardCharsets.UTF_16BE));
        byte[] little = withBom(new byte[] {(byte) 0xFF, (byte) 0xFE},
                xml.getBytes(StandardCharsets.UTF_16LE));

        // The byte-order mark wins over a contrary Content-Type charset.
        assertThat(codec.decode(big, big.length, CONTENT_TYPE).params().text("t"))
                .isEqualTo("zażółć 𝄞");
        assertThat(codec.decode(little, little.length, null).params().text("t"))
                .isEqualTo("zażółć 𝄞");
    }

    @Test
    void utf8WithByteOrderMarkDecodes() throws SoapFault {
        byte[] body = withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                Envelopes.utf8(Envelopes.untyped("<ns:op><t>zażółć</t></ns:op>")));

        SoapCall call = codec.decode(body, body.length, "text/xml; charset=ISO-8859-1");

        assertThat(call.params().text("t")).isEqualTo("zażółć");
    }

    @Test
    void utf16WithoutByteOrderMarkIsRecognisedFromItsFirstBytes() throws SoapFault {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-16LE\"?>"
                + Envelopes.untyped("<ns:op><t>ż</t></ns:op>"))
                .getBytes(StandardCharsets.UTF_16LE);

        assertThat(codec.decode(body, body.length, null).params().text("t")).isEqualTo("ż");
    }

    @Test
    void decodedCallsAreImmutable() throws SoapFault {
        SoapCall call = decode(Envelopes.resource(Envelopes.TYPED_ADD_SLAVES));

        assertThatThrownBy(() -> call.params().children().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> call.params().child("newSlaves").items().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void oneCodecServesManyThreads() throws Exception {
        byte[] seed = Envelopes.resource(Envelopes.SEED);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger good = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 500; i++) {
                    try {
                        if (codec.decode(seed, seed.length, null).params().text("taskId")
                                .equals("QF4KJMNG3ESEG2245J7901KD")) {
                            good.incrementAndGet();
                        }
                    } catch (SoapFault e) {
                        throw new AssertionError(e.faultString());
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(good.get()).isEqualTo(8 * 500);
    }

    private static byte[] withBom(byte[] bom, byte[] rest) {
        byte[] body = new byte[bom.length + rest.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(rest, 0, body, bom.length, rest.length);
        return body;
    }
}
