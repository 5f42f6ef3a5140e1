package k10_thread_local;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Binds a value for the duration of one call, with {@link ScopedValue}: the bounded alternative
 * to a {@code ThreadLocal}, made for virtual threads.
 *
 * <p>A binding is seen by the code that {@link #run} or {@link #call} runs, on the calling
 * thread, and nowhere else; it ends when that code returns or throws, so nothing can leak into
 * the next task. Binding again inside nests: the inner value hides the outer one until the inner
 * call ends. A thread started inside the call does not see the binding; {@link #startVirtual}
 * re-binds the caller's value in the new thread explicitly. There is no {@code set}: a binding
 * cannot change while it lasts.
 *
 * @param <T> the type of the value
 */
public final class ScopedContext<T> {

    private final ScopedValue<T> value = ScopedValue.newInstance();

    /**
     * Runs {@code op} with {@code bound} as this context's value on the calling thread.
     *
     * @throws NullPointerException if {@code bound} or {@code op} is null
     */
    public void run(T bound, Runnable op) {
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(op, "op");
        ScopedValue.where(value, bound).run(op);
    }

    /**
     * Calls {@code op} with {@code bound} as this context's value on the calling thread and
     * returns its result.
     *
     * @throws Exception whatever {@code op} throws, unchanged
     * @throws NullPointerException if {@code bound} or {@code op} is null
     */
    public <R> R call(T bound, Callable<? extends R> op) throws Exception {
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(op, "op");
        return ScopedValue.where(value, bound).call(op::call);
    }

    /** The value bound on the calling thread, or empty outside any {@code run} or {@code call}. */
    public Optional<T> get() {
        return value.isBound() ? Optional.of(value.get()) : Optional.empty();
    }

    /**
     * Starts a virtual thread that runs {@code task} with the caller's current value bound, or
     * with none if the caller has none, and returns it.
     *
     * <p>The binding in the new thread lasts as long as {@code task} and ends with it.
     *
     * @throws NullPointerException if {@code task} is null
     */
    public Thread startVirtual(Runnable task) {
        Objects.requireNonNull(task, "task");
        Optional<T> captured = get();
        if (captured.isEmpty()) {
            return Thread.ofVirtual().start(task);
        }
        Thread[] started = new Thread[1];
        run(captured.get(), () -> started[0] = Thread.ofVirtual().start(task)); // bind, then start inside the binding
        return started[0];
    }
}
