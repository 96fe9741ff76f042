package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.EdgeRefusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/COLONY-API.md follows the code: its "Endpoints" section has exactly one heading per
 * served route, in the order of {@code Colony.routes}; a "Planned endpoints" section, when
 * there is one, holds only headings that say planned and are not served; and every edge
 * refusal is in its error table.
 */
class ColonyApiDocTest {
    private static final Path DOC = Path.of("docs/COLONY-API.md");

    private static List<String> headings(List<String> lines, String section) {
        int start = lines.indexOf("## " + section);
        assertThat(start).as("section ## %s", section).isGreaterThanOrEqualTo(0);
        List<String> found = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("### ")) {
                found.add(line.substring(4));
            }
        }
        return found;
    }

    @Test
    void servedRoutesAreDocumentedAndPlannedOnesAreNotServed(@TempDir Path data)
            throws Exception {
        List<String> lines = Files.readAllLines(DOC);
        List<String> served;
        try (ColonyHarness colony = ColonyHarness.start(data)) {
            served = colony.colony().served().stream()
                .map(route -> route.method() + " " + route.pattern()).toList();
        }
        assertThat(headings(lines, "Endpoints")).containsExactlyElementsOf(served);
        if (lines.contains("## Planned endpoints")) {
            assertThat(headings(lines, "Planned endpoints")).allSatisfy(heading -> {
                assertThat(heading).endsWith(" (planned)");
                assertThat(served).doesNotContain(heading.replace(" (planned)", ""));
            });
        }
    }

    @Test
    void everyEdgeRefusalIsInTheErrorTable() throws IOException {
        String doc = Files.readString(DOC);
        Arrays.stream(EdgeRefusal.values()).forEach(refusal -> assertThat(doc)
            .contains("| " + refusal.status() + " | `" + refusal.name() + "` |"));
    }
}
