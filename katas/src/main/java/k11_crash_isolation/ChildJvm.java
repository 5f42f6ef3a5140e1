package k11_crash_isolation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
        // TODO task 2: check the arguments; start this JVM's own java with this class path (never a
        //      shell) and UTF-8 output; read stdout and stderr at the same time; wait at most the
        //      timeout; kill and reap the child whatever happens.
        throw new UnsupportedOperationException("Task 2 of k11_crash_isolation: run a program in a child JVM. See README.md.");
    }
}
