package k12_cpu_vs_io;

import bench.Compare;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 * What it costs to start a child process, and to start a platform thread, each doing nothing and
 * waited for until it ends.
 *
 * <p>The child is a JVM started from this JVM's own {@code java} with this JVM's class path (the
 * benchmark jar) running {@link EmptyMain}: no shell. Its cost is mostly the JVM's own start-up,
 * which is what a Java program pays to fork a worker. Measured on Linux only; the tutorial says
 * process creation is dearer still on Windows.
 */
@Compare(baseline = "childJvm", candidate = "platformThread",
        meaning = "start and wait for a child JVM / a platform thread",
        expected = "hundreds of times (tens of ms against tens of µs)")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ProcessVsThreadBench {

    private final List<String> command = List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), EmptyMain.class.getName());

    @Benchmark
    public int childJvm() throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int exit = child.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the child JVM exited with " + exit + ": " + command);
        }
        return exit;
    }

    @Benchmark
    public Thread platformThread() throws InterruptedException {
        Thread thread = Thread.ofPlatform().start(() -> {});
        thread.join();
        return thread;
    }
}
