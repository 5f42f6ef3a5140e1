package k12_cpu_vs_io;

import bench.Compare;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * IO-bound work on a small platform-thread pool versus one virtual thread per task.
 *
 * <p>2,000 tasks each block for 50 ms (simulated IO: a sleep stands for a network call). A pool of
 * 16 platform threads runs them in 2,000 / 16 = 125 rounds, about 6.3 s; virtual threads block all
 * at once and finish in about one round, 50 ms plus the cost of starting 2,000 threads. Sixteen is
 * the pool that CPU-bound sizing gives on a 16-core server (and 8 times this 2-core machine): the
 * common mistake is to reuse it for work that mostly waits. One operation is one whole batch.
 */
@Compare(baseline = "fixedPool", candidate = "virtualThreads",
        meaning = "time of 2,000 tasks blocking 50 ms: 16 platform threads / a virtual thread each",
        expected = "about 100x (125 rounds of 50 ms against 1)")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BlockingTasksBench {

    static final int TASKS = 2_000;
    static final Duration BLOCKED_FOR = Duration.ofMillis(50);
    static final int SMALL_POOL = 16;

    @Benchmark
    public int fixedPool() {
        try (ExecutorService pool = Executors.newFixedThreadPool(SMALL_POOL)) {
            return runAll(pool);
        }
    }

    @Benchmark
    public int virtualThreads() {
        try (ExecutorService executor = PoolSizing.newIoBoundExecutor()) {
            return runAll(executor);
        }
    }

    private static int runAll(ExecutorService executor) {
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < TASKS; i++) {
            executor.submit(() -> {
                Thread.sleep(BLOCKED_FOR); // simulated IO, the work being measured
                return done.incrementAndGet();
            });
        }
        executor.close(); // waits for every task; the caller's try-with-resources then closes it again, a no-op
        if (done.get() != TASKS) {
            throw new IllegalStateException("only " + done.get() + " of " + TASKS + " tasks ran");
        }
        return done.get();
    }
}
