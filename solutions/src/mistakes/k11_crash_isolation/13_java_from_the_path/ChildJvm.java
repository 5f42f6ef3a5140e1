package k11_crash_isolation;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.TimeoutException;

/**
 * Runs a Java program in a child JVM and reports how it ended, so that whatever the child does,
 * exiting with an error, halting, or dying of an exception, the parent goes on.
 *
 * <p>The child is started from this JVM's own {@code java} with this JVM's class path, never
 * through a shell, and writes UTF-8 on both output streams. The caller blocks until the child has
 * ended and has been reaped: when {@code run} returns or throws, the child is gone.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * Runs {@code mainClass} with {@code args} in a new JVM and waits for it to end.
     *
     * @param timeout how long the child may run; after that it is killed
     * @return the child's exit code and what it wrote to stdout and stderr
     * @throws TimeoutException if the child was still running after {@code timeout}; it has been
     *         killed and reaped by the time this is thrown
     * @throws IOException if the child could not be started
     * @throws InterruptedException if the caller is interrupted while waiting; the child is killed
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException if any argument, or any element of {@code args}, is null
     */
    public static ChildResult run(Class<?> mainClass, List<String> args, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        Objects.requireNonNull(mainClass, "mainClass");
        List<String> arguments = List.copyOf(args); // rejects null elements
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        List<String> command = new ArrayList<>(List.of(
                "java", // whatever java the PATH finds
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(arguments);
        Process child = new ProcessBuilder(command).start();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            child.getOutputStream().close(); // the child reads nothing from us
            // Both streams are drained at once: a child blocked on a full pipe would never end.
            Future<String> stdout = readers.submit(() -> readAll(child.getInputStream()));
            Future<String> stderr = readers.submit(() -> readAll(child.getErrorStream()));
            try {
                if (!child.waitFor(timeout)) {
                    throw new TimeoutException(mainClass.getName() + " was still running after " + timeout + "; it was killed");
                }
                return new ChildResult(child.exitValue(), stdout.get(), stderr.get());
            } catch (ExecutionException e) {
                throw new IOException("could not read the output of " + mainClass.getName(), e.getCause());
            } finally {
                // Kill and reap it whatever happened, so that its pipes close and the readers end.
                child.destroyForcibly();
                child.onExit().join(); // join ignores interrupts and keeps the caller's interrupt status
            }
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
