package cnode.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import cnode.money.Currency;
import cnode.task.PaymentRecord.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks of a history row and of a history query: a record that could not be stored the
 * same way on both databases, or that is not a finished payment, is refused at construction.
 */
final class PaymentRecordTest {
    private static final List<Object> VALID = List.of("P1", "T1", "key", Direction.IN,
        "REQUEST_PAYMENT", "bruno", 100L, "PLN", 0L, 100L, 0L, 1, TaskStatus.FINISHED_OK, "",
        "Title", "{\"amount\":100}", "shop", "", 10L, 20L);

    private static PaymentRecord with(int field, Object value) {
        Object[] f = VALID.toArray();
        f[field] = value;
        return new PaymentRecord((String) f[0], (String) f[1], (String) f[2],
            (Direction) f[3], (String) f[4], (String) f[5], (long) f[6], (String) f[7],
            (long) f[8], (long) f[9], (long) f[10], (int) f[11], (TaskStatus) f[12],
            (String) f[13], (String) f[14], (String) f[15], (String) f[16], (String) f[17],
            (long) f[18], (long) f[19]);
    }

    @Test
    void aValidRecordKeepsItsFields() {
        PaymentRecord record = with(0, "P1");
        assertThat(record.amount()).isEqualTo(100);
        assertThat(record.withId("P2").id()).isEqualTo("P2");
        assertThat(record.withId("P2").withId("P1")).isEqualTo(record);
    }

    @Test
    void everyBrokenFieldIsRefused() {
        for (int text : List.of(0, 1, 2, 4, 5, 13, 14, 15, 16, 17)) {
            final int field = text;
            assertThatIllegalArgumentException().as("null field %d", field)
                .isThrownBy(() -> with(field, null));
            assertThatIllegalArgumentException().as("NUL in field %d", field)
                .isThrownBy(() -> with(field, "a\0b"));
        }
        for (int key : List.of(0, 1, 2, 4, 5, 13, 16, 17)) {
            final int field = key;
            assertThatIllegalArgumentException().as("long field %d", field)
                .isThrownBy(() -> with(field, "x".repeat(PaymentRecord.KEY_CHARS_MAX + 1)));
        }
        assertThat(with(14, "x".repeat(PaymentRecord.KEY_CHARS_MAX + 1)).title()).hasSize(65);
        assertThatIllegalArgumentException().isThrownBy(() -> with(3, null));
        assertThatIllegalArgumentException().isThrownBy(() -> with(12, null));
        assertThatIllegalArgumentException().isThrownBy(() -> with(4, ""));
        assertThatIllegalArgumentException().isThrownBy(() -> with(7, "pln"));
        assertThatIllegalArgumentException().isThrownBy(() -> with(7, null));
        for (int amount : List.of(6, 8, 9, 10)) {
            final int field = amount;
            assertThatIllegalArgumentException().isThrownBy(() -> with(field, -1L));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> with(11, -1));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> with(12, TaskStatus.TRANSFERRING));
        assertThatIllegalArgumentException().isThrownBy(() -> with(18, -1L));
        assertThatIllegalArgumentException().isThrownBy(() -> with(19, 9L));
    }

    @Test
    void theDocumentIsAJsonObject() {
        for (String bad : List.of("", "[]", "\"text\"", "null", "{", "{} {}", "{\"a\":1}x")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> with(15, bad));
        }
        assertThat(with(15, "{}").purchaseDocument()).isEqualTo("{}");
        assertThat(with(15, " {\"a\": [1, {\"b\": null}]} ").purchaseDocument())
            .startsWith(" {");
    }

    @Test
    void aQueryBoundsItsPageAndNeedsACurrencyForAmounts() {
        assertThat(PaymentQuery.all(500).limit()).isEqualTo(500);
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentQuery.all(0));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> PaymentQuery.all(PaymentQuery.LIMIT_MAX + 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new PaymentQuery(null, null,
            null, 0, 1, null, 0, 5, Long.MAX_VALUE, 0, "", 10));
        assertThatIllegalArgumentException().isThrownBy(() -> new PaymentQuery(null, null,
            null, 0, 1, Currency.PLN, 0, -1, 5, 0, "", 10));
        assertThat(new PaymentQuery(null, null, null, 0, 1, Currency.PLN, 3, 5, 5, 0, "", 10)
            .colour()).isEqualTo(3);
    }
}
