package k09_parallelism;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts primes on several threads that all take one shared lock for every number: a global
 * interpreter lock of your own making, kept to show what it costs.
 *
 * <p>Exactly like {@link ParallelPrimes}, except that each worker checks each number while
 * holding a lock shared by all the workers. At most one worker is ever inside that section, so
 * the workers take turns instead of running in parallel: the count is right, and the machine
 * uses about one core however many threads there are.
 */
public final class GlobalLockPrimes {

    private final Object everyone = new Object();
    private final int threads;
    private final Runnable onWorkerStart;
    private final Runnable insideLock;

    /**
     * A counter that uses {@code threads} threads and one shared lock.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public GlobalLockPrimes(int threads) {
        this(threads, () -> {}, () -> {});
    }

    /**
     * A counter whose workers each call {@code onWorkerStart} once before they count, and
     * {@code insideLock} each time they hold the shared lock, after checking the number; the
     * tests use them to see who is inside the locked section.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     * @throws NullPointerException if a hook is null
     */
    public GlobalLockPrimes(int threads, Runnable onWorkerStart, Runnable insideLock) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread: " + threads);
        }
        this.threads = threads;
        this.onWorkerStart = Objects.requireNonNull(onWorkerStart, "onWorkerStart");
        this.insideLock = Objects.requireNonNull(insideLock, "insideLock");
    }

    /**
     * How many primes there are below {@code limit}, counted by {@code threads} threads that
     * take turns at one lock.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws InterruptedException if the calling thread is interrupted while it waits; the
     *     workers are interrupted too and stop early
     */
    public int countBelow(int limit) throws InterruptedException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        AtomicInteger nextChunk = new AtomicInteger();
        LongAdder total = new LongAdder();
        Workers.runAll("locked-primes", threads, worker -> {
            onWorkerStart.run();
            int count = 0;
            for (long from; (from = (long) nextChunk.getAndIncrement() * ParallelPrimes.CHUNK) < limit; ) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                long to = Math.min(limit, from + ParallelPrimes.CHUNK);
                for (int n = (int) from; n < to; n++) {
                    synchronized (everyone) {
                        if (Primes.isPrime(n)) {
                            count++;
                        }
                        insideLock.run();
                    }
                }
            }
            total.add(count);
        });
        return total.intValue();
    }
}
