package cnode.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.ui.Chromium;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code cnode demo} as a user runs it, in a child process started from the built jar
 * ({@code java -jar cnode.jar demo}, the jar Maven packaged in this build; an integration
 * test, run by failsafe after the package phase) with {@code --port-offset K} (K chosen so
 * every sandbox port is free) and a temporary {@code --data}: every node answers
 * {@code hello} with {@code VUI_READY} and its own user within 120 s, the shop holds its
 * seeded 1 000 PLN, bruno's page in Chromium shows his 500 PLN and no requests; after SIGTERM
 * and a restart on the same data the money is the same (seeded once); {@code --fresh} starts
 * over with a new colony.
 * The start-up times go to the test output, as figures for docs/PERFORMANCE.md.
 */
class DemoProcessIT {
    private static final int[] BASE_PORTS = {8900, 8989, 8991, 8992, 8993, 9091, 9101, 9102,
        9103};
    private static final long READY_LIMIT_MS = 120_000;
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path work;

    private Process running;

    @AfterEach
    void stopWhateverRuns() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
        }
    }

    @Test
    void theSandboxComesUpSeededOnceAndStartsOverWhenFresh() throws Exception {
        int offset = freeOffset();
        Path data = work.resolve("demo");
        Path token = data.resolve("colony").resolve("admin.token");

        long firstMs = startAndAwaitReady(offset, data, "first");
        assertUsersAndShopMoney(offset);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + (9102 + offset) + "/ui/"))
            .timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).as("bruno's page").isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("bruno");
        brunoSeesHisMoneyInABrowser(offset);
        String firstToken = Files.readString(token);
        assertThat(Files.readString(work.resolve("first.out")))
            .contains("every password is demo-password", "curl", "getMoneyStatus",
                "http://127.0.0.1:" + (9102 + offset) + "/ui/", token.toString());
        stop();

        long restartMs = startAndAwaitReady(offset, data, "restart");
        assertUsersAndShopMoney(offset);
        assertThat(Files.readString(token)).isEqualTo(firstToken);
        stop();

        long freshMs = startAndAwaitReady(offset, data, "fresh", "--fresh");
        assertUsersAndShopMoney(offset);
        assertThat(Files.readString(token)).isNotEqualTo(firstToken);
        stop();

        System.out.printf("demo start-up until every node is VUI_READY: first run (seeding) "
            + "%d ms, restart %d ms, --fresh %d ms%n", firstMs, restartMs, freshMs);
    }

    @Test
    void aFolderThatIsNotADemoFolderIsNeverTouched() throws Exception {
        Path data = work.resolve("mine");
        Files.createDirectories(data);
        Files.writeString(data.resolve("keep.txt"), "mine");

        for (boolean fresh : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("--port-offset",
                Integer.toString(freeOffset()), "--data", data.toString()));
            if (fresh) {
                args.add("--fresh");
            }
            Process refused = new ProcessBuilder(command(args))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String stderr = new String(refused.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8).strip();
            assertThat(refused.exitValue()).as(stderr).isEqualTo(2);
            assertThat(stderr).startsWith("cnode demo: ").contains("not a demo folder");
            assertThat(Files.readString(data.resolve("keep.txt"))).isEqualTo("mine");
            try (Stream<Path> entries = Files.list(data)) {
                assertThat(entries.count()).as("files in the folder").isEqualTo(1);
            }
        }
    }

    /** Issue 4's check by a person: bruno's page in Chromium, his 500 PLN, no requests. */
    private static void brunoSeesHisMoneyInABrowser(int offset) {
        Chromium.require();
        WebDriver browser = Chromium.start();
        try {
            browser.get("http://127.0.0.1:" + (9102 + offset) + "/ui/");
            assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("bruno");
            assertThat(browser.findElement(By.cssSelector("#balance-PLN .free")).getText())
                .isEqualTo("500.000 PLN");
            assertThat(browser.findElement(By.id("decisions")).getText())
                .contains("No pending requests");
        } finally {
            browser.quit();
        }
    }

    private static List<String> command(List<String> demoArgs) {
        String jar = System.getProperty("cnode.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("the built jar is not at cnode.jar=" + jar + "; run this "
                + "test through Maven's failsafe (mvn verify), after the package phase");
        }
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-jar", jar, "demo"));
        command.addAll(demoArgs);
        return command;
    }

    /** Starts the demo; returns the ms from launching the JVM until every node is ready. */
    private long startAndAwaitReady(int offset, Path data, String run, String... extra)
        throws Exception {
        List<String> args = new ArrayList<>(List.of("--port-offset", Integer.toString(offset),
            "--data", data.toString()));
        args.addAll(List.of(extra));
        long startNs = System.nanoTime();
        running = new ProcessBuilder(command(args))
            .redirectOutput(work.resolve(run + ".out").toFile())
            .redirectError(work.resolve(run + ".log").toFile()).start();
        running.getOutputStream().close();
        long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(READY_LIMIT_MS);
        List<String> states = List.of();
        while (System.nanoTime() < deadlineNs) {
            assertThat(running.isAlive()).as("the demo runs; its log:%n%s",
                Files.readString(work.resolve(run + ".log"))).isTrue();
            states = new ArrayList<>();
            for (DemoUser user : DemoUser.CAST) {
                states.add(status(offset, user));
            }
            if (states.stream().allMatch("VUI_READY"::equals)) {
                return (System.nanoTime() - startNs) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not every node was VUI_READY within " + READY_LIMIT_MS
            + " ms: " + states + "; log:\n" + Files.readString(work.resolve(run + ".log")));
    }

    private String status(int offset, DemoUser user) throws InterruptedException {
        try {
            return text(call(offset + user.soapPort(), "hello"), "status");
        } catch (IOException notYet) {
            return "no answer";
        }
    }

    private void assertUsersAndShopMoney(int offset) throws Exception {
        for (DemoUser user : DemoUser.CAST) {
            Document hello = call(offset + user.soapPort(), "hello");
            assertThat(text(hello, "username")).as(user.name()).isEqualTo(user.name());
            assertThat(text(hello, "pid")).isEqualTo(Long.toString(running.pid()));
        }
        Document money = call(offset + 9091, "getMoneyStatus");
        assertThat(text(money, "requestStatus")).isEqualTo("SUCCESS");
        Element free = (Element) money.getElementsByTagNameNS("*", "freeBalance").item(0);
        assertThat(free).as("freeBalance in getMoneyStatus").isNotNull();
        assertThat(text(free, "amount")).isEqualTo("1000000");
        assertThat(text(free, "currency")).isEqualTo("PLN");
    }

    private void stop() throws InterruptedException {
        running.destroy();
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }

    private static Document call(int port, String operation)
        throws IOException, InterruptedException {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope "
            + "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns=\"ns1\">"
            + "<SOAP-ENV:Body><ns:" + operation + "/></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/"))
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "text/xml; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException(operation + " answered HTTP " + response.statusCode() + ": "
                + response.body());
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                response.body().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception notXml) {
            throw new IOException("not XML: " + response.body(), notXml);
        }
    }

    private static String text(Document document, String name) {
        return text(document.getDocumentElement(), name);
    }

    private static String text(Element within, String name) {
        var found = within.getElementsByTagNameNS("*", name);
        return found.getLength() == 0 ? null : found.item(0).getTextContent();
    }

    /** An offset K that leaves every sandbox port free right now on loopback. */
    private static int freeOffset() {
        Random random = new Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            // Below the usual ephemeral range (32768 up), so outgoing connections do not take
            // a port between the probe and the demo's start.
            int offset = 1_000 + random.nextInt(22_000);
            if (allFree(offset)) {
                return offset;
            }
        }
        throw new AssertionError("no port offset with every sandbox port free");
    }

    private static boolean allFree(int offset) {
        for (int base : BASE_PORTS) {
            try (ServerSocket probe = new ServerSocket(base + offset, 1,
                InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
