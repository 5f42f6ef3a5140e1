package k06_threads;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
     * @throws NullPointerException if {@code name} or {@code task} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Thread start(String name, Runnable task) {
        return launch(Thread.ofPlatform(), name, task);
    }

    /**
     * Runs {@code task} on a new platform thread with the given name, waits for it, and returns
     * its result.
     *
     * @throws ExecutionException if the task threw; the cause is the task's exception
     * @throws InterruptedException if the caller is interrupted while waiting
     * @throws NullPointerException if {@code name} or {@code task} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static <T> T call(String name, Callable<T> task) throws InterruptedException, ExecutionException {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> answer = new CompletableFuture<>();
        Thread worker = start(name, () -> {
            try {
                answer.complete(task.call());
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        }
        return answer.get();
    }

    /**
     * Starts a virtual thread with the given name that runs {@code task}, and returns it.
     *
     * @throws NullPointerException if {@code name} or {@code task} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Thread startVirtual(String name, Runnable task) {
        return launch(Thread.ofVirtual(), name, task);
    }

    private static Thread launch(Thread.Builder builder, String name, Runnable task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (name.strip().isEmpty()) {
            throw new IllegalArgumentException("a thread name must not be blank");
        }
        return builder.name(name).start(task);
    }
}
