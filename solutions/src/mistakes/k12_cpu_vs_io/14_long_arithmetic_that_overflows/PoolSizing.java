package k12_cpu_vs_io;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sizes thread pools by the kind of work they run: CPU-bound work gets one thread per core,
 * IO-bound work gets far more threads than cores, because its threads mostly wait.
 *
 * <p>The executors returned here belong to the caller, who closes them (try-with-resources):
 * {@link ExecutorService#close()} waits for every submitted task to end. Everything a task did
 * happens-before {@code close} returns, and before {@code Future.get} returns its result.
 */
public final class PoolSizing {

    private PoolSizing() {}

    /**
     * The number of threads for CPU-bound work: one per processor available to this JVM.
     *
     * <p>More threads than cores cannot compute more at once; they only add switching and memory.
     */
    public static int cpuBoundPoolSize() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * A pool for CPU-bound work: a {@link java.util.concurrent.ThreadPoolExecutor} with exactly
     * {@link #cpuBoundPoolSize()} platform threads and an unbounded queue.
     *
     * <p>While every thread is busy, further tasks wait in the queue rather than start.
     */
    public static ExecutorService newCpuBoundPool() {
        return Executors.newFixedThreadPool(cpuBoundPoolSize());
    }

    /**
     * The size of a platform-thread pool that keeps {@code cores} processors busy with tasks that
     * wait for {@code waitTime} for every {@code computeTime} they compute:
     * {@code cores * (1 + waitTime / computeTime)}, rounded up.
     *
     * @throws NullPointerException if {@code waitTime} or {@code computeTime} is null
     * @throws IllegalArgumentException if {@code cores} is less than 1, {@code waitTime} is
     *         negative, {@code computeTime} is zero or negative, or the size does not fit an int
     */
    public static int ioBoundPoolSize(int cores, Duration waitTime, Duration computeTime) {
        Objects.requireNonNull(waitTime, "waitTime");
        Objects.requireNonNull(computeTime, "computeTime");
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, was " + cores);
        }
        if (waitTime.isNegative()) {
            throw new IllegalArgumentException("waitTime must not be negative, was " + waitTime);
        }
        if (computeTime.isNegative() || computeTime.isZero()) {
            throw new IllegalArgumentException("computeTime must be positive, was " + computeTime);
        }
        long c = computeTime.toNanos();
        long size = (cores * (c + waitTime.toNanos()) + c - 1) / c; // ceiling division
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a pool of " + size + " threads does not fit an int");
        }
        return (int) size;
    }


    private static BigInteger nanos(Duration d) {
        return BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(d.getNano()));
    }

    /**
     * An executor for IO-bound work that starts a new virtual thread for every task, without limit.
     *
     * <p>A virtual thread that blocks (sleep, socket, queue) releases its carrier thread, so ten
     * thousand blocked tasks cost ten thousand small stacks on the heap, not ten thousand OS threads.
     */
    public static ExecutorService newIoBoundExecutor() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }
}
