package cnode.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.cli.UsageError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --personal-data}: a good file gives the two objects as compact JSON; every bad file
 * is refused with one line that names the file and the problem.
 */
class PersonalDetailsTest {
    @TempDir
    Path folder;

    private Path file(String name, String text) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void bothObjectsAreKeptAsCompactJson() throws Exception {
        PersonalDetails details = PersonalDetails.load(file("both.json", """
            {
              "invoiceData": {"name": "Alice Kowalska", "nip": "5260250274",
                              "address": {"city": "Warszawa"}},
              "deliveryData": {"street": "Złota 44", "zip": "00-120"}
            }
            """));
        assertThat(details.invoiceData()).isEqualTo(
            "{\"name\":\"Alice Kowalska\",\"nip\":\"5260250274\",\"address\":{\"city\":"
                + "\"Warszawa\"}}");
        assertThat(details.deliveryData()).isEqualTo(
            "{\"street\":\"Złota 44\",\"zip\":\"00-120\"}");
    }

    @Test
    void eitherObjectMayBeAbsent() throws Exception {
        PersonalDetails onlyInvoice = PersonalDetails.load(file("invoice.json",
            "{\"invoiceData\":{}}"));
        assertThat(onlyInvoice).isEqualTo(new PersonalDetails("{}", null));
        assertThat(PersonalDetails.load(file("empty.json", "{}")))
            .isEqualTo(PersonalDetails.NONE);
    }

    @Test
    void everyBadFileIsRefusedWithOneLineNamingFileAndProblem() throws Exception {
        String[][] cases = {
            {"", "must hold one JSON object"},
            {"[]", "must hold one JSON object"},
            {"\"text\"", "must hold one JSON object"},
            {"{\"invoiceData\":", "is not valid JSON"},
            {"{} {}", "is not valid JSON"},
            {"{\"invoiceData\":{}, \"invoiceData\":{}}", "is not valid JSON"},
            {"{\"invoiceData\":{} /* note */}", "is not valid JSON"},
            {"{\"phone\":\"123\"}", "has the key \"phone\""},
            {"{\"invoiceData\":\"Alice\"}", "invoiceData must be a JSON object"},
            {"{\"deliveryData\":null}", "deliveryData must be a JSON object"},
            {"{\"invoiceData\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "is not valid JSON"},
        };
        for (int i = 0; i < cases.length; i++) {
            Path bad = file("bad-" + i + ".json", cases[i][0]);
            assertRefused(bad, cases[i][1]);
        }
    }

    @Test
    void aFileOverTheLimitOrMissingIsRefused() throws Exception {
        String padding = " ".repeat(PersonalDetails.FILE_BYTES_MAX);
        assertRefused(file("big.json", "{}" + padding), "is larger than 65536 bytes");
        Files.writeString(folder.resolve("edge.json"), "{}" + padding.substring(2));
        assertThat(PersonalDetails.load(folder.resolve("edge.json")))
            .isEqualTo(PersonalDetails.NONE);
        assertRefused(folder.resolve("missing.json"), "cannot be read");
    }

    private static void assertRefused(Path file, String problem) {
        assertThatThrownBy(() -> PersonalDetails.load(file))
            .as(problem)
            .isInstanceOf(UsageError.class)
            .hasMessageStartingWith("cnode node: --personal-data " + file + " ")
            .hasMessageContaining(problem)
            .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
    }
}
