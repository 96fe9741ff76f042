package cnode.tidy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house style, enforced (docs/ARCHITECTURE.md, "House rules"): line and method length,
 * banned role names, final classes, no FIXME/TODO, and the import rule that keeps the
 * deterministic cores free of I/O types and clocks. Each finding names file and line.
 */
class TidyTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path TEST = Path.of("src/test/java");
    private static final int COLUMNS_MAX = 100;
    private static final int METHOD_LINES_MAX = 70;
    private static final Pattern TYPE = Pattern.compile(
        "^\\s*(?:(?:public|protected|private|static|final|abstract|sealed)\\s+)*"
        + "(class|interface|record|enum)\\s+(\\w+)");
    private static final Pattern BANNED = Pattern.compile(
        "(Service|Manager|Impl|Helper|Utils?|Wrapper|Data|Dto|DTO)(?=[A-Z]|$)");
    private static final Pattern METHOD = Pattern.compile(
        "^\\s*(?:(?:public|protected|private|static|final|synchronized|default)\\s+)*"
        + "(?:<[^>]+>\\s+)?[\\w<>\\[\\],.? ]+\\s+\\w+\\s*\\([^;]*$");
    /**
     * Packages whose code must stay deterministic: no I/O types, no clock reads. The colony's
     * cores are its package's own files; its subpackages (server, store, client) are edges.
     */
    private static final Pattern CORES =
        Pattern.compile("cnode/(task|money|colony)/[^/]+\\.java$");
    private static final Pattern CORE_FORBIDDEN = Pattern.compile(
        "import\\s+(java\\.sql|javax\\.xml|java\\.net|java\\.nio\\.channels|org\\.eclipse\\.jetty"
        + "|com\\.ctc\\.wstx|org\\.sqlite|org\\.postgresql|org\\.flywaydb)"
        + "|System\\.currentTimeMillis|System\\.nanoTime|Instant\\.now|Clock\\.SYSTEM"
        + "|LocalDateTime\\.now|new\\s+Thread|Thread\\.of");

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void linesFitInOneHundredColumns() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path root : List.of(MAIN, TEST)) {
            for (Path file : sources(root)) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).length() > COLUMNS_MAX) {
                        findings.add(file + ":" + (i + 1) + " has " + lines.get(i).length());
                    }
                }
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void methodsStayUnderSeventyLines() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path file : sources(MAIN)) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!METHOD.matcher(line).find() || TYPE.matcher(line).find()
                    || line.contains("->")
                    || line.strip().matches("(if|for|while|switch|catch|try|else|return|new|do)"
                        + "\\b.*")) {
                    continue;
                }
                int length = bodyLength(lines, i);
                if (length > METHOD_LINES_MAX) {
                    findings.add(file + ":" + (i + 1) + " is " + length + " lines");
                }
            }
        }
        assertThat(findings).isEmpty();
    }

    /** Lines from a declaration to the brace that closes its body (0 without a body). */
    private static int bodyLength(List<String> lines, int start) {
        int depth = 0;
        boolean opened = false;
        for (int i = start; i < lines.size(); i++) {
            for (char c : lines.get(i).replaceAll("\"([^\"\\\\]|\\\\.)*\"|'.'", "").toCharArray()) {
                if (c == '{') {
                    depth++;
                    opened = true;
                } else if (c == '}') {
                    depth--;
                }
            }
            if (opened && depth == 0) {
                return i - start + 1;
            }
            if (!opened && lines.get(i).contains(";")) {
                return 0;
            }
        }
        return 0;
    }

    @Test
    void typeNamesAreDomainNounsAndClassesAreFinal() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path root : List.of(MAIN, TEST)) {
            for (Path file : sources(root)) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher type = TYPE.matcher(lines.get(i));
                    if (!type.find()) {
                        continue;
                    }
                    if (BANNED.matcher(type.group(2)).find()) {
                        findings.add(file + ":" + (i + 1) + " type " + type.group(2));
                    }
                    boolean classInMain = root == MAIN && type.group(1).equals("class");
                    String head = lines.get(i).substring(0, type.start(1));
                    if (classInMain && !head.contains("final") && !head.contains("abstract")) {
                        findings.add(file + ":" + (i + 1) + " class is not final");
                    }
                }
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void noFixmeOrTodoInCode() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path root : List.of(MAIN, TEST)) {
            for (Path file : sources(root)) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).matches(".*\\b(FIXME|TODO|XXX)\\b.*")
                        && !file.endsWith("TidyTest.java")) {
                        findings.add(file + ":" + (i + 1));
                    }
                }
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void deterministicCoresImportNoIoAndReadNoClock() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path file : sources(MAIN)) {
            String path = file.toString().replace('\\', '/');
            if (!CORES.matcher(path).find()) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (CORE_FORBIDDEN.matcher(lines.get(i)).find()) {
                    findings.add(file + ":" + (i + 1) + " " + lines.get(i).strip());
                }
            }
        }
        assertThat(findings).isEmpty();
    }
}
