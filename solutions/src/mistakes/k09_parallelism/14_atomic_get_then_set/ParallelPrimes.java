package k09_parallelism;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts primes on several platform threads at once, one share of the numbers per thread.
 *
 * <p>{@link #countBelow} starts {@link #threads()} new threads, which count at the same time,
 * and waits for all of them to end before it returns their sum. Everything a worker did
 * happens-before {@code countBelow} returns. Java has no global interpreter lock: on a machine
 * with free cores, the threads really run in parallel.
 */
public final class ParallelPrimes {

    /**
     * Numbers per chunk. Workers take chunks one by one from a shared cursor, so a worker that
     * drew cheap small numbers simply takes more chunks: equal ranges are not equal work.
     */
    static final int CHUNK = 8_192;

    private final int threads;
    private final Runnable onWorkerStart;

    /**
     * A counter that uses {@code threads} threads.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public ParallelPrimes(int threads) {
        this(threads, () -> {});
    }

    /**
     * A counter whose every worker thread calls {@code onWorkerStart} once, before it counts;
     * the tests use it to see the workers running at the same time.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     * @throws NullPointerException if {@code onWorkerStart} is null
     */
    public ParallelPrimes(int threads, Runnable onWorkerStart) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread: " + threads);
        }
        this.threads = threads;
        this.onWorkerStart = Objects.requireNonNull(onWorkerStart, "onWorkerStart");
    }

    /** How many worker threads {@link #countBelow} starts. */
    public int threads() {
        return threads;
    }

    /**
     * How many primes there are below {@code limit}, counted by {@link #threads()} new threads at once.
     *
     * <p>Returns when every worker has ended. If a worker throws, the others still finish and
     * this method then throws that worker's exception.
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
        AtomicInteger total = new AtomicInteger();
        Workers.runAll("primes", threads, worker -> {
            onWorkerStart.run();
            int count = 0; // local: the workers share nothing while they count
            for (long from; (from = (long) nextChunk.getAndIncrement() * CHUNK) < limit; ) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                count += Primes.countInRange((int) from, (int) Math.min(limit, from + CHUNK));
            }
            total.set(total.get() + count);
        });
        return total.intValue();
    }
}
