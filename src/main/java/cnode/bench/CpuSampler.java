package cnode.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Where this process's CPU goes between two moments: each live platform thread's CPU time
 * ({@code ThreadMXBean}) summed by the group its name puts it in ({@link CpuGroup}), and the
 * process's CPU time ({@code OperatingSystemMXBean}); what the process used beyond its Java
 * threads is the JVM's own (GC, JIT compiler, VM threads). Virtual threads have no CPU time of
 * their own here: theirs is their carriers'. A thread that ended between the two moments loses
 * its last slice (the nodes' threads live for the whole run, so little is lost). Stateless;
 * snapshots are values.
 */
final class CpuSampler {
    private CpuSampler() {}

    /** One moment: when, each platform thread's name and CPU, the process's CPU and GC. */
    record Snapshot(long atNs, Map<Long, String> names, Map<Long, Long> cpuNs,
                    long processCpuNs, long gcMs, long gcCount, long jitMs) {
        Snapshot {
            names = Map.copyOf(names);
            cpuNs = Map.copyOf(cpuNs);
        }
    }

    /**
     * The CPU between two snapshots.
     *
     * @param wallNs the time between them
     * @param processNs the process's CPU time in it
     * @param byGroup CPU time per group, {@link CpuGroup#JVM} included
     * @param gcMs time the collectors report for the window (pauses and concurrent work)
     * @param gcCount collections in the window
     * @param jitMs time the JIT compilers report for the window
     */
    record Usage(long wallNs, long processNs, Map<CpuGroup, Long> byGroup, long gcMs,
                 long gcCount, long jitMs) {
        Usage {
            byGroup = Map.copyOf(byGroup);
        }

        /** Cores busy on average: process CPU over wall time. */
        double cores() {
            return wallNs == 0 ? 0 : (double) processNs / wallNs;
        }

        /** A group's share of the process's CPU, in percent. */
        double percent(CpuGroup group) {
            return processNs == 0 ? 0 : 100.0 * byGroup.getOrDefault(group, 0L) / processNs;
        }
    }

    static Snapshot take() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
            ManagementFactory.getThreadMXBean();
        Map<Long, String> names = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.put(thread.threadId(), thread.getName());
        }
        long[] ids = names.keySet().stream().mapToLong(Long::longValue).toArray();
        long[] cpu = threads.getThreadCpuTime(ids);
        Map<Long, Long> cpuNs = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] >= 0) {
                cpuNs.put(ids[i], cpu[i]);
            }
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean();
        long gcMs = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMs += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        var jit = ManagementFactory.getCompilationMXBean();
        long jitMs = jit != null && jit.isCompilationTimeMonitoringSupported()
            ? jit.getTotalCompilationTime() : 0;
        return new Snapshot(System.nanoTime(), names, cpuNs, os.getProcessCpuTime(), gcMs,
            gcCount, jitMs);
    }

    /** The usage from {@code from} to {@code to}, by {@link CpuGroup} of thread names. */
    static Usage between(Snapshot from, Snapshot to) {
        Map<CpuGroup, Long> byGroup = new EnumMap<>(CpuGroup.class);
        long threadsNs = 0;
        for (Map.Entry<Long, Long> thread : to.cpuNs().entrySet()) {
            long before = from.cpuNs().getOrDefault(thread.getKey(), 0L);
            long used = Math.max(0, thread.getValue() - before);
            String name = to.names().get(thread.getKey());
            CpuGroup group = CpuGroup.of(name);
            byGroup.merge(group, used, Long::sum);
            threadsNs += used;
        }
        long processNs = Math.max(0, to.processCpuNs() - from.processCpuNs());
        byGroup.put(CpuGroup.JVM, Math.max(0, processNs - threadsNs));
        return new Usage(to.atNs() - from.atNs(), Math.max(processNs, threadsNs), byGroup,
            to.gcMs() - from.gcMs(), to.gcCount() - from.gcCount(), to.jitMs() - from.jitMs());
    }
}
