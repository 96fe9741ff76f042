package cnode.system;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole-system test class whose tests share one {@link Network} (a real colony in a
 * temporary folder), started before the first test and stopped after the last; the colony's
 * conservation check must pass after every test. Each test makes users and nodes of its own,
 * so the tests do not disturb each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneNetworkPerClass {
    @TempDir
    static Path root;
    protected Network network;

    @BeforeAll
    void colony() throws Exception {
        network = Network.start(root);
    }

    @AfterEach
    void conserved() throws Exception {
        network.assertConserved();
    }

    @AfterAll
    void stop() {
        network.close();
    }
}
