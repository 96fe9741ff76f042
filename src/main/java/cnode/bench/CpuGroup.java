package cnode.bench;

/**
 * The groups the bench sums CPU time by, each known by how its threads are named in this code
 * base (the node's Jetty pool is {@code http-N}, the colony's {@code colony-http-N}, the
 * virtual threads' carriers {@code ForkJoinPool-N-worker-M}, the colony clients'
 * {@code colony-client-N} (or, on the JDK's HTTP client, {@code HttpClient-N-...}), the
 * generator's {@code bench-...}). {@link #JVM} is what the process used beyond its Java threads.
 */
enum CpuGroup {
    GENERATOR("load generator (its threads and HTTP client)"),
    NODE_HTTP("node SOAP/HTTP threads (Jetty http-N)"),
    CARRIERS("virtual threads' carriers (payment flows, peer links, colony edge)"),
    COLONY_HTTP("colony HTTP threads (Jetty colony-http-N)"),
    COLONY_WRITER("colony writer (registry, group commit)"),
    NODE_STORE("node task-store writers (SQLite, group commit)"),
    NODE_CLIENTS("nodes' colony clients (their HTTP client threads)"),
    COLONY_PASSWORDS("colony password pool (PBKDF2)"),
    OTHER("other Java threads"),
    JVM("JVM itself: GC, JIT compiler, VM threads");

    private final String label;

    CpuGroup(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The group of a platform thread named {@code name}. */
    static CpuGroup of(String name) {
        if (name == null) {
            return OTHER;
        }
        if (name.startsWith("bench-")) {
            return GENERATOR;
        }
        if (name.startsWith("colony-http")) {
            return COLONY_HTTP;
        }
        if (name.startsWith("http-")) {
            return NODE_HTTP;
        }
        if (name.startsWith("ForkJoinPool-") && name.contains("worker")) {
            return CARRIERS;
        }
        if (name.equals("colony-writer")) {
            return COLONY_WRITER;
        }
        if (name.equals("task-store-writer")) {
            return NODE_STORE;
        }
        if (name.startsWith("colony-client") || name.startsWith("HttpClient-")) {
            return NODE_CLIENTS;
        }
        if (name.startsWith("colony-password")) {
            return COLONY_PASSWORDS;
        }
        return OTHER;
    }
}
