package cnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The canonical byte form: its exact layout (docs/SIGNATURES.md), refusal of what has no exact
 * form, and for the swap payload that equal terms give equal bytes, that a change to any field
 * changes them, and that the order coin ids are listed in does not.
 */
final class CanonicalBytesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theLayoutIsTheDocumentedOne() {
        byte[] bytes = new CanonicalWriter(DomainTag.COIN)
            .text("ż")
            .number(-2)
            .bytes(new byte[] {7})
            .texts(List.of("b", "a"))
            .sortedTexts(List.of("b", "a"))
            .toBytes();

        String expected = "0000000d" + HEX.formatHex("cnode/coin/v1".getBytes())
            + "00000002" + "c5bc"
            + "fffffffffffffffe"
            + "00000001" + "07"
            + "00000002" + "00000001" + "62" + "00000001" + "61"
            + "00000002" + "00000001" + "61" + "00000001" + "62";
        assertThat(HEX.formatHex(bytes)).isEqualTo(expected);
    }

    @Test
    void tagsAreDistinctAndVersioned() {
        Set<String> texts = Arrays.stream(DomainTag.values()).map(DomainTag::text)
            .collect(Collectors.toSet());
        assertThat(texts).hasSize(DomainTag.values().length)
            .allMatch(text -> text.matches("cnode/[a-z]+/v[0-9]+"));
    }

    @Test
    void textsWithoutAnExactUtf8FormAreRefused() {
        assertThat(CanonicalWriter.wellFormed("plain, ż, \uD83D\uDE00")).isTrue();
        for (String bad : new String[] {"\uD800", "a\uDC00", "\uDE00\uD83D", "x\uD83D"}) {
            assertThat(CanonicalWriter.wellFormed(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> new CanonicalWriter(DomainTag.SWAP).text(bad))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theWriterHasALimit() {
        CanonicalWriter writer = new CanonicalWriter(DomainTag.SWAP);
        byte[] block = new byte[CanonicalWriter.BYTES_MAX / 4];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 5; i++) {
                writer.bytes(block);
            }
        }).isInstanceOf(IllegalStateException.class);
    }

    @Property(tries = 300)
    void equalSwapsGiveEqualBytesAndAnyChangeChangesThem(
            @ForAll("swaps") SwapPayload swap, @ForAll @IntRange(min = 0, max = 7) int field,
            @ForAll long seed) {
        SwapPayload copy = new SwapPayload(swap.transferId(), swap.payer(), swap.payee(),
            swap.currency(), swap.amount(), shuffled(swap.payerCoinIds(), seed),
            shuffled(swap.changeCoinIds(), seed + 1), swap.expiresAtMs());
        assertThat(copy.bytes()).isEqualTo(swap.bytes());

        SwapPayload changed = changed(swap, field);
        assertThat(changed).isNotEqualTo(swap);
        assertThat(changed.bytes()).isNotEqualTo(swap.bytes());
    }

    @Test
    void movingAValueBetweenFieldsChangesTheBytes() {
        SwapPayload swap = new SwapPayload("t", "ab", "c", "PLN", 1, List.of("x"), List.of(), 5);
        SwapPayload shifted = new SwapPayload("t", "a", "bc", "PLN", 1, List.of("x"), List.of(), 5);
        SwapPayload sideSwapped =
            new SwapPayload("t", "ab", "c", "PLN", 1, List.of(), List.of("x"), 5);
        assertThat(shifted.bytes()).isNotEqualTo(swap.bytes());
        assertThat(sideSwapped.bytes()).isNotEqualTo(swap.bytes());
        assertThat(swap.bytes()).startsWith(new CanonicalWriter(DomainTag.SWAP).toBytes());
    }

    @Test
    void swapTermsAreBounded() {
        List<String> tooMany = Collections.nCopies(SwapPayload.COIN_IDS_MAX + 1, "c");
        assertThatThrownBy(() -> new SwapPayload("t", "a", "b", "PLN", 1, tooMany, List.of(), 5))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SwapPayload("t", "a", "b", "PLN", -1, List.of(), List.of(),
            5)).isInstanceOf(IllegalArgumentException.class);
        List<String> most = Collections.nCopies(SwapPayload.COIN_IDS_MAX, "C".repeat(26));
        assertThat(new SwapPayload("t", "a", "b", "PLN", 0, most, most, 5).bytes())
            .hasSizeLessThan(CanonicalWriter.BYTES_MAX);
    }

    @Provide
    Arbitrary<SwapPayload> swaps() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefgh.-_ż").ofMaxLength(12);
        Arbitrary<List<String>> ids = Arbitraries.strings().withChars("0123456789ABCDEFGH")
            .ofLength(26).list().uniqueElements().ofMaxSize(6);
        return Combinators.combine(name, name, name, Arbitraries.of("PLN", "EUR"),
            Arbitraries.longs().between(0, 1_000_000), ids, ids, Arbitraries.longs())
            .as(SwapPayload::new);
    }

    private static SwapPayload changed(SwapPayload s, int field) {
        return switch (field) {
            case 0 -> new SwapPayload(s.transferId() + "x", s.payer(), s.payee(), s.currency(),
                s.amount(), s.payerCoinIds(), s.changeCoinIds(), s.expiresAtMs());
            case 1 -> new SwapPayload(s.transferId(), s.payer() + "x", s.payee(), s.currency(),
                s.amount(), s.payerCoinIds(), s.changeCoinIds(), s.expiresAtMs());
            case 2 -> new SwapPayload(s.transferId(), s.payer(), s.payee() + "x", s.currency(),
                s.amount(), s.payerCoinIds(), s.changeCoinIds(), s.expiresAtMs());
            case 3 -> new SwapPayload(s.transferId(), s.payer(), s.payee(),
                s.currency().equals("PLN") ? "EUR" : "PLN", s.amount(), s.payerCoinIds(),
                s.changeCoinIds(), s.expiresAtMs());
            case 4 -> new SwapPayload(s.transferId(), s.payer(), s.payee(), s.currency(),
                s.amount() + 1, s.payerCoinIds(), s.changeCoinIds(), s.expiresAtMs());
            case 5 -> new SwapPayload(s.transferId(), s.payer(), s.payee(), s.currency(),
                s.amount(), plus(s.payerCoinIds()), s.changeCoinIds(), s.expiresAtMs());
            case 6 -> new SwapPayload(s.transferId(), s.payer(), s.payee(), s.currency(),
                s.amount(), s.payerCoinIds(), plus(s.changeCoinIds()), s.expiresAtMs());
            default -> new SwapPayload(s.transferId(), s.payer(), s.payee(), s.currency(),
                s.amount(), s.payerCoinIds(), s.changeCoinIds(), s.expiresAtMs() ^ 1);
        };
    }

    private static List<String> plus(List<String> ids) {
        List<String> more = new ArrayList<>(ids);
        more.add("Z".repeat(26));
        return more;
    }

    private static List<String> shuffled(List<String> ids, long seed) {
        List<String> copy = new ArrayList<>(ids);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }
}
