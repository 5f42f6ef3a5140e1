package k11_crash_isolation;

import java.util.Objects;

/**
 * Thrown by a supervisor that has started a worker as often as it may and seen it fail every time.
 *
 * <p>The message names the number of attempts, the last exit code and the last line the worker
 * wrote to standard error, so that whoever reads the log knows why without rerunning it.
 */
public final class GaveUpException extends Exception {

    private final int attempts;
    private final transient ChildResult lastResult;

    /**
     * @param attempts how many times the worker was started
     * @param lastResult how the last attempt ended
     * @throws IllegalArgumentException if {@code attempts} is less than 1
     * @throws NullPointerException if {@code lastResult} is null
     */
    public GaveUpException(int attempts, ChildResult lastResult) {
        super(message(attempts, lastResult));
        this.attempts = attempts;
        this.lastResult = lastResult;
    }

    private static String message(int attempts, ChildResult lastResult) {
        Objects.requireNonNull(lastResult, "lastResult");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        return "gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + ": the last one exited with code " + lastResult.exitCode()
                + " and its last words on stderr were: " + lastResult.lastStderrLine();
    }

    /** How many times the worker was started. */
    public int attempts() {
        return attempts;
    }

    /** How the last attempt ended. */
    public ChildResult lastResult() {
        return lastResult;
    }
}
