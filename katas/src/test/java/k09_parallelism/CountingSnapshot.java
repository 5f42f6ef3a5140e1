package k09_parallelism;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Looks at worker threads all at one instant and counts those that are counting primes.
 *
 * <p>{@link ThreadMXBean#getThreadInfo(long[], int)} takes the stacks of all the given threads
 * together, at one safepoint. A worker is counting when its stack has a frame in {@link Primes}.
 * Workers that really run in parallel are both in {@code Primes} in almost every snapshot; workers
 * that take turns at one lock never are, because the one waiting for the lock is in the lock's
 * code. So the verdict depends on where the threads are, never on how fast the machine is.
 */
final class CountingSnapshot {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CountingSnapshot() {}

    /** How many of {@code workers} are inside {@code Primes} at the same instant. */
    static int countingAtOnce(Set<Thread> workers) {
        long[] ids = workers.stream().filter(Thread::isAlive).mapToLong(Thread::threadId).toArray();
        if (ids.length < 2) {
            return ids.length;
        }
        return (int) Arrays.stream(THREADS.getThreadInfo(ids, Integer.MAX_VALUE))
                .filter(Objects::nonNull)
                .filter(CountingSnapshot::inPrimes)
                .count();
    }

    private static boolean inPrimes(ThreadInfo info) {
        return Arrays.stream(info.getStackTrace()).anyMatch(f -> f.getClassName().equals(Primes.class.getName()));
    }
}
