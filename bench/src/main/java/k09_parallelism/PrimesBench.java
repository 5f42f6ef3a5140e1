package k09_parallelism;

import bench.Compare;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting the primes below 2,000,000 on one thread, on every core, and on every core behind one
 * global lock: Java has no GIL, unless you build one.
 *
 * <p>Run: {@code ./mvnw -B -Pbench -pl bench -am verify -Dbench.args="k09_parallelism -f 1 -wi 2 -i 5"}.
 * {@code allCoresOneLock} is printed by JMH beside the other two; expect it no faster than
 * {@code oneThread}, and usually slower (the lock is handed over millions of times).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Compare(baseline = "oneThread", candidate = "allCores",
        meaning = "speedup of all cores over one thread, counting primes below 2,000,000",
        expected = "1.8x or better on 2 cores (about the number of cores)")
public class PrimesBench {

    static final int LIMIT = 2_000_000;

    private final ParallelPrimes oneThread = new ParallelPrimes(1);
    private final ParallelPrimes allCores = new ParallelPrimes(Runtime.getRuntime().availableProcessors());
    private final GlobalLockPrimes allCoresOneLock = new GlobalLockPrimes(Runtime.getRuntime().availableProcessors());

    @Benchmark
    public int oneThread() throws InterruptedException {
        return oneThread.countBelow(LIMIT);
    }

    @Benchmark
    public int allCores() throws InterruptedException {
        return allCores.countBelow(LIMIT);
    }

    @Benchmark
    public int allCoresOneLock() throws InterruptedException {
        return allCoresOneLock.countBelow(LIMIT);
    }
}
