package k10_thread_local;

import java.util.Objects;
import java.util.Optional;

/**
 * Holds one value per thread, such as the student a request is for, so that every function the
 * thread calls can read it without a parameter.
 *
 * <p>A value set by one thread is seen only by that thread: no other thread can read it, change
 * it or remove it, so no lock is involved. Because a thread from a pool outlives its task, a task
 * must remove what it set; {@link #runWith} does that, and {@link #withContext} hands a value
 * to a task on another thread explicitly, since nothing flows between threads by itself.
 *
 * @param <T> the type of the value
 */
public final class ThreadContext<T> {

    private final ThreadLocal<T> slot = new ThreadLocal<>();

    /**
     * Sets the calling thread's value, replacing any value it had.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public void set(T value) {
        slot.set(Objects.requireNonNull(value, "value"));
    }

    /** The calling thread's value, or empty if it has none. */
    public Optional<T> get() {
        return Optional.ofNullable(slot.get());
    }

    /** Removes the calling thread's value, if any. */
    public void remove() {
        slot.remove();
    }

    /**
     * Runs {@code task} on the calling thread with {@code value} set, then gives the thread back
     * the value it had before (or none), whether the task returns or throws.
     *
     * @throws NullPointerException if {@code value} or {@code task} is null
     */
    public void runWith(T value, Runnable task) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(task, "task");
        slot.set(value);
        T previous = slot.get();
        try {
            task.run();
        } finally {
            restore(previous);
        }
    }

    /**
     * Captures the calling thread's value now and returns a task that runs {@code task} with it,
     * on whichever thread runs the returned task.
     *
     * <p>The capture happens-before the wrapped task runs (an executor's hand-off guarantees it).
     * The running thread gets back the value it had before once the task returns or throws, so a
     * pool thread is left exactly as it was found. If the caller has no value, the task runs with
     * none.
     *
     * @throws NullPointerException if {@code task} is null
     */
    public Runnable withContext(Runnable task) {
        Objects.requireNonNull(task, "task");
        T captured = slot.get();
        return () -> {
            T previous = slot.get();
            restore(captured);
            try {
                task.run();
            } finally {
                restore(previous);
            }
        };
    }

    private void restore(T value) {
        // remove() rather than set(null): no entry is left behind in the thread's map.
        if (value == null) {
            slot.remove();
        } else {
            slot.set(value);
        }
    }
}
