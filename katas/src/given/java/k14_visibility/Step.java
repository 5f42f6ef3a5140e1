package k14_visibility;

/**
 * One step of a loop that may block, and so may be interrupted.
 *
 * <p>A step that blocks in an interruptible call ({@code Thread.sleep}, {@code BlockingQueue.take},
 * {@code Object.wait}, ...) ends with {@link InterruptedException} when its thread is interrupted,
 * and the JDK clears the thread's interrupt status as it throws.
 */
@FunctionalInterface
public interface Step {

    /**
     * Does one step of work.
     *
     * @throws InterruptedException if the thread was interrupted while the step was blocked
     */
    void run() throws InterruptedException;
}
