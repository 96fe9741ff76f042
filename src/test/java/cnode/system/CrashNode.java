package cnode.system;

import cnode.Envelopes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * A node process that a test SIGKILLs and starts again on the same data, SOAP port and flags
 * (with {@code -U}/{@code -P}, so it logs in again by itself), as many times as it likes. The
 * current {@link NodeProcess} is volatile: the chaos thread replaces it while driver threads
 * call it; a call during a restart answers empty fields, like any node that does not answer.
 * Starts and kills are made by one thread at a time (the test's, then the chaos thread's).
 */
final class CrashNode implements AutoCloseable {
    private final String name;
    private final Path data;
    private final Path log;
    private final int soapPort;
    private final List<String> flags;
    private volatile NodeProcess process;

    private CrashNode(String name, Path data, Path log, int soapPort, List<String> flags) {
        this.name = name;
        this.data = data;
        this.log = log;
        this.soapPort = soapPort;
        this.flags = List.copyOf(flags);
    }

    /** Starts the node; does not wait for it. */
    static CrashNode start(String name, Path root, int soapPort, List<String> flags)
        throws IOException {
        CrashNode node = new CrashNode(name, root.resolve(name), root.resolve(name + ".log"),
            soapPort, flags);
        node.restart();
        return node;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** A new process on the same data, port and flags; its output appends to the same log. */
    void restart() throws IOException {
        process = NodeProcess.start(data, log, soapPort, flags.toArray(String[]::new));
    }

    /** SIGKILL the current process and wait (bounded) until it is gone. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** Calls an operation; empty fields when the node does not answer (yet). */
    Map<String, String> call(String operation, String params) {
        return process.call(operation, params);
    }

    /** Waits (bounded) until {@code hello} says VUI_READY: logged in, money can move. */
    void awaitReady() throws InterruptedException {
        process.awaitState("VUI_READY");
    }

    /**
     * Free plus locked PLN billons from {@code getMoneyStatus} (the coins the user owns, the
     * ones a running payment holds included), or -1 when the node does not answer it.
     */
    long money() {
        String body = process.body("getMoneyStatus", "");
        if (body == null) {
            return -1;
        }
        try {
            Element ret = Envelopes.returnElement(body);
            return amount(ret, "freeBalance") + amount(ret, "lockedBalance");
        } catch (Exception unreadable) {
            return -1;
        }
    }

    private static long amount(Element ret, String field) {
        Element balance = (Element) ret.getElementsByTagName(field).item(0);
        return Long.parseLong(balance.getElementsByTagName("amount").item(0).getTextContent());
    }

    @Override
    public void close() {
        NodeProcess current = process;
        if (current != null) {
            current.close();
        }
    }
}
