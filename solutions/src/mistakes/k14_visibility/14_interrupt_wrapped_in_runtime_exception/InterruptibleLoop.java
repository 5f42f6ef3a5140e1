package k14_visibility;

import java.util.Objects;

/**
 * Runs steps until the current thread is interrupted: the JDK's own stop flag, which also wakes a
 * thread that is blocked.
 *
 * <p>{@code Thread.interrupt()} on a thread happens-before that thread detects the interrupt,
 * whether by {@link Thread#isInterrupted()} or by an {@link InterruptedException} thrown out of a
 * blocking call. A volatile flag cannot end a {@code take()} on an empty queue; an interrupt can.
 */
public final class InterruptibleLoop {

    private InterruptibleLoop() {}

    /**
     * Runs {@code step} over and over on the current thread until the thread is interrupted, and
     * returns how many steps completed.
     *
     * <p>The interrupt is checked before each step; a step blocked when it comes ends with
     * {@link InterruptedException}, which ends the loop too and does not count as completed. On
     * return the thread's interrupt status is set, so code further up still sees the request. A
     * thread already interrupted on entry returns 0 at once.
     *
     * @throws NullPointerException if {@code step} is null
     */
    public static long runUntilInterrupted(Step step) {
        Objects.requireNonNull(step, "step");
        long completed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                step.run();
                completed++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return completed;
    }
}
