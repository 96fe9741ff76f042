package cnode.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * The crash test's chaos: SIGKILLs the merchant node, the payer node or the colony, each
 * restarted at once on the same data, at moments drawn from a seeded {@link Random} so that a
 * failing run can be repeated from its seed. The plan is made up front: {@code kills} targets
 * (each of the three at least once when there are three kills or more, in a shuffled order),
 * each at a point of the stream (after that many payments ended, between 5 % and 95 % of the
 * stream), plus a few hundred milliseconds of jitter. After each restart it waits (bounded)
 * until both nodes are ready again, so that each kill finds a working system. Runs on one
 * thread of its own; the kills it made are read after {@link #run} returned.
 */
final class Chaos {
    private static final long JITTER_MS_MAX = 700;
    private static final long DOWN_MS_MAX = 1_000;
    private static final long POINT_WAIT_MS = 600_000;

    /** Which process a kill hits. */
    enum Target { MERCHANT, PAYER, COLONY }

    /** One planned kill: whom, after how many ended payments, and the pauses around it. */
    record Plan(Target target, int afterPayments, long jitterMs, long downMs) {}

    /** One kill as it happened: the plan, the pid killed, when (ms after the chaos began). */
    record Kill(Plan plan, long pid, long atMs, long backAfterMs) {}

    private final List<Plan> plans;
    private final CrashNode merchant;
    private final CrashNode payer;
    private final CrashColony colony;

    Chaos(List<Plan> plans, CrashNode merchant, CrashNode payer, CrashColony colony) {
        this.plans = List.copyOf(plans);
        this.merchant = merchant;
        this.payer = payer;
        this.colony = colony;
    }

    /** The plan for {@code kills} kills during a stream of {@code payments}, from a seed. */
    static List<Plan> plan(long seed, int kills, int payments) {
        if (kills < 0 || payments < 20) {
            throw new IllegalArgumentException("kills >= 0 and at least 20 payments");
        }
        Random random = new Random(seed);
        List<Target> targets = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            targets.add(Target.values()[k % Target.values().length]);
        }
        Collections.shuffle(targets, random);
        List<Integer> points = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            points.add(payments / 20 + random.nextInt(payments * 9 / 10));
        }
        Collections.sort(points);
        List<Plan> plans = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            plans.add(new Plan(targets.get(k), points.get(k),
                random.nextLong(JITTER_MS_MAX + 1), random.nextLong(DOWN_MS_MAX + 1)));
        }
        return plans;
    }

    /**
     * Carries out the plan while the stream runs: waits for each kill's point (given up when
     * the stream has ended), kills, restarts, waits until the system is back.
     */
    List<Kill> run(IntSupplier ended, int payments) throws Exception {
        List<Kill> done = new ArrayList<>();
        long startMs = System.currentTimeMillis();
        for (Plan plan : plans) {
            long giveUpAtMs = System.currentTimeMillis() + POINT_WAIT_MS;
            while (ended.getAsInt() < plan.afterPayments() && ended.getAsInt() < payments
                && System.currentTimeMillis() < giveUpAtMs) {
                Thread.sleep(10);
            }
            if (ended.getAsInt() >= payments) {
                break;
            }
            Thread.sleep(plan.jitterMs());
            long atMs = System.currentTimeMillis() - startMs;
            long pid = kill(plan.target());
            Thread.sleep(plan.downMs());
            restart(plan.target());
            merchant.awaitReady();
            payer.awaitReady();
            Kill kill = new Kill(plan, pid, atMs, System.currentTimeMillis() - startMs - atMs);
            System.out.println("crash test: " + kill);
            done.add(kill);
        }
        return done;
    }

    private long kill(Target target) throws InterruptedException {
        return switch (target) {
            case MERCHANT -> {
                long pid = merchant.pid();
                merchant.kill();
                yield pid;
            }
            case PAYER -> {
                long pid = payer.pid();
                payer.kill();
                yield pid;
            }
            case COLONY -> {
                long pid = colony.pid();
                colony.kill();
                yield pid;
            }
        };
    }

    private void restart(Target target) throws Exception {
        switch (target) {
            case MERCHANT -> merchant.restart();
            case PAYER -> payer.restart();
            case COLONY -> colony.restart();
        }
    }
}
