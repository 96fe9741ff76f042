package cnode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.task.TaskStore.StoreFailure;
import org.junit.jupiter.api.Test;

/**
 * {@code --db} values as the node reads them, and a server that cannot be reached: no password
 * ever appears in a message or a log form. Needs no PostgreSQL server.
 */
final class PostgresLocationTest {

    @Test
    void aPostgresUrlKeepsItsTextAndPutsTablesInSchemaNodeUnlessItNamesOne() {
        String url = "jdbc:postgresql://db.example:6543/cnode?user=shop&password=s3cret";
        PostgresLocation plain = PostgresLocation.parse(url);
        PostgresLocation failover = PostgresLocation.parse("jdbc:postgresql://a:1,[::1]:2/db");
        PostgresLocation named = PostgresLocation.parse(url + "&currentSchema=alice");

        assertThat(plain.url()).isEqualTo(url);
        assertThat(plain.schema()).isEqualTo("node");
        assertThat(failover.schema()).isEqualTo("node");
        assertThat(named.schema()).isEqualTo("alice");
    }

    @Test
    void everyPasswordIsMaskedInTheLogForm() {
        PostgresLocation location = PostgresLocation.parse("jdbc:postgresql://h/db?"
            + "password=p1&user=u&sslpassword=p2&PASSWORD=p3");

        assertThat(location.masked()).isEqualTo("jdbc:postgresql://h/db?password=***&user=u"
            + "&sslpassword=***&PASSWORD=***");
        assertThat(location.toString()).isEqualTo(location.masked());
        assertThatThrownBy(() -> PostgresLocation.parse("jdbc:postgresql://u:p4@h/db"))
            .message().contains("u:***@h").doesNotContain("p4");
    }

    @Test
    void otherValuesAreRefusedInWordsWithoutThePassword() {
        String[] refused = {
            "postgres://h/db", "jdbc:sqlite:/tmp/node.db", "jdbc:postgresql:db",
            "jdbc:postgresql://h/?user=u&password=p9", "jdbc:postgresql://h:port/db?password=p9",
            "jdbc:postgresql://h/db?currentSchema=Node&password=p9",
            "jdbc:postgresql://h/db?currentSchema=a,b&password=p9",
        };
        for (String value : refused) {
            assertThatThrownBy(() -> PostgresLocation.parse(value)).as(value)
                .isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank().doesNotContain("p9");
        }
    }

    @Test
    void aServerThatCannotBeReachedIsAStoreFailureWithoutThePassword() {
        PostgresLocation nowhere = PostgresLocation.parse(
            "jdbc:postgresql://127.0.0.1:1/cnode?user=x&password=hunter2&connectTimeout=2");

        assertThatThrownBy(() -> new PostgresTaskStore(nowhere, 16, 16))
            .isInstanceOf(StoreFailure.class)
            .hasMessageContaining("password=***").hasMessageNotContaining("hunter2");
    }
}
