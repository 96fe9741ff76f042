package cnode.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken requests: each must end in a fault with the exact code, quickly, and
 * with a fault string that is one bounded sentence and leaks no Java internals.
 */
@Timeout(10)
final class SoapCodecHostileTest {

    private static final String ENVELOPE_OPEN = "<SOAP-ENV:Envelope"
            + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns=\"ns1\">"
            + "<SOAP-ENV:Body>";
    private static final String ENVELOPE_CLOSE = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";

    private final SoapCodec codec = new SoapCodec(SoapLimits.defaults());

    private SoapFault fault(SoapCodec withCodec, byte[] body, String contentType) {
        SoapFault fault = catchThrowableOfType(SoapFault.class,
                () -> withCodec.decode(body, body.length, contentType));
        assertThat(fault).as("a fault").isNotNull();
        assertThat(fault.faultString())
                .isNotBlank()
                .hasSizeLessThan(300)
                .doesNotContain("Exception", "at cnode.", "java.", "com.ctc")
                .endsWith(".");
        assertThat(fault.getStackTrace()).isEmpty();
        return fault;
    }

    private SoapFault fault(String xml) {
        return fault(codec, Envelopes.utf8(xml), "text/xml; charset=utf-8");
    }

    private SoapFault.Code code(String xml) {
        return fault(xml).code();
    }

