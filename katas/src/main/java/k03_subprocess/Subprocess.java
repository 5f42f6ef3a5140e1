package k03_subprocess;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Runs a Java program as a child process, the way Python's {@code subprocess} module runs a
 * command: wait for its exit code, capture its output, or talk to it over its standard streams.
 *
 * <p>The child is a new JVM started from this JVM's own {@code java} with this JVM's class path,
 * never through a shell: each argument reaches the child's {@code main} exactly as given. Every
 * method blocks the caller until the child has ended and has been reaped; no child outlives the
 * call, whether it returns or throws. Everything the child wrote happens-before the method returns.
 */
public final class Subprocess {

    private Subprocess() {}

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM, waits for it to end, and returns its
     * exit code: Python's {@code subprocess.call}.
     *
     * <p>The child's standard input is empty (it reads end of stream at once) and its output is
     * discarded.
     *
     * @throws NullPointerException if {@code mainClass}, {@code args} or any argument is null
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if the caller is interrupted while waiting; the child is killed
     *         and reaped first
     */
    public static int call(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        // TODO task 1: start a ProcessBuilder on command(...), give the child an empty stdin and
        //      discard its output, wait for it, and return its exit code. Reap it whatever happens.
        throw new UnsupportedOperationException("Task 1 of k03_subprocess: run a child JVM and return its exit code. See README.md.");
    }

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM and returns what it wrote to its
     * standard output, decoded with {@code charset}: Python's
     * {@code subprocess.check_output(...).decode(charset)}.
     *
     * <p>The child is told to write in that same charset ({@code -Dstdout.encoding}), so text
     * survives the trip whatever the platform's default. Its standard input is empty and its
     * standard error is discarded.
     *
     * @throws NullPointerException if any argument is null
     * @throws IOException if the child cannot be started or its output cannot be read
     * @throws InterruptedException if the caller is interrupted while waiting; the child is killed
     *         and reaped first
     */
    public static String output(Charset charset, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        // TODO task 2: read all of the child's stdout and decode it with charset, the charset the
        //      child was told to write in. Stay interruptible while a silent child runs, and reap it.
        throw new UnsupportedOperationException("Task 2 of k03_subprocess: capture a child's output in a stated charset. See README.md.");
    }

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM, sends it {@code input} on its
     * standard input, and returns its exit code and everything it wrote: Python's
     * {@code Popen(..., stdin=PIPE, stdout=PIPE, stderr=PIPE).communicate(input)}.
     *
     * <p>Input is written, and both outputs are read, at the same time, so a child that writes
     * far more than a pipe holds to either stream, before or while reading its input, never
     * deadlocks with the caller. The input is encoded, and both outputs decoded, with
     * {@code charset}, and the child is told to use it on all three streams. After the input
     * the child's standard input is closed; a child that ends without reading all of it is not
     * an error.
     *
     * @throws NullPointerException if any argument is null
     * @throws IOException if the child cannot be started or its output cannot be read
     * @throws InterruptedException if the caller is interrupted while waiting; the child is killed
     *         and reaped first
     */
    public static Completed communicate(Charset charset, String input, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        // TODO task 4: write the input, read stdout and read stderr at the same time (one thread
        //      each), wait for the child, and return a Completed.
        throw new UnsupportedOperationException("Task 4 of k03_subprocess: talk to a child over stdin, stdout and stderr. See README.md.");
    }

    /**
     * Does what {@link #communicate(Charset, String, Class, String...)} does, but gives the child
     * at most {@code timeout} to end: Python's {@code communicate(input, timeout=...)} followed by
     * {@code kill()}.
     *
     * <p>If the child has not ended when the timeout expires, it is killed and reaped, and then
     * the method throws.
     *
     * @throws TimeoutException if the child did not end within {@code timeout}; it is dead when
     *         this is thrown
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException if any argument is null
     * @throws IOException if the child cannot be started or its output cannot be read
     * @throws InterruptedException if the caller is interrupted while waiting; the child is killed
     *         and reaped first
     */
    public static Completed communicate(Charset charset, String input, Duration timeout, Class<?> mainClass,
            String... args) throws IOException, InterruptedException, TimeoutException {
        // TODO task 5: the same exchange, but wait at most timeout for the child; if it overruns,
        //      kill it, wait for it to die, then throw TimeoutException.
        throw new UnsupportedOperationException("Task 5 of k03_subprocess: kill a child that overruns its timeout. See README.md.");
    }

    /**
     * The command that starts {@code mainClass} in a new JVM, with the child's standard streams in
     * {@code charset}.
     */
    private static List<String> command(Charset charset, Class<?> mainClass, String... args) {
        // TODO task 1: this JVM's own java (java.home/bin/java), -cp with this JVM's class path,
        //      the main class's name, then the arguments. Never a shell.
        // TODO task 2: tell the child its charset: -Dstdin.encoding, -Dstdout.encoding, -Dstderr.encoding.
        // TODO task 3: every argument a separate element, passed through ArgumentQuoting.forThisPlatform.
        throw new UnsupportedOperationException("Task 1 of k03_subprocess: build the child's command line. See README.md.");
    }
}
