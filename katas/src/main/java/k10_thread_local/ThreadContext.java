package k10_thread_local;

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

    // TODO task 1: one field that keeps a separate value for every thread.

    /**
     * Sets the calling thread's value, replacing any value it had.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public void set(T value) {
        // TODO task 1
        throw new UnsupportedOperationException("Task 1 of k10_thread_local: keep a value per thread. See README.md.");
    }

    /** The calling thread's value, or empty if it has none. */
    public Optional<T> get() {
        // TODO task 1
        throw new UnsupportedOperationException("Task 1 of k10_thread_local: read this thread's value. See README.md.");
    }

    /** Removes the calling thread's value, if any. */
    public void remove() {
        // TODO task 1
        throw new UnsupportedOperationException("Task 1 of k10_thread_local: remove this thread's value. See README.md.");
    }

    /**
     * Runs {@code task} on the calling thread with {@code value} set, then gives the thread back
     * the value it had before (or none), whether the task returns or throws.
     *
     * @throws NullPointerException if {@code value} or {@code task} is null
     */
    public void runWith(T value, Runnable task) {
        // TODO task 2: set the value, run the task, and put back what the thread had before,
        //      even if the task throws. Compare with LeakyBinding (given), which forgets that.
        throw new UnsupportedOperationException("Task 2 of k10_thread_local: clean up after the task. See README.md.");
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
        // TODO task 3: read the value here, on the caller's thread; return a Runnable that puts it
        //      in place on the thread that runs it, runs the task, then restores that thread.
        throw new UnsupportedOperationException("Task 3 of k10_thread_local: hand the context to another thread. See README.md.");
    }
}
