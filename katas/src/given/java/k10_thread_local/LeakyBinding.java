package k10_thread_local;

import java.util.Objects;

/**
 * Binds a thread-local value for a task and never removes it: broken on purpose, kept for study.
 *
 * <p>On a thread of its own this looks harmless, because the value dies with the thread. On a
 * pooled thread, which lives on and runs the next task, the value stays: the next task, for
 * somebody else, sees the previous task's student. Compare with {@code ThreadContext.runWith}.
 */
public final class LeakyBinding {

    private LeakyBinding() {}

    /**
     * Sets {@code slot} to {@code value} on the current thread and runs {@code task}; the value is
     * still set afterwards, whether the task returned or threw.
     *
     * @throws NullPointerException if any argument is null
     */
    public static <T> void runWith(ThreadLocal<T> slot, T value, Runnable task) {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(task, "task");
        slot.set(value);
        task.run(); // no finally, no remove: the bug this class exists to show
    }
}
