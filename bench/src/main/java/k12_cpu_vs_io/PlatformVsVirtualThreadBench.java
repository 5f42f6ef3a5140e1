package k12_cpu_vs_io;

import bench.Compare;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs to start a thread that does nothing and join it: a platform thread (an OS thread
 * with its own native stack) against a virtual thread (a small object the JDK schedules on its
 * carrier threads).
 */
@Compare(baseline = "platformThread", candidate = "virtualThread",
        meaning = "start and join a platform thread / a virtual thread",
        expected = "several times cheaper (a few µs against tens of µs)")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PlatformVsVirtualThreadBench {

    @Benchmark
    public Thread platformThread() throws InterruptedException {
        Thread thread = Thread.ofPlatform().start(() -> {});
        thread.join();
        return thread;
    }

    @Benchmark
    public Thread virtualThread() throws InterruptedException {
        Thread thread = Thread.ofVirtual().start(() -> {});
        thread.join();
        return thread;
    }
}