    @Test
    void externalEntityIsRefusedAtTheDtd() {
        SoapFault fault = fault("<?xml version=\"1.0\"?><!DOCTYPE foo"
                + " [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + ENVELOPE_OPEN + "<ns:op><a>&xxe;</a></ns:op>" + ENVELOPE_CLOSE);

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("DTD").doesNotContain("root:");
    }

    @Test
    void externalDtdIsRefused() {
        assertThat(code("<!DOCTYPE x SYSTEM \"http://127.0.0.1:1/evil.dtd\">" + ENVELOPE_OPEN
                + "<ns:op/>" + ENVELOPE_CLOSE)).isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void externalDtdAndEntitiesAreNeverFetched() throws IOException {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] dtd = "<!ENTITY leak \"secret\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/x.dtd";
            SoapFault dtd = fault("<!DOCTYPE e SYSTEM \"" + url + "\">" + ENVELOPE_OPEN
                    + "<ns:op><a>&leak;</a></ns:op>" + ENVELOPE_CLOSE);
            SoapFault entity = fault("<!DOCTYPE e [<!ENTITY % p SYSTEM \"" + url + "\"> %p;"
                    + "<!ENTITY x SYSTEM \"" + url + "\">]>" + ENVELOPE_OPEN
                    + "<ns:op><a>&x;</a></ns:op>" + ENVELOPE_CLOSE);

            assertThat(dtd.code()).isEqualTo(SoapFault.Code.CLIENT);
            assertThat(entity.code()).isEqualTo(SoapFault.Code.CLIENT);
            assertThat(fetches).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void billionLaughsIsRefusedFast() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        String xml = dtd + ENVELOPE_OPEN + "<ns:op><a>&lol9;</a></ns:op>" + ENVELOPE_CLOSE;

        long start = System.nanoTime();
        SoapFault fault = fault(xml);

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void undeclaredEntityIsRefused() {
        SoapFault fault = fault(ENVELOPE_OPEN + "<ns:op><a>&x;</a></ns:op>" + ENVELOPE_CLOSE);

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("entity");
    }

    @Test
    void soap12EnvelopeIsAVersionMismatch() {
        assertThat(code("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<env:Body><ns:op xmlns:ns=\"ns1\"/></env:Body></env:Envelope>"))
                .isEqualTo(SoapFault.Code.VERSION_MISMATCH);
    }

    @Test
    void envelopeInAnyOtherNamespaceOrNoneIsAVersionMismatch() {
        assertThat(code("<Envelope xmlns=\"urn:other\"><Body/></Envelope>"))
                .isEqualTo(SoapFault.Code.VERSION_MISMATCH);
        assertThat(code("<Envelope><Body/></Envelope>"))
                .isEqualTo(SoapFault.Code.VERSION_MISMATCH);
    }

    @Test
    void rootThatIsNoEnvelopeIsAClientFault() {
        assertThat(code("<ns:getTaskStatus xmlns:ns=\"ns1\"/>")).isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void mustUnderstandHeaderIsRefused() {
        for (String flag : new String[] {"1", "true"}) {
            SoapFault fault = fault("<SOAP-ENV:Envelope"
                    + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                    + "<SOAP-ENV:Header><t:Tx xmlns:t=\"urn:t\" SOAP-ENV:mustUnderstand=\""
                    + flag + "\">5</t:Tx></SOAP-ENV:Header>"
                    + "<SOAP-ENV:Body><ns:op xmlns:ns=\"ns1\"/></SOAP-ENV:Body>"
                    + "</SOAP-ENV:Envelope>");

            assertThat(fault.code()).isEqualTo(SoapFault.Code.MUST_UNDERSTAND);
            assertThat(fault.faultString()).contains("Tx");
        }
    }

    @Test
    void trailingElementAfterTheEnvelopeIsRefused() {
        assertThat(code(ENVELOPE_OPEN + "<ns:op/>" + ENVELOPE_CLOSE + "<ns:op2/>"))
                .isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code(ENVELOPE_OPEN + "<ns:op/>" + ENVELOPE_CLOSE + "garbage"))
                .isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void tenThousandDeepNestingIsRefused() {
        String xml = ENVELOPE_OPEN + "<ns:op>" + "<a>".repeat(10_000) + "</a>".repeat(10_000)
                + "</ns:op>" + ENVELOPE_CLOSE;

        SoapFault fault = fault(xml);

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("limit");
    }

    @Test
    void depthUpToTheLimitPasses() throws SoapFault {
        // Envelope 1, Body 2, operation 3, then 29 more levels: 32 in all.
        String xml = ENVELOPE_OPEN + "<ns:op>" + "<a>".repeat(29) + "x" + "</a>".repeat(29)
                + "</ns:op>" + ENVELOPE_CLOSE;
        byte[] body = Envelopes.utf8(xml);

        assertThat(codec.decode(body, body.length, null).operation()).isEqualTo("op");
        assertThat(code(xml.replace("<ns:op>", "<ns:op><a>").replace("</ns:op>", "</a></ns:op>")))
                .isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void bodyOverTheByteLimitIsRefusedBeforeParsing() {
        byte[] body = new byte[256 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) '<');

        SoapFault fault = fault(codec, body, null);

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("262145").contains("262144");
    }

    @Test
    void elementCountOverTheLimitIsRefused() {
        String xml = ENVELOPE_OPEN + "<ns:op>" + "<a/>".repeat(10_000) + "</ns:op>"
                + ENVELOPE_CLOSE;

        SoapFault fault = fault(xml);

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("limit");
    }

    @Test
    void textOverTheLimitIsRefusedWhateverItsForm() {
        String big = "x".repeat(64 * 1024 + 1);
        assertThat(code(ENVELOPE_OPEN + "<ns:op><a>" + big + "</a></ns:op>" + ENVELOPE_CLOSE))
                .isEqualTo(SoapFault.Code.CLIENT);
        String half = "x".repeat(40 * 1024);
        assertThat(code(ENVELOPE_OPEN + "<ns:op><a>" + half + "<![CDATA[" + half + "]]></a></ns:op>"
                + ENVELOPE_CLOSE)).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code(ENVELOPE_OPEN + "<ns:op><a b=\"" + big + "\"/></ns:op>" + ENVELOPE_CLOSE))
                .isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void smallLimitsAreEnforced() {
        SoapCodec small = new SoapCodec(new SoapLimits(200, 5, 6, 4));
        String body = Envelopes.untyped("<ns:op><a>12345</a></ns:op>");

        assertThat(fault(small, Envelopes.utf8(body), null).faultString()).contains("limit");
        String many = Envelopes.untyped("<ns:op><a/><a/><a/><a/></ns:op>");
        assertThat(fault(small, Envelopes.utf8(many), null).code())
                .isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] head = Envelopes.utf8(ENVELOPE_OPEN + "<ns:op><a>");
        byte[] tail = Envelopes.utf8("</a></ns:op>" + ENVELOPE_CLOSE);
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);

        SoapFault fault = fault(codec, body, "text/xml; charset=utf-8");

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("UTF-8");
        assertThat(fault(codec, body, null).code()).isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void unknownCharsetIsRefused() {
        byte[] body = Envelopes.utf8(Envelopes.untyped("<ns:op/>"));

        assertThat(fault(codec, body, "text/xml; charset=klingon-8").faultString())
                .contains("klingon-8");
        assertThat(fault(codec, body, "text/xml; charset=").code())
                .isEqualTo(SoapFault.Code.CLIENT);
        byte[] declared = Envelopes.utf8("<?xml version=\"1.0\" encoding=\"no such\"?>"
                + Envelopes.untyped("<ns:op/>"));
        assertThat(fault(codec, declared, null).code()).isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void aDeclarationNamingUtf16InSingleByteTextIsRefused() {
        byte[] body = Envelopes.utf8("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                + Envelopes.untyped("<ns:op/>"));

        SoapFault fault = fault(codec, body, null);

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("UTF-16");
    }

    @Test
    void bytesInvalidForADeclaredCharsetAreRefused() {
        byte[] body = Envelopes.untyped("<ns:op><a>é</a></ns:op>")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(fault(codec, body, "text/xml; charset=us-ascii").code())
                .isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void emptyBodyIsRefused() {
        assertThat(fault(codec, new byte[0], null).faultString()).contains("empty");
        assertThat(fault(codec, new byte[] {' ', '\n'}, null).code())
                .isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void garbageIsRefused() {
        assertThat(code("this is not XML at all")).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code("{\"json\": true}")).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code(ENVELOPE_OPEN + "<ns:op>")).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code(ENVELOPE_OPEN + "<ns:op></ns:po>" + ENVELOPE_CLOSE))
                .isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code("\u0000\u0001\u0002")).isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void operationOutsideNs1IsRefused() {
        SoapFault fault = fault("<SOAP-ENV:Envelope"
                + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:ns1=\"urn:ns1\">"
                + "<SOAP-ENV:Body><ns1:getTaskStatus/></SOAP-ENV:Body></SOAP-ENV:Envelope>");

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("urn:ns1").contains("getTaskStatus");
        assertThat(code(ENVELOPE_OPEN + "<getTaskStatus/>" + ENVELOPE_CLOSE))
                .isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void missingOrRepeatedOperationIsRefused() {
        assertThat(fault(ENVELOPE_OPEN + ENVELOPE_CLOSE).faultString()).contains("no operation");
        assertThat(code(ENVELOPE_OPEN + "<ns:a/><ns:b/>" + ENVELOPE_CLOSE))
                .isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code("<SOAP-ENV:Envelope"
                + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"/>"))
                .isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code(ENVELOPE_OPEN + "text<ns:op/>" + ENVELOPE_CLOSE))
                .isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void badReferencesAreRefused() {
        assertThat(code(ENVELOPE_OPEN + "<ns:op><a href=\"#missing\"/></ns:op>" + ENVELOPE_CLOSE))
                .isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault(ENVELOPE_OPEN + "<ns:op><a href=\"#x\"/></ns:op>"
                + "<m id=\"x\"><b href=\"#y\"/></m><m id=\"y\"><c href=\"#x\"/></m>"
                + ENVELOPE_CLOSE).faultString()).contains("cycle");
        assertThat(code(ENVELOPE_OPEN + "<ns:op><a href=\"#x\"/></ns:op>"
                + "<m id=\"x\"><b href=\"#x\"/></m>" + ENVELOPE_CLOSE))
                .isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code(ENVELOPE_OPEN + "<ns:op><a href=\"http://evil/x\"/></ns:op>"
                + ENVELOPE_CLOSE)).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code(ENVELOPE_OPEN + "<ns:op/><m id=\"x\"/><m id=\"x\"/>" + ENVELOPE_CLOSE))
                .isEqualTo(SoapFault.Code.CLIENT);
        assertThat(code(ENVELOPE_OPEN + "<ns:op><a href=\"#x\">content</a></ns:op>"
                + "<m id=\"x\"/>" + ENVELOPE_CLOSE)).isEqualTo(SoapFault.Code.CLIENT);
    }

