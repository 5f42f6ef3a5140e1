package k09_parallelism;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts primes on several platform threads at once, one share of the numbers per thread.
 *
 * <p>{@link #countBelow} starts {@link #threads()} new threads, which count at the same time,
 * and waits for all of them to end before it returns their sum. Everything a worker did
 * happens-before {@code countBelow} returns.
 */
public final class ParallelPrimes {

    static final int CHUNK = 8_192;

    private final int threads;
    private final Runnable onWorkerStart;

    public ParallelPrimes(int threads) {
        this(threads, () -> {});
    }

    public ParallelPrimes(int threads, Runnable onWorkerStart) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread: " + threads);
        }
        this.threads = threads;
        this.onWorkerStart = Objects.requireNonNull(onWorkerStart, "onWorkerStart");
    }

    public int threads() {
        return threads;
    }

    /** One worker: the classic Java thread with its result in a field, read after the join. */
    private final class Counter extends Thread {
        private final int limit;
        private final AtomicInteger nextChunk;
        private int count; // this worker's alone
        private Throwable failure;

        Counter(int index, int limit, AtomicInteger nextChunk) {
            super("primes-" + index);
            this.limit = limit;
            this.nextChunk = nextChunk;
        }

        @Override
        public void run() {
            try {
                onWorkerStart.run();
                for (long from; (from = (long) nextChunk.getAndIncrement() * CHUNK) < limit; ) {
                    if (isInterrupted()) {
                        return;
                    }
                    count += Primes.countInRange((int) from, (int) Math.min(limit, from + CHUNK));
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    public int countBelow(int limit) throws InterruptedException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        AtomicInteger nextChunk = new AtomicInteger();
        List<Counter> counters = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Counter counter = new Counter(i, limit, nextChunk);
            counters.add(counter);
            counter.start();
        }
        try {
            for (Counter counter : counters) {
                counter.join();
            }
        } catch (InterruptedException e) {
            counters.forEach(Thread::interrupt);
            for (Counter counter : counters) {
                while (counter.isAlive()) {
                    try {
                        counter.join();
                    } catch (InterruptedException again) {
                        // already answering the first interrupt: keep waiting for the worker
                    }
                }
            }
            throw e;
        }
        int total = 0;
        for (Counter counter : counters) {
            switch (counter.failure) {
                case null -> total += counter.count;
                case RuntimeException failed -> throw failed;
                case Error failed -> throw failed;
                case Throwable failed -> throw new IllegalStateException("a worker failed", failed);
            }
        }
        return total;
    }
}
