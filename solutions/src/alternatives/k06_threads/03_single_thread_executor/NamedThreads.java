package k06_threads;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        return Thread.ofPlatform().name(checkedName(name)).start(Objects.requireNonNull(task, "task"));
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
        // FutureTask keeps the result or the exception; join is the happens-before edge.
        Objects.requireNonNull(task, "task");
        // close() waits until the worker has ended, even after an interrupt (then it re-asserts it).
        try (ExecutorService pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(checkedName(name)).factory())) {
            Future<T> future = pool.submit(task);
            try {
                return future.get();
            } catch (InterruptedException e) {
                future.cancel(true); // interrupts the worker
                throw e;
            }
        }
    }

    /**
     * Starts a virtual thread with the given name that runs {@code task}, and returns it.
     *
     * @throws NullPointerException if {@code name} or {@code task} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Thread startVirtual(String name, Runnable task) {
        return Thread.ofVirtual().name(checkedName(name)).start(Objects.requireNonNull(task, "task"));
    }

    private static String checkedName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a thread name must not be blank");
        }
        return name;
    }
}
