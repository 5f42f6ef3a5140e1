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
     * @throws NullPointerException if {@code name} or {@code task} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Thread start(String name, Runnable task) {
        check(name, task);
        Thread thread = new Thread(task, name);
        thread.start();
        return thread;
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
        check(name, task);
        Box<T> box = new Box<>(task);
        Thread worker = start(name, box);
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        }
        // Plain fields suffice: the worker's writes happen-before join returns.
        if (box.failure != null) {
            throw new ExecutionException(box.failure);
        }
        return box.result;
    }

    /**
     * Starts a virtual thread with the given name that runs {@code task}, and returns it.
     *
     * @throws NullPointerException if {@code name} or {@code task} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Thread startVirtual(String name, Runnable task) {
        check(name, task);
        Thread thread = Thread.ofVirtual().unstarted(task);
        thread.setName(name); // before start: the task never sees another name
        thread.start();
        return thread;
    }

    private static void check(String name, Object task) {
        if (name == null || task == null) {
            throw new NullPointerException(name == null ? "name" : "task");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("a thread name must not be blank");
        }
    }

    /** Runs a task once and keeps what came of it. */
    private static final class Box<T> implements Runnable {
        private final Callable<T> task;
        T result;
        Throwable failure;

        Box(Callable<T> task) {
            this.task = task;
        }

        @Override
        public void run() {
            try {
                result = task.call();
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
