package k01_spawn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts child JVMs, waits for them, and brings back their exit code and output.
 *
 * <p>A child is a new JVM started from this JVM's own {@code java} with this JVM's class path,
 * never through a shell, so it behaves the same on Linux, macOS and Windows. Both sides name
 * their charset: the child writes UTF-8 ({@code -Dstdout.encoding=UTF-8},
 * {@code -Dstderr.encoding=UTF-8}) and this side decodes UTF-8.
 *
 * <p>{@link #start} returns at once; {@link #join} and {@link #run} block the caller until the
 * child has ended, and never return while it is alive: a child that outlives its timeout is
 * destroyed, forcibly if it must be. Everything the child wrote happens-before {@code join}
 * returns.
 */
public final class Spawner {

    /** How long a timed-out child gets to stop after a polite {@link Process#destroy()}. */
    public static final Duration GRACE = Duration.ofSeconds(1);

    private Spawner() {}

    /** Returns the process id of this JVM. */
    public static long currentPid() {
        return ProcessHandle.current().pid();
    }

    /**
     * Starts a new JVM that runs {@code mainClass} with {@code args}, and returns at once.
     *
     * <p>The child runs on this JVM's {@code java} with this JVM's class path, and writes its
     * standard output and error as UTF-8. Its standard input, output and error are pipes to this
     * JVM: the caller must {@link #join} it (or read its output and wait for it) so that it is
     * reaped.
     *
     * @throws NullPointerException if {@code mainClass}, {@code args} or any argument is null
     * @throws IOException if the child could not be started
     */
    public static Process start(Class<?> mainClass, List<String> args) throws IOException {
        Objects.requireNonNull(mainClass, "mainClass");
        List<String> arguments = List.copyOf(Objects.requireNonNull(args, "args")); // rejects null elements
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Name the charset on the child's side; join decodes with the same one.
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        // No performance-data file: a JVM that finds it locked warns on stdout, amid the child's output.
        command.add("-XX:-UsePerfData");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        return new ProcessBuilder(command).start();
    }

    /**
     * Waits for {@code child} to end, for at most {@code timeout}, and returns what became of it.
     *
     * <p>First closes the child's standard input (nothing more will be written to it), then reads
     * its standard output and error while it runs, so a child that writes a lot never blocks on a
     * full pipe. If the child is still alive at the timeout, it is asked to stop
     * ({@link Process#destroy()}), given {@link #GRACE} to do so, then killed
     * ({@link Process#destroyForcibly()}); the result says {@code timedOut}. When this method
     * returns or throws, the child has ended.
     *
     * @throws NullPointerException if {@code child} or {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws InterruptedException if the caller is interrupted while waiting; the child is then
     *         destroyed forcibly before this method throws
     * @throws UncheckedIOException if the child's output cannot be read
     */
    public static ChildResult join(Process child, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(child, "child");
        requirePositive(timeout);
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> stdout;
            Future<String> stderr;
            boolean timedOut = false;
            try {
                closeQuietly(child);
                stdout = readers.submit(() -> readAll(child.getInputStream()));
                stderr = readers.submit(() -> readAll(child.getErrorStream()));
                if (!child.waitFor(timeout)) {
                    timedOut = true;
                    // Through the ProcessHandle: Process.destroy() would also close the pipes on
                    // Linux and macOS, and a reader not yet done would lose what the child wrote.
                    child.toHandle().destroy();
                    child.waitFor(GRACE); // a child still alive after its grace is killed just below
                }
            } finally {
                // Also on an interrupt or an error: the child never outlives this call (its output
                // is abandoned then, so closing the pipes too does no harm).
                if (child.isAlive()) {
                    child.destroyForcibly(); // killed: it will be gone in a moment
                }
            }
            // The child has ended, so both pipes reach their end and the readers finish.
            return new ChildResult(child.pid(), timedOut ? -1 : child.exitValue(), result(stdout), result(stderr), timedOut);
        }
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM and {@linkplain #join joins} it: the
     * same as {@code join(start(mainClass, args), timeout)}.
     *
     * @throws NullPointerException if any argument, or any element of {@code args}, is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative; no child is started
     * @throws IOException if the child could not be started
     * @throws InterruptedException if the caller is interrupted while waiting; the child is then
     *         destroyed forcibly before this method throws
     */
    public static ChildResult run(Class<?> mainClass, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        requirePositive(timeout); // before starting anything
        return join(start(mainClass, args), timeout);
    }

    private static void requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    private static void closeQuietly(Process child) {
        try {
            child.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // The child may have ended already: there is nobody left to tell.
        }
    }

    private static String readAll(InputStream in) throws IOException {
        // Decoded in one piece, so no multi-byte character is split between two reads.
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String result(Future<String> output) throws InterruptedException {
        try {
            return output.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io
                    ? new UncheckedIOException(io)
                    : new IllegalStateException("reading the child's output failed", e.getCause());
        }
    }
}