    @Test
    void referencesCannotMultiplyTheTreePastTheLimit() {
        // Each level refers twice to the next: 2^21 elements from about 60 written ones.
        StringBuilder xml = new StringBuilder(ENVELOPE_OPEN + "<ns:op><a href=\"#r0\"/></ns:op>");
        for (int i = 0; i < 20; i++) {
            xml.append("<m id=\"r").append(i).append("\"><x href=\"#r").append(i + 1)
                    .append("\"/><y href=\"#r").append(i + 1).append("\"/></m>");
        }
        xml.append("<m id=\"r20\">leaf</m>").append(ENVELOPE_CLOSE);

        SoapFault fault = fault(xml.toString());

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("10000 elements");
    }

    @Test
    void referencesCannotDeepenTheTreePastTheLimit() {
        StringBuilder xml = new StringBuilder(ENVELOPE_OPEN + "<ns:op><a href=\"#r0\"/></ns:op>");
        for (int i = 0; i < 40; i++) {
            xml.append("<m id=\"r").append(i).append("\"><x href=\"#r").append(i + 1)
                    .append("\"/></m>");
        }
        xml.append("<m id=\"r40\">leaf</m>").append(ENVELOPE_CLOSE);

        SoapFault fault = fault(xml.toString());

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).contains("depth");
    }

    @Test
    void longInputIsQuotedShortly() {
        String name = "op" + "x".repeat(5_000);

        SoapFault fault = fault(ENVELOPE_OPEN + "<" + name + "/>" + ENVELOPE_CLOSE);

        assertThat(fault.code()).isEqualTo(SoapFault.Code.CLIENT);
        assertThat(fault.faultString()).hasSizeLessThan(200).contains("...");
    }

    @Test
    void programmingErrorsAreNotFaults() {
        SoapCodec any = codec;
        assertThat(catchThrowableOfType(IndexOutOfBoundsException.class,
                () -> any.decode(new byte[3], 4, null))).isNotNull();
    }
}
