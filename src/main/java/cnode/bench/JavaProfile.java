package cnode.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * A finer split of the Java CPU than thread CPU times can give: JFR's execution samples
 * ({@code jdk.ExecutionSample}, every {@link #PERIOD}) counted while {@link #counting} is on,
 * by the thread they caught (virtual threads by their names, so payment flows, peer links and
 * the colony's edge are told apart) and by the code they caught it in: the innermost frame
 * outside the JDK, named by library or by cnode package. JFR samples only threads running Java
 * code, so native work (SQLite's C, the kernel's sockets) is not in these counts; the thread
 * CPU times of {@link CpuSampler} cover it. The counters are filled by JFR's stream thread
 * and read once it stopped.
 */
final class JavaProfile implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(10);
    private static final int GROUPS_MAX = 256;
    private static final List<String[]> LIBRARIES = List.of(
        new String[] {"org.sqlite.", "SQLite JDBC (Java side)"},
        new String[] {"org.bouncycastle.", "Ed25519 (BouncyCastle)"},
        new String[] {"com.fasterxml.jackson.", "JSON (Jackson)"},
        new String[] {"com.ctc.wstx.", "XML (Woodstox)"},
        new String[] {"org.codehaus.stax2.", "XML (Woodstox)"},
        new String[] {"org.eclipse.jetty.", "Jetty"},
        new String[] {"org.postgresql.", "PostgreSQL JDBC"},
        new String[] {"org.slf4j.", "logging"},
        new String[] {"ch.qos.logback.", "logging"},
        new String[] {"org.flywaydb.", "Flyway"});

    private final RecordingStream stream = new RecordingStream();
    private final Map<String, AtomicLong> byThread = new HashMap<>();
    private final Map<String, AtomicLong> byCode = new HashMap<>();
    private final AtomicLong total = new AtomicLong();
    private volatile boolean counting;

    JavaProfile() {
        stream.enable("jdk.ExecutionSample").withPeriod(PERIOD).withStackTrace();
        stream.onEvent("jdk.ExecutionSample", this::sampled);
        stream.startAsync();
    }

    /** Counts samples from now on, or stops counting them. */
    void counting(boolean on) {
        counting = on;
    }

    /** Samples counted, per thread group and per code, most first. */
    record Split(long samples, Map<String, Long> byThread, Map<String, Long> byCode) {
        Split {
            byThread = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byThread));
            byCode = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byCode));
        }
    }

    /** Stops the recording and answers what it counted. */
    Split finish() {
        counting = false;
        stream.close();
        synchronized (this) {
            return new Split(total.get(), sorted(byThread), sorted(byCode));
        }
    }

    @Override
    public void close() {
        stream.close();
    }

    private void sampled(RecordedEvent event) {
        if (!counting) {
            return;
        }
        RecordedThread thread = event.getThread("sampledThread");
        String threadGroup = threadGroup(thread);
        String code = code(event.getStackTrace());
        synchronized (this) {
            total.incrementAndGet();
            count(byThread, threadGroup);
            count(byCode, code);
        }
    }

    private static void count(Map<String, AtomicLong> counts, String key) {
        AtomicLong counter = counts.get(key);
        if (counter == null && counts.size() < GROUPS_MAX) {
            counter = new AtomicLong();
            counts.put(key, counter);
        }
        if (counter != null) {
            counter.incrementAndGet();
        }
    }

    static String threadGroup(RecordedThread thread) {
        if (thread == null) {
            return "unknown";
        }
        String name = thread.getJavaName() == null ? "" : thread.getJavaName();
        if (!thread.isVirtual()) {
            return CpuGroup.of(name).label();
        }
        if (name.isEmpty()) {
            return "virtual: payment flows (and other unnamed tasks)";
        }
        String prefix = name.replaceAll("[-.]?[0-9]+$", "");
        if (prefix.startsWith("peer-request-") || prefix.startsWith("peer-link-")) {
            prefix = prefix.startsWith("peer-request-") ? "peer-request-USER" : "peer-link-USER";
        }
        return "virtual: " + prefix;
    }

    /** The innermost frame outside the JDK: its library, or its cnode package. */
    static String code(RecordedStackTrace stack) {
        if (stack == null) {
            return "unknown";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.")) {
                continue;
            }
            if (type.startsWith("cnode.")) {
                int last = type.lastIndexOf('.');
                return type.substring(0, last) + " (cnode code)";
            }
            for (String[] library : LIBRARIES) {
                if (type.startsWith(library[0])) {
                    return library[1];
                }
            }
            return "other library";
        }
        return "JDK only (e.g. the HTTP client, sockets)";
    }

    private static Map<String, Long> sorted(Map<String, AtomicLong> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
            .sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
            .forEach(entry -> out.put(entry.getKey(), entry.getValue().get()));
        return out;
    }
}
