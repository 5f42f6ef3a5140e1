package k01_spawn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

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
        // TODO task 1: ask the JDK for a handle on this very process, and its id.
        throw new UnsupportedOperationException("Task 1 of k01_spawn: return this JVM's pid. See README.md.");
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
        // TODO task 2: check the arguments; build the command: this JVM's java (from java.home), the
        //      options that make the child write UTF-8, -cp with this JVM's class path, the main
        //      class's name, then the arguments. Start it with a ProcessBuilder, never a shell.
        throw new UnsupportedOperationException("Task 2 of k01_spawn: start a child JVM. See README.md.");
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
        // TODO task 3: close the child's stdin; read stdout and stderr (as UTF-8) on other threads
        //      while this one waits for the child to end; return its pid, exit code and output.
        // TODO task 4: wait at most timeout; then destroy, wait GRACE, destroy forcibly. Make sure
        //      no path out of this method (an interrupt included) leaves the child alive.
        throw new UnsupportedOperationException("Tasks 3 and 4 of k01_spawn: join the child. See README.md.");
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
        // TODO task 3: start, then join. Task 4: reject a bad timeout before starting anything.
        throw new UnsupportedOperationException("Task 3 of k01_spawn: start and join a child. See README.md.");
    }
}
