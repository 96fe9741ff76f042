package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.EdgeRefusal;
import cnode.colony.client.JsonLimits;
import cnode.colony.client.OptionalField;
import cnode.colony.client.Outcome;
import cnode.colony.client.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes arrive, the decoder answers a typed request or {@code MALFORMED_JSON} with a
 * bounded message; it never throws. Mutations of a valid body (a byte changed, dropped or
 * repeated) are the bodies most likely to slip through a parser's cracks.
 */
class BodyDecoderPropertyTest {
    record Request(String user, long billons, List<Long> coins, @OptionalField Boolean flag) {}

    private static final BodyDecoder DECODER =
        new BodyDecoder(WireJson.strict(JsonLimits.defaults()));
    private static final byte[] VALID = ("{\"user\":\"alice\",\"billons\":12000,"
        + "\"coins\":[1,2,5,10],\"flag\":true}").getBytes(StandardCharsets.UTF_8);

    @Property(tries = 3_000)
    void mutatedBodiesDecodeOrAreRefusedByName(@ForAll("mutations") byte[] body) {
        assertDecodesOrRefuses(body);
    }

    @Property(tries = 1_000)
    void randomBytesDecodeOrAreRefusedByName(@ForAll byte[] body) {
        assertDecodesOrRefuses(body);
    }

    private static void assertDecodesOrRefuses(byte[] body) {
        Outcome<Request> outcome = DECODER.decode(body, Request.class);
        switch (outcome) {
            case Outcome.Ok<Request>(Request request) -> {
                assertThat(request.user()).isNotNull();
                assertThat(request.coins()).doesNotContainNull();
            }
            case Outcome.Refused<Request>(var refusal) -> {
                assertThat(refusal.is(EdgeRefusal.MALFORMED_JSON)).isTrue();
                assertThat(refusal.status()).isEqualTo(400);
                assertThat(refusal.message()).isNotBlank().hasSizeLessThanOrEqualTo(300);
            }
        }
    }

    /** A request that reads anything, so the nesting limit is what stops a deep body. */
    record Anything(Object value) {}

    @Example
    void nestingDeeperThanTheLimitIsRefusedByTheParser() {
        BodyDecoder shallow = new BodyDecoder(WireJson.strict(JsonLimits.defaults()
            .withDepthMax(4)));
        byte[] fits = "{\"value\":[[1]]}".getBytes(StandardCharsets.UTF_8);
        assertThat(shallow.decode(fits, Anything.class)).isInstanceOf(Outcome.Ok.class);
        byte[] deep = "{\"value\":[[[[1]]]]}".getBytes(StandardCharsets.UTF_8);
        Outcome<Anything> refused = shallow.decode(deep, Anything.class);
        assertThat(refused).isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(
            r.refusal().message()).contains("a limit is exceeded").contains("nesting depth")
            .contains("(4)").doesNotContain("StreamReadConstraints"));
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID.length - 1);
        Arbitrary<Byte> value = Arbitraries.of((byte) '{', (byte) '}', (byte) '"', (byte) ',',
            (byte) ':', (byte) '[', (byte) ']', (byte) '-', (byte) '9', (byte) 0,
            (byte) 0xC3, (byte) 0xFF, (byte) ' ', (byte) 'n', (byte) 'e', (byte) '.');
        return at.flatMap(i -> value.flatMap(b -> Arbitraries.of(0, 1, 2).map(kind -> {
            byte[] copy;
            if (kind == 0) {
                copy = VALID.clone();
                copy[i] = b;
            } else if (kind == 1) {
                copy = new byte[VALID.length - 1];
                System.arraycopy(VALID, 0, copy, 0, i);
                System.arraycopy(VALID, i + 1, copy, i, VALID.length - i - 1);
            } else {
                copy = new byte[VALID.length + 1];
                System.arraycopy(VALID, 0, copy, 0, i + 1);
                System.arraycopy(VALID, i, copy, i + 1, VALID.length - i);
            }
            return copy;
        })));
    }
}
