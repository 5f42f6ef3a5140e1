package k09_parallelism;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Counts primes on several platform threads at once; the object itself is every worker's task. */
public final class ParallelPrimes implements Runnable {

    static final int CHUNK = 8_192;

    private final int threads;
    private final Runnable onWorkerStart;
    private int limit;
    private AtomicInteger nextChunk;
    private int total; // MISTAKE: one field, updated by every worker thread
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

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

    @Override
    public void run() {
        try {
            onWorkerStart.run();
            for (long from; (from = (long) nextChunk.getAndIncrement() * CHUNK) < limit; ) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                total += Primes.countInRange((int) from, (int) Math.min(limit, from + CHUNK));
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    public synchronized int countBelow(int limit) throws InterruptedException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
        this.nextChunk = new AtomicInteger();
        this.total = 0;
        failure.set(null);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().name("primes-" + i).start(this));
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            workers.forEach(Thread::interrupt);
            for (Thread worker : workers) {
                while (worker.isAlive()) {
                    try {
                        worker.join();
                    } catch (InterruptedException again) {
                        // already answering the first interrupt
                    }
                }
            }
            throw e;
        }
        switch (failure.get()) {
            case null -> { }
            case RuntimeException failed -> throw failed;
            case Error failed -> throw failed;
            case Throwable failed -> throw new IllegalStateException("a worker failed", failed);
        }
        return total;
    }
}
