package k03_subprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
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
import java.util.concurrent.TimeUnit;
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
        ProcessBuilder builder = new ProcessBuilder(command(StandardCharsets.UTF_8, mainClass, args))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = builder.start();
        try {
            child.getOutputStream().close(); // an empty stdin: a child that reads it sees the end at once
            return child.waitFor();
        } finally {
            reap(child);
        }
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
        Objects.requireNonNull(charset, "charset");
        ProcessBuilder builder = new ProcessBuilder(command(charset, mainClass, args))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = builder.start();
        // readAllBytes ignores interrupts, so another thread reads while this one waits, interruptibly.
        try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                child.getOutputStream().close();
                Future<byte[]> stdout = reader.submit(() -> readAll(child.getInputStream()));
                child.waitFor();
                return new String(get(stdout), charset);
            } finally {
                reap(child);
            }
        }
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
        try {
            return exchange(charset, input, null, mainClass, args);
        } catch (TimeoutException noTimeoutWasSet) {
            throw new AssertionError(noTimeoutWasSet);
        }
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
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return exchange(charset, input, timeout, mainClass, args);
    }

    /** communicate, with no time limit when {@code timeout} is null. */
    private static Completed exchange(Charset charset, String input, Duration timeout, Class<?> mainClass,
            String[] args) throws IOException, InterruptedException, TimeoutException {
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(input, "input");
        Process child = new ProcessBuilder(command(charset, mainClass, args)).start();
        // One thread per stream: a child blocked writing one pipe must never wait on us reading another.
        try (ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor()) {
            // Reap before the executor closes: a stream thread only ends once the child's pipes do.
            try {
                streams.execute(() -> send(child.getOutputStream(), input.getBytes(charset)));
                Future<byte[]> stdout = streams.submit(() -> readAll(child.getInputStream()));
                Future<byte[]> stderr = streams.submit(() -> readAll(child.getErrorStream()));
                if (timeout == null) {
                    child.waitFor();
                } else if (!child.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new TimeoutException("the child did not end within " + timeout + ", so it was killed");
                }
                return new Completed(child.exitValue(), new String(get(stdout), charset),
                        new String(get(stderr), charset));
            } finally {
                reap(child);
            }
        }
    }

    private static void send(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException childStoppedReading) {
            // Python's communicate ignores a broken pipe too: a child may end without reading all its input.
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] get(Future<byte[]> output) throws IOException, InterruptedException {
        try {
            return output.get();
        } catch (ExecutionException e) {
            throw new IOException("reading the child's output failed", e.getCause());
        }
    }

    /**
     * This JVM's own java, its class path, the charset for the child's three standard streams,
     * then the main class and the arguments, each one a separate element: no shell ever parses it.
     */
    private static List<String> command(Charset charset, Class<?> mainClass, String... args) {
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(args, "args");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dstdin.encoding=" + charset.name());
        command.add("-Dstdout.encoding=" + charset.name());
        command.add("-Dstderr.encoding=" + charset.name());
        // No performance-data file: a JVM that finds it locked warns on stdout, amid the child's output.
        command.add("-XX:-UsePerfData");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        for (String arg : args) {
            command.add(Objects.requireNonNull(arg, "an argument is null"));
        }
        // On Windows a child gets one command line, not a list: quote each argument for its parser.
        command.subList(1, command.size()).replaceAll(ArgumentQuoting::forThisPlatform);
        return command;
    }

    /** Kills the child if it still runs and waits for its end, even if this thread is interrupted. */
    private static void reap(Process child) {
        child.destroyForcibly(); // killed: it will be gone in a moment
    }
}
