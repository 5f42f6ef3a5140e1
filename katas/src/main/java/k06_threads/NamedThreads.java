package k06_threads;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * Starts named threads, joins them, and carries a result or a failure back to the caller.
 *
 * <p>Every method creates exactly one new thread and never reuses the caller's. {@link #start}
 * and {@link #startVirtual} return at once; {@link #call} blocks the caller until the new thread
 * has ended. Everything the new thread did happens-before {@code call} returns or throws.
 */
public final class NamedThreads {

    private NamedThreads() {}

    /**
     * Starts a platform thread with the given name that runs {@code task}, and returns it.
     *
     * <p>The caller does not wait; use {@link Thread#join()} to wait for the end.
     *
     * @throws NullPointerException if {@code name} or {@code task} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Thread start(String name, Runnable task) {
        // TODO task 1: build a platform thread with this name around the task, start it, return it.
        //      Check the arguments first: the Javadoc promises which exception each bad input gets.
        throw new UnsupportedOperationException("Task 1 of k06_threads: start a named platform thread. See README.md.");
    }

    /**
     * Runs {@code task} on a new platform thread with the given name, waits for it, and returns
     * its result.
     *
     * <p>The caller blocks until the new thread ends. If the task throws, the caller gets an
     * {@link ExecutionException} whose cause is exactly what the task threw: a failure never
     * vanishes with its thread.
     *
     * @throws ExecutionException if the task threw; the cause is the task's exception
     * @throws InterruptedException if the caller is interrupted while waiting
     * @throws NullPointerException if {@code name} or {@code task} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static <T> T call(String name, Callable<T> task) throws InterruptedException, ExecutionException {
        // TODO task 2: run the task on a new named thread and hand its result back to this thread.
        // TODO task 3: if the task throws, rethrow it here wrapped in an ExecutionException.
        throw new UnsupportedOperationException("Tasks 2 and 3 of k06_threads: return a result from a thread. See README.md.");
    }

    /**
     * Starts a virtual thread with the given name that runs {@code task}, and returns it.
     *
     * @throws NullPointerException if {@code name} or {@code task} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Thread startVirtual(String name, Runnable task) {
        // TODO task 4: the same as start, with a virtual thread.
        throw new UnsupportedOperationException("Task 4 of k06_threads: start a named virtual thread. See README.md.");
    }
}
