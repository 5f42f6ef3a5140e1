package k12_cpu_vs_io;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sizes thread pools by the kind of work they run (an alternative to the reference, written by hand).
 */
public final class PoolSizing {

    private PoolSizing() {}

    public static int cpuBoundPoolSize() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static ExecutorService newCpuBoundPool() {
        int threads = cpuBoundPoolSize();
        return new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    }

    public static int ioBoundPoolSize(int cores, Duration waitTime, Duration computeTime) {
        if (waitTime == null || computeTime == null) {
            throw new NullPointerException("waitTime and computeTime must not be null");
        }
        if (cores < 1 || waitTime.isNegative() || computeTime.isNegative() || computeTime.isZero()) {
            throw new IllegalArgumentException("need cores >= 1, waitTime >= 0 and computeTime > 0");
        }
        try {
            long compute = computeTime.toNanos();
            long total = Math.addExact(compute, waitTime.toNanos());
            long size = Math.ceilDiv(Math.multiplyExact((long) cores, total), compute);
            return Math.toIntExact(size);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the pool would not fit an int", e);
        }
    }

    public static ExecutorService newIoBoundExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("io-", 0).factory());
    }
}
