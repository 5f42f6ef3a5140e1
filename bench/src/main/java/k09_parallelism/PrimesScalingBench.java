package k09_parallelism;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting the primes below 2,000,000 on 1 to 8 threads: the speedup grows with the threads until
 * there is one per core, then stays flat, because extra threads only take turns on the same cores.
 *
 * <p>{@link bench.Charts} draws the speedup (the time on one thread over the time on n) against n,
 * with a line at this machine's core count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class PrimesScalingBench {

    @Param({"1", "2", "3", "4", "6", "8"})
    public int threads;

    private ParallelPrimes primes;

    @Setup
    public void setUp() {
        primes = new ParallelPrimes(threads);
    }

    @Benchmark
    public int countPrimes() throws InterruptedException {
        return primes.countBelow(PrimesBench.LIMIT);
    }
}
