package k12_cpu_vs_io;

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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A growing batch of tasks that each block for 20 ms, on a fixed pool of 16 platform threads and
 * on one virtual thread per task: the pool's time grows with the batch (tasks / 16 rounds), the
 * virtual threads' stays near one round.
 *
 * <p>One operation is one whole batch, measured once per iteration (single shot): a batch of 3,200
 * takes the pool about 4 s. {@link bench.Charts} draws both times against the batch size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class BlockingTasksScalingBench {

    static final Duration BLOCKED_FOR = Duration.ofMillis(20);

    @Param({"100", "400", "1600", "3200"})
    public int tasks;

    @Benchmark
    public int fixedPool() {
        try (ExecutorService pool = Executors.newFixedThreadPool(BlockingTasksBench.SMALL_POOL)) {
            return runAll(pool, tasks);
        }
    }

    @Benchmark
    public int virtualThreads() {
        try (ExecutorService executor = PoolSizing.newIoBoundExecutor()) {
            return runAll(executor, tasks);
        }
    }

    private static int runAll(ExecutorService executor, int tasks) {
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < tasks; i++) {
            executor.submit(() -> {
                Thread.sleep(BLOCKED_FOR); // simulated IO, the work being measured
                return done.incrementAndGet();
            });
        }
        executor.close(); // waits for every task
        if (done.get() != tasks) {
            throw new IllegalStateException("only " + done.get() + " of " + tasks + " tasks ran");
        }
        return done.get();
    }
}
