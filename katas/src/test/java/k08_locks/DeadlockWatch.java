package k08_locks;

import static org.awaitility.Awaitility.await;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs tasks on named threads and watches them with {@link ThreadMXBean#findDeadlockedThreads()}.
 *
 * <p>The run ends when every task has ended or when the JVM reports a deadlock among them. A
 * deadlock is described (who holds which lock and waits for which, held by whom), then broken by
 * interrupting the threads, which works on {@link ReportingLock}s; so the test reports the cycle
 * and still ends, with no thread left behind.
 */
final class DeadlockWatch {

    static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * What happened.
     *
     * @param deadlock the cycle, described, if one formed
     * @param failures what each task threw, by thread name (a broken deadlock's exceptions excluded)
     * @param ended whether every thread had ended when the watch returned
     */
    record Report(Optional<String> deadlock, Map<String, Throwable> failures, boolean ended) {}

    private DeadlockWatch() {}

    /** Runs each task on a daemon platform thread named by its key; {@code locks} name the cycle. */
    static Report run(Map<String, Runnable> tasks, List<ReportingLock> locks) throws InterruptedException {
        return run(tasks, locks, threads -> {});
    }

    /** As {@link #run(Map, List)}, telling {@code beforeStart} the threads before any starts. */
    static Report run(Map<String, Runnable> tasks, List<ReportingLock> locks,
            java.util.function.Consumer<List<Thread>> beforeStart) throws InterruptedException {
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        tasks.forEach((name, task) -> threads.add(Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                failures.put(name, t);
            }
        })));
        beforeStart.accept(List.copyOf(threads));
        threads.forEach(Thread::start);

        Optional<String> deadlock = Optional.empty();
        try {
            await("the tasks to end, or the JVM to report a deadlock among them")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> threads.stream().noneMatch(Thread::isAlive) || deadlocked(threads).length > 0);
            long[] cycle = deadlocked(threads);
            if (cycle.length > 0) {
                deadlock = Optional.of(describe(cycle, threads, locks));
            }
        } catch (ConditionTimeoutException stillRunning) {
            deadlock = Optional.empty();
        }
        boolean broken = deadlock.isPresent();
        threads.forEach(Thread::interrupt); // ends a deadlock on ReportingLocks; harmless to ended threads
        boolean ended = true;
        for (Thread t : threads) {
            ended &= t.join(PATIENCE);
        }
        if (broken) {
            failures.values().removeIf(e -> e instanceof ReportingLock.DeadlockBroken);
        }
        if (!broken && !ended) {
            failures.put("watch", new AssertionError("the tasks neither ended nor deadlocked within "
                    + PATIENCE.toSeconds() + " s; states: " + states(threads)));
        }
        return new Report(deadlock, Map.copyOf(failures), ended);
    }

    /** Ids of our threads that the JVM finds deadlocked (monitors and ownable synchronizers). */
    private static long[] deadlocked(List<Thread> threads) {
        long[] all = THREADS.findDeadlockedThreads();
        if (all == null) {
            return new long[0];
        }
        Set<Long> ours = threads.stream().map(Thread::threadId).collect(Collectors.toSet());
        return Arrays.stream(all).filter(ours::contains).toArray();
    }

    private static String describe(long[] cycle, List<Thread> threads, List<ReportingLock> locks) {
        Map<Long, Thread> byId = new LinkedHashMap<>();
        threads.forEach(t -> byId.put(t.threadId(), t));
        List<String> lines = new ArrayList<>();
        for (ThreadInfo info : THREADS.getThreadInfo(cycle, true, true)) {
            if (info == null) {
                continue;
            }
            Thread t = byId.get(info.getThreadId());
            String holds = locks.stream().filter(l -> l.owner() == t).map(Object::toString).collect(Collectors.joining(", "));
            if (holds.isEmpty()) {
                holds = Arrays.stream(info.getLockedMonitors()).map(LockInfo::toString).collect(Collectors.joining(", "));
            }
            String waitsFor = locks.stream().filter(l -> l.hasQueuedThread(t)).map(Object::toString).findFirst()
                    .orElse(info.getLockName());
            lines.add("'" + info.getThreadName() + "' holds " + holds + " and waits for " + waitsFor
                    + ", held by '" + info.getLockOwnerName() + "' (" + info.getLockName() + ")");
        }
        return "deadlock found by ThreadMXBean.findDeadlockedThreads:\n  " + String.join("\n  ", lines);
    }

    private static String states(List<Thread> threads) {
        return threads.stream().map(t -> t.getName() + "=" + t.getState()).collect(Collectors.joining(", "));
    }
}
