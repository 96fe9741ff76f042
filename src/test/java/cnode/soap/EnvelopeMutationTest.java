package cnode.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random damage to valid envelopes: the codec must answer every body with a call or a
 * Client-side fault, never another exception, never a Server fault (which would mean a bug
 * of ours), never a leak of Java internals. Bodies stay under about 64 KiB so that a thousand
 * tries take seconds. Also checks, against a small reference model, that any string the
 * writer writes decodes back to its XML-safe form.
 */
final class EnvelopeMutationTest {

    private static final SoapCodec CODEC = new SoapCodec(SoapLimits.defaults());
    private static final List<byte[]> SEEDS = List.of(
            Envelopes.resource(Envelopes.SEED),
            Envelopes.resource(Envelopes.TYPED_VAULT),
            Envelopes.resource(Envelopes.TYPED_ADD_SLAVES),
            Envelopes.resource(Envelopes.MULTIREF_GIVE_MONEY),
            SoapWriter.response("getTaskStatus", SoapWriterTest.taskStatus()));
    private static final List<String> SNIPPETS = List.of(
            "<!DOCTYPE x [<!ENTITY a \"&a;&a;\">]>", "<!DOCTYPE x SYSTEM \"file:///etc/passwd\">",
            "&x;", "&amp;", "&#0;", "&#x1F600;", "<![CDATA[", "]]>", "<a>", "</a>", "<!--", "-->",
            "<?pi?>", "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?>", " href=\"#id0\"",
            " id=\"id0\"", " xsi:nil=\"true\"", " SOAP-ENV:mustUnderstand=\"1\"", "\"", "'", "<",
            ">", "=", "xmlns:ns=\"ns1\"", "xmlns=\"\"", "<SOAP-ENV:Header>", "</SOAP-ENV:Body>",
            "<multiRef id=\"id0\"><a href=\"#id0\"/></multiRef>", "\uFEFF", "\u0000");

    @Property(tries = 1000)
    void decodeAnswersEveryBodyWithACallOrAClientSideFault(
            @ForAll("damagedEnvelopes") byte[] body, @ForAll("contentTypes") String contentType) {
        try {
            SoapCall call = CODEC.decode(body, body.length, contentType);
            assertThat(call.operation()).isNotEmpty();
            assertThat(call.params().name()).isEqualTo(call.operation());
            Statistics.collect("call");
        } catch (SoapFault fault) {
            Statistics.collect(fault.code());
            assertThat(fault.code()).isNotEqualTo(SoapFault.Code.SERVER);
            assertThat(fault.faultString())
                    .isNotBlank()
                    .hasSizeLessThan(400)
                    .doesNotContain("Exception", "at cnode.", "java.", "com.ctc");
        }
    }

    @Property(tries = 300)
    void writtenStringsDecodeToTheirXmlSafeForm(@ForAll String value) throws SoapFault {
        byte[] bytes = SoapWriter.response("op", new SoapStruct("t").string("s", value));

        SoapCall call = CODEC.decode(bytes, bytes.length, null);

        assertThat(call.params().child("return").text("s")).isEqualTo(xmlSafe(value));
    }

    /** The reference model: what XML 1.0 can carry, each other character as U+FFFD. */
    private static String xmlSafe(String value) {
        StringBuilder safe = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                safe.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF
                    || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                safe.append('\uFFFD');
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }

    @Provide
    Arbitrary<String> contentTypes() {
        // Mostly the usual headers, so that most damage reaches the parser.
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("text/xml; charset=utf-8", "text/xml")),
                Tuple.of(2, Arbitraries.of("application/soap+xml", "text/xml; charset=ISO-8859-1",
                        "text/xml; charset=\"utf-8\"; action=x", "text/xml; charset=UTF-16",
                        "text/xml; charset=windows-1250")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)
                        .map(s -> "text/xml; charset=" + s)))
                .injectNull(0.3);
    }

    @Provide
    Arbitrary<byte[]> damagedEnvelopes() {
        Arbitrary<List<UnaryOperator<byte[]>>> damage = Arbitraries.oneOf(
                flip(), truncate(), duplicate(), delete(), insertSnippet(), insertNesting(),
                insertUnicode(), insertBytes()).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(Arbitraries.of(SEEDS), damage).as((seed, steps) -> {
            byte[] body = seed;
            for (UnaryOperator<byte[]> step : steps) {
                body = step.apply(body);
            }
            return body;
        });
    }

    private static Arbitrary<UnaryOperator<byte[]>> flip() {
        return Combinators.combine(fraction(), Arbitraries.integers().between(1, 255))
                .as((at, mask) -> body -> {
                    if (body.length == 0) {
                        return body;
                    }
                    byte[] copy = body.clone();
                    int i = index(at, body.length - 1);
                    copy[i] = (byte) (copy[i] ^ mask);
                    return copy;
                });
    }

    private static Arbitrary<UnaryOperator<byte[]>> truncate() {
        return fraction().map(at -> body -> java.util.Arrays.copyOf(body, index(at, body.length)));
    }

    private static Arbitrary<UnaryOperator<byte[]>> duplicate() {
        return Combinators.combine(fraction(), Arbitraries.integers().between(1, 300), fraction())
                .as((from, length, to) -> body -> {
                    int start = index(from, body.length);
                    int end = Math.min(body.length, start + length);
                    return insert(body, index(to, body.length),
                            java.util.Arrays.copyOfRange(body, start, end));
                });
    }

    private static Arbitrary<UnaryOperator<byte[]>> delete() {
        return Combinators.combine(fraction(), Arbitraries.integers().between(1, 100))
                .as((from, length) -> body -> {
                    int start = index(from, body.length);
                    int end = Math.min(body.length, start + length);
                    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
                    out.write(body, 0, start);
                    out.write(body, end, body.length - end);
                    return out.toByteArray();
                });
    }

    private static Arbitrary<UnaryOperator<byte[]>> insertSnippet() {
        return Combinators.combine(fraction(), Arbitraries.of(SNIPPETS))
                .as((at, snippet) -> body -> insert(body, index(at, body.length),
                        snippet.getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<UnaryOperator<byte[]>> insertNesting() {
        return Combinators.combine(fraction(), Arbitraries.integers().between(1, 5_000),
                Arbitraries.of(true, false)).as((at, levels, closed) -> body -> {
                    String nest = "<a>".repeat(levels) + (closed ? "</a>".repeat(levels) : "");
                    return insert(body, index(at, body.length),
                            nest.getBytes(StandardCharsets.UTF_8));
                });
    }

    private static Arbitrary<UnaryOperator<byte[]>> insertUnicode() {
        return Combinators.combine(fraction(), Arbitraries.strings().ofMaxLength(30))
                .as((at, text) -> body -> insert(body, index(at, body.length),
                        text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<UnaryOperator<byte[]>> insertBytes() {
        return Combinators.combine(fraction(), Arbitraries.bytes().array(byte[].class)
                .ofMaxSize(20))
                .as((at, bytes) -> body -> insert(body, index(at, body.length), bytes));
    }

    private static Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    private static int index(double fraction, int length) {
        return (int) Math.min(length, Math.round(fraction * length));
    }

    private static byte[] insert(byte[] body, int at, byte[] piece) {
        byte[] result = new byte[body.length + piece.length];
        System.arraycopy(body, 0, result, 0, at);
        System.arraycopy(piece, 0, result, at, piece.length);
        System.arraycopy(body, at, result, at + piece.length, body.length - at);
        return result;
    }
}
