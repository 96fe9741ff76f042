package cnode.colony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * The change tracking under every directory table: random puts, removes and drains on a few
 * keys, each drain applied to a model store. After every drain the store equals the table; a
 * drain never deletes a key the store does not have, nor writes a row the store already has
 * unchanged twice in one drain; and with nothing changed a drain is empty.
 */
final class DirectoryTablePropertyTest {
    record Row(String key, int value) {}

    sealed interface Op {}

    record Put(String key, int value) implements Op {}

    record Remove(String key) implements Op {}

    record Drain() implements Op {}

    @Property(tries = 500)
    void drainsKeepAStoreEqualToTheTable(@ForAll("operations") @Size(max = 60) List<Op> ops) {
        DirectoryTable<Row> table = new DirectoryTable<>();
        Map<String, Row> store = new TreeMap<>();
        for (Op op : ops) {
            switch (op) {
                case Put p -> table.put(p.key(), new Row(p.key(), p.value()));
                case Remove r -> table.remove(r.key());
                case Drain d -> apply(table.drain(), store);
            }
        }
        apply(table.drain(), store);

        assertThat(List.copyOf(store.values())).isEqualTo(List.copyOf(table.values()));
        assertThat(table.dirty()).isFalse();
        assertThat(table.drain()).isEqualTo(new DirectoryTable.Drained<Row>(List.of(), List.of()));
    }

    private static void apply(DirectoryTable.Drained<Row> drained, Map<String, Row> store) {
        assertThat(drained.rows().stream().map(Row::key).distinct().count())
            .isEqualTo(drained.rows().size());
        drained.rows().forEach(row -> store.put(row.key(), row));
        for (String key : drained.gone()) {
            assertThat(store.remove(key)).as("deleting %s, which the store lacks", key)
                .isNotNull();
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> key = Arbitraries.of("a", "b", "c");
        Arbitrary<Op> put = Combinators.combine(key, Arbitraries.integers().between(0, 3))
            .as(Put::new);
        Arbitrary<Op> remove = key.map(Remove::new);
        return Arbitraries.frequencyOf(Tuple.of(4, put), Tuple.of(3, remove),
            Tuple.of(2, Arbitraries.just(new Drain()))).list();
    }

    @Example
    void aSavedRowRemovedAddedAndRemovedAgainIsDeleted() {
        DirectoryTable<Row> table = new DirectoryTable<>();
        table.put("a", new Row("a", 1));
        table.drain();

        table.remove("a");
        table.put("a", new Row("a", 2));
        table.remove("a");

        assertThat(table.drain()).isEqualTo(new DirectoryTable.Drained<Row>(List.of(),
            List.of("a")));
    }

    @Example
    void aRowAddedAndRemovedBetweenDrainsCostsNothing() {
        DirectoryTable<Row> table = new DirectoryTable<>();

        table.put("a", new Row("a", 1));
        table.put("a", new Row("a", 2));
        table.remove("a");
        table.remove("b");

        assertThat(table.dirty()).isFalse();
        assertThat(table.drain()).isEqualTo(new DirectoryTable.Drained<Row>(List.of(),
            List.of()));
    }
}
