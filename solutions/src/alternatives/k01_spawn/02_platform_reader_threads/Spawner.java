package k01_spawn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts child JVMs, waits for them, and brings back their exit code and output: with a platform
 * thread per output stream, and the child's {@link ProcessHandle} to stop it.
 */
public final class Spawner {

    /** How long a timed-out child gets to stop after a polite request. */
    public static final Duration GRACE = Duration.ofSeconds(1);

    private Spawner() {}

    /** Returns the process id of this JVM. */
    public static long currentPid() {
        return ProcessHandle.current().pid();
    }

    /**
     * Starts a new JVM that runs {@code mainClass} with {@code args}, and returns at once.
     *
     * @throws NullPointerException if {@code mainClass}, {@code args} or any argument is null
     * @throws IOException if the child could not be started
     */
    public static Process start(Class<?> mainClass, List<String> args) throws IOException {
        String main = mainClass.getName();
        List<String> command = Stream.concat(
                Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-XX:-UsePerfData",
                        "-cp", System.getProperty("java.class.path"), main),
                args.stream().map(a -> Objects.requireNonNull(a, "an argument is null")))
                .toList();
        return new ProcessBuilder(command).start();
    }

    /**
     * Waits for {@code child} to end, for at most {@code timeout}, reading both of its outputs
     * meanwhile; a child still alive at the timeout is asked to stop, then killed.
     *
     * @throws NullPointerException if {@code child} or {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws InterruptedException if interrupted while waiting; the child is killed first
     * @throws UncheckedIOException if the child's output cannot be read
     */
    public static ChildResult join(Process child, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(child, "child");
        check(timeout);
        Copy out = new Copy(child.getInputStream());
        Copy err = new Copy(child.getErrorStream());
        boolean timedOut = false;
        try {
            child.getOutputStream().close();
        } catch (IOException ignored) {
            // the child has gone already
        }
        ProcessHandle handle = child.toHandle();
        try {
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                handle.destroy();
                child.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                handle.onExit().join();
            }
            child.waitFor(); // reaped: returns at once now, unless interrupted
        }
        return new ChildResult(child.pid(), child.exitValue(), out.text(), err.text(), timedOut);
    }

    /**
     * Starts {@code mainClass} and joins it.
     *
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative; no child is started
     * @throws IOException if the child could not be started
     * @throws InterruptedException if interrupted while waiting; the child is killed first
     */
    public static ChildResult run(Class<?> mainClass, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        check(timeout);
        return join(start(mainClass, args), timeout);
    }

    private static void check(Duration timeout) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("not a positive timeout: " + timeout);
        }
    }

    /** Copies one stream to memory on a platform thread of its own. */
    private static final class Copy {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile IOException failure;

        Copy(InputStream in) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                try (in) {
                    in.transferTo(bytes);
                } catch (IOException e) {
                    failure = e;
                }
            });
        }

        String text() throws InterruptedException {
            thread.join(); // the child has ended: its pipe is at its end
            if (failure != null) {
                throw new UncheckedIOException(failure);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
