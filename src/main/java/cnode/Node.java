package cnode;

import cnode.api.CancelTaskOperation;
import cnode.api.GetTaskStatusOperation;
import cnode.api.HelloOperation;
import cnode.api.ListTasksOperation;
import cnode.api.Operation;
import cnode.api.SoapEndpoint;
import cnode.api.TaskWaits;
import cnode.api.WaitForTaskOperation;
import cnode.api.Wsdl;
import cnode.cli.NodeConfig;
import cnode.http.HttpServer;
import cnode.http.NodeHttpHandler;
import cnode.node.NodeLife;
import cnode.soap.SoapCodec;
import cnode.stdx.Clock;
import cnode.stdx.Ids;
import cnode.store.JdbcTaskStore;
import cnode.store.PostgresTaskStore;
import cnode.store.SqliteTaskStore;
import cnode.task.TaskEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of one node: builds the object graph with plain constructors, recovers
 * the tasks a previous run left, starts the HTTP port and the engine's heartbeat. Owns every
 * resource it opens and closes them in reverse order.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final long TICK_MS = 200;

    private static final int STORE_QUEUE_MAX = 8_192;
    private static final int STORE_BATCH_MAX = 1_024;

    private final JdbcTaskStore store;
    private final TaskEngine engine;
    private final HttpServer http;
    private final Thread ticker;
    private volatile boolean running = true;

    private Node(NodeConfig config, Clock clock) throws Exception {
        Files.createDirectories(config.data());
        store = openStore(config);
        TaskWaits waits = new TaskWaits(config.waitersMax());
        engine = new TaskEngine(store, Ids.secure(), config.tasks(), waits);
        int recovered = engine.recover(clock.nowMs());
        NodeLife life = new NodeLife();
        List<Operation> operations = List.of(
            new HelloOperation(life, config.mode(), Version.current()),
            new GetTaskStatusOperation(engine, clock),
            new ListTasksOperation(engine, clock),
            new CancelTaskOperation(engine, clock),
            new WaitForTaskOperation(engine, waits, clock));
        SoapEndpoint endpoint = new SoapEndpoint(new SoapCodec(config.soap()), operations);
        Wsdl wsdl = new Wsdl(operations, config.soapAddress() + ":" + config.soapPort());
        NodeHttpHandler handler = new NodeHttpHandler(endpoint, wsdl,
            () -> "{\"status\":\"up\",\"node\":\"" + life.snapshot().state() + "\",\"liveTasks\":"
                + engine.liveCount() + "}\n",
            config.http().bodyBytesMax());
        http = new HttpServer(config.soapAddress(), config.soapPort(), config.http(), handler);
        try {
            http.start();
        } catch (Exception failure) {
            http.close();
            store.close();
            throw failure;
        }
        ticker = Thread.ofPlatform().name("task-ticker").daemon()
            .start(() -> tick(engine, clock));
        LOG.info("node up: SOAP on {}:{}, data {}, tasks in {}, {} unfinished task(s) "
            + "recovered", config.soapAddress(), http.port(), config.data(), store.location(),
            recovered);
    }

    /** The store {@code --db} names: PostgreSQL, or by default SQLite in the data folder. */
    private static JdbcTaskStore openStore(NodeConfig config) {
        if (config.postgres() != null) {
            return new PostgresTaskStore(config.postgres(), STORE_QUEUE_MAX, STORE_BATCH_MAX);
        }
        return new SqliteTaskStore(config.data().resolve("node.db"), STORE_QUEUE_MAX,
            STORE_BATCH_MAX);
    }

    /** Builds and starts a node; the caller closes it. */
    public static Node start(NodeConfig config, Clock clock) throws Exception {
        return new Node(config, clock);
    }

    /** The bound SOAP port. */
    public int soapPort() {
        return http.port();
    }

    /** The task engine, for tests that drive tasks before any operation starts them. */
    TaskEngine engine() {
        return engine;
    }

    private void tick(TaskEngine engine, Clock clock) {
        while (running) {
            try {
                engine.tick(clock.nowMs());
                Thread.sleep(TICK_MS);
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException failure) {
                LOG.error("task heartbeat failed; retrying in {} ms", TICK_MS, failure);
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(TICK_MS);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        ticker.interrupt();
        try {
            http.close();
        } finally {
            store.close();
        }
    }

    /** Reads the version the build wrote into the jar. */
    static final class Version {
        private Version() {}

        static String current() {
            try (var in = Node.class.getResourceAsStream("/cnode-version.txt")) {
                return in == null ? "dev" : new String(in.readAllBytes()).strip();
            } catch (IOException unreadable) {
                return "dev";
            }
        }
    }
}
