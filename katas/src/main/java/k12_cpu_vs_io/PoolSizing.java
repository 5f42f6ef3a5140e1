package k12_cpu_vs_io;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

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
        // TODO task 1: ask the Runtime how many processors this JVM may use.
        throw new UnsupportedOperationException("Task 1 of k12_cpu_vs_io: return the number of cores. See README.md.");
    }

    /**
     * A pool for CPU-bound work: a {@link java.util.concurrent.ThreadPoolExecutor} with exactly
     * {@link #cpuBoundPoolSize()} platform threads and an unbounded queue.
     *
     * <p>While every thread is busy, further tasks wait in the queue rather than start.
     */
    public static ExecutorService newCpuBoundPool() {
        // TODO task 1: a fixed pool of cpuBoundPoolSize() platform threads.
        throw new UnsupportedOperationException("Task 1 of k12_cpu_vs_io: build a fixed pool, one thread per core. See README.md.");
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
        // TODO task 2: check the arguments as the Javadoc promises, then compute
        //      cores * (1 + wait / compute), rounded up, without losing precision on the way.
        throw new UnsupportedOperationException("Task 2 of k12_cpu_vs_io: size a pool from the blocking ratio. See README.md.");
    }

    /**
     * An executor for IO-bound work that starts a new virtual thread for every task, without limit.
     *
     * <p>A virtual thread that blocks (sleep, socket, queue) releases its carrier thread, so ten
     * thousand blocked tasks cost ten thousand small stacks on the heap, not ten thousand OS threads.
     */
    public static ExecutorService newIoBoundExecutor() {
        // TODO task 3: one new virtual thread per task.
        throw new UnsupportedOperationException("Task 3 of k12_cpu_vs_io: give every task its own virtual thread. See README.md.");
    }
}
