package k09_parallelism;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
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

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread: " + threads);
        }
        Objects.requireNonNull(work, "work");
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new UnsupportedOperationException("this JVM cannot measure the CPU time of a thread");
        }
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true); // supported but switched off: getCurrentThreadCpuTime would say -1
        }
        LongAdder cpuNanos = new LongAdder();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime(); // like Python's time.process_time()
        long start = System.nanoTime();
        Workers.runAll("measured", threads, i -> {
            // Each worker reads its own clock: the JVM's other threads (JIT, GC) and the
            // machine's other processes are not counted.
            work.accept(i);
        });
        Duration wall = Duration.ofNanos(Math.max(1, System.nanoTime() - start));
        cpuNanos.add(os.getProcessCpuTime() - cpuBefore);
        return new Usage(wall, Duration.ofNanos(cpuNanos.sum()), threads);
    }
}
