package k09_parallelism;

import java.util.function.IntConsumer;

/**
 * Measures how many cores some work keeps busy, by running it on several threads at once.
 *
 * <p>{@link #measure} runs {@code work.accept(i)} on thread {@code i} of {@code threads} new
 * platform threads, all started before any is joined, and waits for every one to end. The
 * processor time it reports is the sum of what each worker thread used itself, measured by that
 * thread; the wall time spans from before the first start to after the last join.
 */
public final class CpuMeter {

    private CpuMeter() {}

    /**
     * Runs {@code work} on {@code threads} threads at once and reports the CPU and wall time used.
     *
     * <p>If a worker throws, the others still finish and this method then throws that worker's
     * exception.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     * @throws NullPointerException if {@code work} is null
     * @throws UnsupportedOperationException if this JVM cannot measure a thread's CPU time
     *     ({@code ThreadMXBean.isCurrentThreadCpuTimeSupported()} is false)
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static Usage measure(int threads, IntConsumer work) throws InterruptedException {
        // TODO task 2: check the arguments; note the wall clock; start the threads; in each,
        //      read the thread's own CPU time before and after work.accept(i) and add the
        //      difference to a shared total; join them all; note the wall clock again.
        throw new UnsupportedOperationException("Task 2 of k09_parallelism: measure CPU time against wall time. See README.md.");
    }
}
