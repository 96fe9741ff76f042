package cnode.colony.store;

import cnode.colony.DirectoryConfig;
import cnode.colony.DirectoryRandom;
import cnode.colony.MintResult;
import cnode.colony.RegistryConfig;
import cnode.colony.SwapCommitResult;
import cnode.colony.SwapOrder;
import cnode.colony.SwapPrepareResult;
import cnode.colony.UserRegistered;
import cnode.stdx.Clock;
import cnode.stdx.Ids;
import cnode.store.PostgresLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The program the colony's crash test kills: opens the colony store its first argument names
 * (a {@code jdbc:postgresql://} URL, or else a SQLite file) and a {@link ColonyWriter} on it
 * (which restores the cores and checks conservation, as {@code cnode colony} does), registers
 * {@value #PAIRS} new pairs of users and mints their coins ({@link SwapPair}), prints
 * {@code READY}, and then streams swaps from one virtual thread per pair: each swap prepared and
 * then committed through the writer. Signatures are the HTTP edge's to check, so these swaps
 * carry none. Only after the commit's answer came back {@code COMMITTED} does it print
 * {@code ACK <transferId> end} and flush, so every printed id is a swap the colony
 * acknowledged. It stops by itself after the milliseconds of its second argument, or as soon
 * as its standard input closes (its parent is gone).
 */
final class ColonySwapLoader {
    static final int PAIRS = 64;
    private static final long RESERVATION_MS = 60_000;
    private static final PrintStream OUT = System.out;

    private ColonySwapLoader() {
    }

    public static void main(String[] args) throws Exception {
        long stopAtMs = System.currentTimeMillis() + Long.parseLong(args[1]);
        Thread.ofPlatform().daemon().start(ColonySwapLoader::exitWhenParentGoes);
        ColonyStore store = openWhenFree(args[0]);
        ColonyWriter writer = ColonyWriter.start(store, DirectoryConfig.defaults(),
            DirectoryRandom.secure(), RegistryConfig.defaults(), Clock.SYSTEM,
            WriterLimits.DEFAULTS);
        byte[] nonce = new byte[4];
        SecureRandom random = new SecureRandom();
        random.nextBytes(nonce);
        String run = "u" + HexFormat.of().formatHex(nonce);
        List<SwapPair> pairs = new ArrayList<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            SwapPair pair = new SwapPair(run + "a" + i, run + "b" + i, random, Ids.secure(),
                System.currentTimeMillis());
            // In order: the writer runs commands as they were queued, registrations first.
            pair.setUp().forEach(command -> answers.add(writer.submit(command)));
            pairs.add(pair);
        }
        for (CompletableFuture<?> answer : answers) {
            if (!Set.of(UserRegistered.Outcome.REGISTERED, MintResult.MINTED)
                .contains(answer.join())) {
                throw new IllegalStateException("set-up refused: " + answer.join());
            }
        }
        print("READY " + run);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            SwapPair pair = pairs.get(i);
            String prefix = run + "-" + i + "-";
            threads.add(Thread.ofVirtual().start(() -> swap(writer, pair, prefix, stopAtMs)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        writer.close();
        store.close();
    }

    /** The store at {@code location}: a PostgreSQL JDBC URL, or else a SQLite file. */
    static JdbcColonyStore open(String location) {
        if (location.startsWith("jdbc:postgresql:")) {
            return ColonyStores.postgres(PostgresLocation.parse(location));
        }
        return ColonyStores.sqlite(Path.of(location));
    }

    /**
     * The store at {@code location}, once a killed colony's claim on it is gone: the kernel
     * frees a dead process's file lock at once, but a PostgreSQL server ends its session (and
     * so its advisory lock) when it notices the closed socket, which may take a moment.
     */
    static JdbcColonyStore openWhenFree(String location) throws InterruptedException {
        long giveUpMs = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return open(location);
            } catch (ColonyStoreFailure held) {
                if (System.currentTimeMillis() > giveUpMs
                    || !String.valueOf(rootMessage(held)).contains("another colony")) {
                    throw held;
                }
                Thread.sleep(50);
            }
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static void swap(ColonyWriter writer, SwapPair pair, String prefix, long stopAtMs) {
        for (long n = 0; System.currentTimeMillis() < stopAtMs; n++) {
            String transferId = prefix + n;
            SwapOrder order = pair.order(n, transferId,
                System.currentTimeMillis() + RESERVATION_MS);
            SwapPrepareResult prepared = writer.submit((state, nowMs) ->
                state.registry().prepare(order, nowMs)).join();
            if (prepared != SwapPrepareResult.PREPARED) {
                throw new IllegalStateException(transferId + " was not prepared: " + prepared);
            }
            SwapCommitResult committed = writer.submit((state, nowMs) ->
                state.registry().commit(transferId, nowMs)).join();
            if (committed != SwapCommitResult.COMMITTED) {
                throw new IllegalStateException(transferId + " was not committed: " + committed);
            }
            print("ACK " + transferId + " end");
        }
    }

    private static void exitWhenParentGoes() {
        try {
            InputStream in = System.in;
            while (in.read() >= 0) {
                continue;
            }
        } catch (IOException gone) {
            // The pipe broke: the parent is gone just the same.
        }
        Runtime.getRuntime().halt(3);
    }

    private static void print(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }
}
